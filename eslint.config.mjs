// @ts-check
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Pure modules stay free of vscode so they run in plain Node tests.' }] }],
};

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
    files: ['src/common/**/*.ts', 'src/cable/**/*.ts', 'src/api/**/*.ts', 'src/model/**/*.ts', 'src/realtime/**/*.ts', 'src/state/**/*.ts', 'src/chat/**/*.ts', 'src/shared/**/*.ts', 'test/unit/**/*.ts', 'test/server/**/*.ts'],
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
