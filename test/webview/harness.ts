/**
 * The webview tests' handle on a page running the built chat bundle (dist/webview/chat.js) in
 * headless Chromium; the page itself (CSP, fake origins, fake `acquireVsCodeApi`) is test/helpers/webviewShell.ts.
 * One browser serves the whole run; every test gets a fresh context and page.
 */
import * as assert from 'assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FromWebview, MessageOf, ToWebview } from '../../src/protocol/chatProtocol';
import { launchChromium, openShellPage, type ShellOptions } from '../helpers/webviewShell';

export { IMAGE_ORIGIN, ORIGIN, OTHER_IMAGE_ORIGIN } from '../helpers/webviewShell';

let browserPromise: Promise<Browser> | undefined;

function browser(): Promise<Browser> {
  browserPromise ??= launchChromium();
  return browserPromise;
}

// Registered on the root suite (this module loads outside any suite): one browser per run.
suiteTeardown(async () => {
  if (browserPromise) await (await browserPromise).close();
});

/** What the fake VS Code API (webviewShell.ts) exposes to the test, on `globalThis.__test`. */
interface TestGlobals {
  __test: {
    posted: FromWebview[];
    violations: string[];
    dialogs: string[];
    state(): unknown;
    deliver(message: ToWebview): void;
  };
}

export type OpenOptions = Omit<ShellOptions, 'isolated'>;

export class ChatPage {
  private readonly _errors: string[];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    errors: string[],
  ) {
    this._errors = errors;
  }

  static async open(options: OpenOptions = {}): Promise<ChatPage> {
    const errors: string[] = [];
    const { context, page } = await openShellPage(await browser(), options, (p) => {
      p.on('pageerror', (e) => errors.push(e.message));
      p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    });
    return new ChatPage(context, page, errors);
  }

  /** Delivers a host message the way VS Code does: a `message` event on the window. */
  async send(message: ToWebview): Promise<void> {
    await this.page.evaluate((m) => (globalThis as unknown as TestGlobals).__test.deliver(m), message);
  }

  async posted(): Promise<FromWebview[]> {
    return this.page.evaluate(() => (globalThis as unknown as TestGlobals).__test.posted);
  }

  async postedOf<T extends FromWebview['type']>(type: T): Promise<MessageOf<FromWebview, T>[]> {
    return (await this.posted()).filter((m): m is MessageOf<FromWebview, T> => m.type === type);
  }

  /** Waits until the app has posted `count` messages of `type`, and returns the last one. */
  async waitForPosted<T extends FromWebview['type']>(type: T, count = 1): Promise<MessageOf<FromWebview, T>> {
    await this.page.waitForFunction(([t, n]) => (globalThis as unknown as TestGlobals).__test.posted.filter((m) => m.type === t).length >= n, [type, count] as const);
    const all = await this.postedOf(type);
    return all[all.length - 1];
  }

  /** Waits until the app has posted exactly `message` (compared as JSON, so key order counts). */
  async waitForPostedEqual(message: FromWebview): Promise<void> {
    await this.page.waitForFunction((json) => (globalThis as unknown as TestGlobals).__test.posted.some((m) => JSON.stringify(m) === json), JSON.stringify(message));
  }

  /** For a test that provokes an error on purpose: forgets the reported ones matching `pattern`. */
  forgetErrors(pattern: RegExp): void {
    for (let i = this._errors.length - 1; i >= 0; i--) if (pattern.test(this._errors[i])) this._errors.splice(i, 1);
  }

  async state(): Promise<unknown> {
    return this.page.evaluate(() => (globalThis as unknown as TestGlobals).__test.state());
  }

  async violations(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as TestGlobals).__test.violations);
  }

  /** alert/confirm/prompt/print calls the page made (the fake API records them instead). */
  async dialogs(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as TestGlobals).__test.dialogs);
  }

  /** Fails on any CSP violation, dialog or script error, then closes the page. */
  async close(): Promise<void> {
    try {
      if (!this.page.isClosed()) {
        assert.deepStrictEqual(await this.violations(), [], 'CSP violations');
        assert.deepStrictEqual(await this.dialogs(), [], 'dialogs opened by script');
      }
      assert.deepStrictEqual(this._errors, [], 'page errors');
    } finally {
      await this.context.close();
    }
  }
}

