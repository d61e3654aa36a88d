/**
 * Loads the codicon stylesheet that the build copies next to this bundle (`codicon.css` and
 * `codicon.ttf` in dist/webview/). Resolving it from the script's own URL means the shell page
 * needs no extra link, and the CSP's `style-src`/`font-src ${cspSource}` already allow it.
 */
export function loadCodicons(script: HTMLOrSVGScriptElement | null): void {
  if (document.querySelector('link[href*="codicon.css"]')) return;
  const src = script instanceof HTMLScriptElement ? script.src : '';
  if (!src) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('codicon.css', src).href;
  document.head.appendChild(link);
}
