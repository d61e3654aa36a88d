/**
 * The page the chat bundle runs in, outside VS Code: the extension's own page and CSP
 * (src/views/chat/html.ts), the built bundle (dist/webview/chat.js) and a fake `acquireVsCodeApi`
 * that records what the app posts and holds its state. Free of mocha, so both the webview tests
 * (test/webview/harness.ts) and the benchmark (scripts/bench-webview.js, through
 * out/test/helpers/webviewShell.js) use it.
 *
 * Everything is served from a fake https origin through request interception, so nothing touches
 * the network: `https://webview.test/` plays the webview's `cspSource`, `https://img.test/`
 * serves attachment images (allowed by `img-src https:`), and every other request is aborted.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { WebviewLocale } from '../../src/protocol/webviewLocale';
import { webviewHtml } from '../../src/views/chat/html';

export const root = path.resolve(__dirname, '../../..');
export const ORIGIN = 'https://webview.test';
export const IMAGE_ORIGIN = 'https://img.test';
/** Serves images too, but is not the installation the tests' conversations live on. */
export const OTHER_IMAGE_ORIGIN = 'https://elsewhere.test';
const NONCE = 'dGVzdC1ub25jZQ==';

/** VS Code's Dark+ theme values for the variables chat.css uses. */
export const DARK_THEME = `
:root {
  --vscode-font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: rgba(204, 204, 204, 0.7);
  --vscode-errorForeground: #f48771;
  --vscode-focusBorder: #007fd4;
  --vscode-icon-foreground: #c5c5c5;
  --vscode-sideBar-background: #252526;
  --vscode-editor-background: #1e1e1e;
  --vscode-sideBarSectionHeader-border: rgba(204, 204, 204, 0.2);
  --vscode-panel-border: rgba(128, 128, 128, 0.35);
  --vscode-widget-border: #303031;
  --vscode-widget-shadow: rgba(0, 0, 0, 0.36);
  --vscode-editorWidget-background: #2d2d30;
  --vscode-editorWidget-foreground: #cccccc;
  --vscode-editorWidget-border: #454545;
  --vscode-button-background: #0e639c;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #1177bb;
  --vscode-button-secondaryBackground: #3a3d41;
  --vscode-button-secondaryForeground: #ffffff;
  --vscode-button-secondaryHoverBackground: #45494e;
  --vscode-badge-background: #4d4d4d;
  --vscode-badge-foreground: #ffffff;
  --vscode-input-background: #3c3c3c;
  --vscode-input-foreground: #cccccc;
  --vscode-input-placeholderForeground: #a6a6a6;
  --vscode-inputValidation-warningBackground: #352a05;
  --vscode-inputValidation-warningBorder: #b89500;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-editorWarning-foreground: #cca700;
  --vscode-testing-iconPassed: #73c991;
  --vscode-textLink-foreground: #3794ff;
  --vscode-textLink-activeForeground: #3794ff;
  --vscode-textCodeBlock-background: rgba(10, 10, 10, 0.4);
  --vscode-textBlockQuote-border: rgba(0, 122, 204, 0.5);
  --vscode-toolbar-hoverBackground: rgba(90, 93, 94, 0.31);
  --vscode-list-hoverBackground: #2a2d2e;
  --vscode-editorSuggestWidget-background: #252526;
  --vscode-editorSuggestWidget-border: #454545;
  --vscode-editorSuggestWidget-selectedBackground: #04395e;
  --vscode-editorSuggestWidget-highlightForeground: #2aaaff;
  --vscode-charts-blue: #3794ff;
}`;

/**
 * VS Code's Dark High Contrast values for the same variables. Colours the theme leaves unset
 * (button backgrounds among them) are left out, as VS Code leaves them out of the page.
 */
export const HIGH_CONTRAST_THEME = `
:root {
  --vscode-font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-foreground: #ffffff;
  --vscode-descriptionForeground: rgba(255, 255, 255, 0.7);
  --vscode-errorForeground: #f48771;
  --vscode-focusBorder: #f38518;
  --vscode-contrastBorder: #6fc3df;
  --vscode-contrastActiveBorder: #f38518;
  --vscode-icon-foreground: #ffffff;
  --vscode-sideBar-background: #000000;
  --vscode-editor-background: #000000;
  --vscode-editorWidget-background: #0c141f;
  --vscode-editorWidget-foreground: #ffffff;
  --vscode-editorWidget-border: #6fc3df;
  --vscode-widget-border: #6fc3df;
  --vscode-button-foreground: #ffffff;
  --vscode-button-border: #6fc3df;
  --vscode-button-secondaryForeground: #ffffff;
  --vscode-badge-background: #000000;
  --vscode-badge-foreground: #ffffff;
  --vscode-input-background: #000000;
  --vscode-input-foreground: #ffffff;
  --vscode-input-border: #6fc3df;
  --vscode-input-placeholderForeground: rgba(255, 255, 255, 0.7);
  --vscode-inputValidation-warningBackground: #000000;
  --vscode-inputValidation-warningBorder: #6fc3df;
  --vscode-inputValidation-errorBorder: #6fc3df;
  --vscode-editorWarning-foreground: #ffcc00;
  --vscode-testing-iconPassed: #73c991;
  --vscode-textLink-foreground: #21a6ff;
  --vscode-textLink-activeForeground: #21a6ff;
  --vscode-textCodeBlock-background: #000000;
  --vscode-textBlockQuote-border: #ffffff;
  --vscode-list-focusOutline: #f38518;
  --vscode-editorSuggestWidget-background: #0c141f;
  --vscode-editorSuggestWidget-border: #6fc3df;
  --vscode-editorSuggestWidget-highlightForeground: #f38518;
  --vscode-charts-blue: #3794ff;
}`;

