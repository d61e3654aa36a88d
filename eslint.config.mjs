// @ts-check
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Pure modules stay free of vscode so they run in plain Node tests; only the glue listed in eslint.config.mjs may import it.' }] }],
};

// The glue between VS Code and the pure modules: the only source files that may import vscode.
// Everything else under src/ (the webview app aside: its own tsconfig never sees vscode) is
// pure, so it is tested in plain Node.
const vscodeGlue = [
  'src/extension.ts',
  'src/contextKeys.ts',
  'src/focus.ts',
  'src/userSetting.ts',
  'src/logging.ts',
  'src/auth/{accountsProvider,commands,demoSignIn,session,signInFlow,tokenStore}.ts',
  'src/connection/{chatwootConnection,settings}.ts',
  'src/notifications/{notificationCenter,popups}.ts',
  'src/statusbar/statusItem.ts',
  'src/views/chat/{attachmentFiles,chatCommands,chatController,chatViews,codeLinks}.ts',
  'src/views/contact/contactView.ts',
  'src/tools/chatwootTools.ts',
  'src/views/macros/macroCommand.ts',
  'src/views/notifications/**',
  'src/views/tree/{commands,conversationsFeature,conversationsProvider,filterMemory,goToConversation,nodes,triageCommands,unreadDecorations}.ts',
  'src/views/search/globalSearch.ts',
  'src/views/liveQuickPick.ts',
  'src/lazyCommands.ts',
];
// Tests that run inside the extension host.
const hostTests = ['test/host/**', 'test/helpers/host/**', 'test/bench/host/**', 'test/hostLocale/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'media/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: [...vscodeGlue, 'src/webview/**', ...hostTests],
    rules: noVscode,
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './src/webview/tsconfig.json' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
