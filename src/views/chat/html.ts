import type { WebviewLocale } from '../../protocol/webviewLocale';

/** What the page of a webview app is made of; the host fills it in for each webview. */
export interface WebviewPage {
  /**
   * The webview's `cspSource`: the one origin styles, fonts and images may come from. Images may
   * also come from https: and data:. The CSP cannot be narrowed to the installation: Chatwoot's
   * attachment URLs redirect to its storage host (S3, GCS…), which a CSP checks too and which is
   * not known up front. So the app decides: it loads an image by itself only from the
   * installation's origin, anything else only after the agent's click (webview/chat/links.ts).
   */
  readonly cspSource: string;
  /** The bundled app, e.g. dist/webview/chat.js as a webview URI. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh on every load: the only script that runs is the one carrying it. */
  readonly nonce: string;
  readonly title: string;
  /** VS Code's display language and its strings; without it the app shows English. */
  readonly locale?: WebviewLocale;
}

/**
 * The shell page of a webview app: a strict Content-Security-Policy whose only script is the
 * bundled app, allowed by a fresh nonce on every load; styles only from the extension. Free of
 * vscode, so the webview tests load the very page the extension serves.
 */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `img-src ${page.cspSource} https: data:`,
    // Audio and video attachments play in the chat; as for images, the app loads them by itself
    // only from the installation, anything else after a click.
    `media-src ${page.cspSource} https:`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.locale?.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${page.styleUri}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<main id="app"></main>
${page.locale ? `<script type="application/json" id="l10n">${jsonInScript(page.locale)}</script>\n` : ''}<script nonce="${page.nonce}" src="${page.scriptUri}"></script>
</body>
</html>`;
}

/**
 * JSON as the text of a data block: never run (its type is not JavaScript), so the CSP has
 * nothing to allow and it needs no nonce. Every `<` is escaped, so no translation can close the
 * element or open a comment; JSON.parse reads it back.
 */
function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