export interface ShellOptions {
  /** What `getState()` returns at first, as VS Code would hand back after a reload. */
  readonly state?: unknown;
  readonly theme?: 'dark' | 'high-contrast';
  readonly viewport?: { width: number; height: number };
  /**
   * Serve the page cross-origin isolated (COOP/COEP), which gives `performance.now()` a 5 µs
   * resolution instead of 100 µs. For the benchmark; VS Code's webviews are not isolated.
   */
  readonly isolated?: boolean;
  /** Which webview app the page runs (src/webview/<app>); the chat unless said. */
  readonly app?: 'chat' | 'contact';
  /** VS Code's display language and bundle, put in the page as the extension does; none: English. */
  readonly locale?: WebviewLocale;
}

/** Debian's chromium unless CHROMIUM_PATH says otherwise. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/**
 * A fresh context and page with the shell loaded and the app started; resolves once the app has
 * posted `ready` (so its message listener is installed). Close it with `context.close()`.
 */
export async function openShellPage(browser: Browser, options: ShellOptions = {}, beforeLoad?: (page: Page) => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: options.viewport ?? { width: 420, height: 640 },
  });
  const page = await context.newPage();
  beforeLoad?.(page);
  await loadShell(page, options);
  return { context, page };
}

/** Routes the fake origins, installs the fake VS Code API and loads the shell. */
export async function loadShell(page: Page, options: ShellOptions = {}): Promise<void> {
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const body = serve(url, options.theme, options.app, options.locale);
    if (!body) return route.abort('blockedbyclient');
    const headers: Record<string, string> = options.isolated
      ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'cross-origin' }
      : {};
    return route.fulfill({ ...body, headers: { ...headers, 'Content-Type': body.contentType } });
  });
  await page.addInitScript(fakeVsCodeApi, options.state ?? null);
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as TestGlobals).__test.posted.some((m) => (m as { type?: unknown }).type === 'ready'));
}

/** What the fake VS Code API exposes to the test, on `globalThis.__test`. */
export interface TestGlobals {
  __test: {
    posted: unknown[];
    violations: string[];
    /** alert/confirm/prompt/print calls: none may ever happen (they would be injected script). */
    dialogs: string[];
    state(): unknown;
    deliver(message: unknown): void;
  };
}

/** Runs in the page before the app: the stand-in for VS Code's webview API. */
export function fakeVsCodeApi(initialState: unknown): void {
  type Api = { postMessage(m: unknown): void; getState(): unknown; setState<T>(s: T): T };
  let state = initialState;
  let acquired = false;
  const posted: unknown[] = [];
  const violations: string[] = [];
  const dialogs: string[] = [];
  const w = globalThis as unknown as {
    acquireVsCodeApi(): Api;
    __test: unknown;
    postMessage(m: unknown, origin: string): void;
    alert: unknown;
    confirm: unknown;
    prompt: unknown;
    print: unknown;
    document: { addEventListener(type: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void };
  };
  w.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      // A structured clone, as VS Code's postMessage makes one.
      postMessage: (m) => void posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s) => (state = JSON.parse(JSON.stringify(s))),
    };
  };
  // Injected script would most likely call one of these: each call is recorded, none opens.
  for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
    w[name] = (...args: unknown[]) => void dialogs.push(`${name}(${args.map(String).join(', ')})`);
  }
  w.__test = { posted, violations, dialogs, state: () => state, deliver: (m: unknown) => w.postMessage(m, '*') };
}

interface Served {
  status?: number;
  contentType: string;
  body: string | Buffer;
}

export function serve(url: URL, theme: ShellOptions['theme'], app: ShellOptions['app'] = 'chat', locale?: WebviewLocale): Served | null {
  if (url.origin === IMAGE_ORIGIN || url.origin === OTHER_IMAGE_ORIGIN) return { contentType: 'image/png', body: png(320, 180) };
  if (url.origin !== ORIGIN) return null;
  switch (url.pathname) {
    case '/index.html':
      return { contentType: 'text/html', body: webviewHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/${app}.js`, styleUri: `${ORIGIN}/${app}.css`, nonce: NONCE, title: app, locale }) };
    case '/chat.js':
    case '/contact.js':
      return file(path.join(root, 'dist/webview', url.pathname.slice(1)), 'text/javascript');
    case '/contact.css':
      return file(path.join(root, 'media/contact.css'), 'text/css');
    case '/chat.css': {
      // VS Code provides the theme's variables to the page; here they lead the stylesheet.
      const css = file(path.join(root, 'media/chat.css'), 'text/css');
      const vars = theme === 'dark' ? DARK_THEME : theme === 'high-contrast' ? HIGH_CONTRAST_THEME : null;
      return vars ? { ...css, body: vars + '\n' + css.body.toString() } : css;
    }
    case '/codicon.css':
    case '/codicon.ttf': {
      // The build copies these next to the bundle; fall back to the package before it does.
      const name = url.pathname.slice(1);
      const built = path.join(root, 'dist/webview', name);
      const source = fs.existsSync(built) ? built : path.join(root, 'node_modules/@vscode/codicons/dist', name);
      return file(source, name.endsWith('.css') ? 'text/css' : 'font/ttf');
    }
    default:
      return { status: 404, contentType: 'text/plain', body: 'not found' };
  }
}

function file(p: string, contentType: string): Served {
  if (!fs.existsSync(p)) throw new Error(`${path.relative(root, p)} is missing: run "node esbuild.js" first`);
  return { contentType, body: fs.readFileSync(p) };
}

/** A small gradient PNG, so attachment images are real images. */
export function png(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = 40 + Math.round((x / width) * 120);
      raw[row + 2 + x * 3] = 90 + Math.round((y / height) * 100);
      raw[row + 3 + x * 3] = 160;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
