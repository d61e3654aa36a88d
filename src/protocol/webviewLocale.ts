/**
 * What the host tells each webview app about VS Code's display language. It travels in the
 * app's page (src/views/chat/html.ts) as an inert JSON element, so the app has it before it
 * renders anything. Types only, like the rest of src/protocol.
 */
export interface WebviewLocale {
  /** `vscode.env.language` (`en`, `pt-br`, `es`…): dates and times are formatted for it. */
  readonly language: string;
  /** `vscode.l10n.bundle`: English message → translation; absent when VS Code runs in English. */
  readonly bundle?: Readonly<Record<string, string>>;
}
