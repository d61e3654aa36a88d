// Acts on the real workbench window from inside the extension host, through the test runner
// (scripts/run-host-tests.js), which holds the browser page.
import * as vscode from 'vscode';

async function control(path: string, body: unknown): Promise<string> {
  const base = process.env.CHATWOOT_TEST_WINDOW_CONTROL;
  if (!base) throw new Error('CHATWOOT_TEST_WINDOW_CONTROL is not set: run under scripts/run-host-tests.js');
  const res = await fetch(base + path, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`window control ${path}: ${res.status} ${await res.text()}`);
  return res.text();
}

/** Blurs or refocuses the workbench and resolves once the extension host has seen it. */
export async function setWindowFocused(focused: boolean): Promise<void> {
  if (vscode.window.state.focused === focused) return;
  const seen = new Promise<void>((resolve) => {
    const sub = vscode.window.onDidChangeWindowState((s) => {
      if (s.focused === focused) {
        sub.dispose();
        resolve();
      }
    });
  });
  await control('/focus', { focused });
  await seen;
}

/** Types text, then optionally presses a key (e.g. "Enter"), into the focused workbench element. */
export async function typeText(text: string, press?: string): Promise<void> {
  await control('/keyboard', press ? { type: text, press } : { type: text });
}

export async function pressKey(key: string): Promise<void> {
  await control('/keyboard', { press: key });
}

/**
 * Answers the input box or quick pick whose title contains `title`: waits for it to show, types
 * `value` into it (replacing any text) and presses Enter. Without `value`, accepts the text it was
 * shown with, as a user who just presses Enter. Resolves to that shown text.
 */
export async function answerQuickInput(title: string, value?: string): Promise<string> {
  const answer = await control('/quickInput', { title, value });
  return (JSON.parse(answer) as { before: string }).before;
}

/** Clicks `button` on the notification toast whose text contains `message` (waits for it to show). */
export async function clickNotificationButton(message: string, button: string): Promise<void> {
  await control('/clickNotificationButton', { message, button });
}

type WebviewOp =
  | { op: 'fill'; selector: string; value: string }
  | { op: 'press'; selector: string; key: string }
  | { op: 'click'; selector: string; hasText?: string }
  | { op: 'text'; selector: string; hasText?: string }
  | { op: 'count'; selector: string; hasText?: string }
  | { op: 'value'; selector: string };

/** Acts on an element inside a chat webview, as a user would; waits for it to be there. */
export async function inWebview(action: WebviewOp): Promise<string | number | null> {
  const base = process.env.CHATWOOT_TEST_WINDOW_CONTROL;
  if (!base) throw new Error('CHATWOOT_TEST_WINDOW_CONTROL is not set: run under scripts/run-host-tests.js');
  const res = await fetch(`${base}/webview`, { method: 'POST', body: JSON.stringify(action) });
  if (!res.ok) throw new Error(`webview ${action.op} ${action.selector}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: string | number | null }).result;
}

/**
 * Calls `fn(arg)` inside the webview in which `selector` matches a visible element and returns
 * its awaited result (JSON-serialisable). `fn` travels as source text: it must not use anything
 * from this module's scope. For probes the product has no reason to carry (benchmark timing).
 */
export async function evaluateInWebview<A, R>(selector: string, fn: (arg: A) => R | Promise<R>, arg: A, timeoutMs?: number): Promise<R> {
  const base = process.env.CHATWOOT_TEST_WINDOW_CONTROL;
  if (!base) throw new Error('CHATWOOT_TEST_WINDOW_CONTROL is not set: run under scripts/run-host-tests.js');
  const body = { op: 'evaluate', selector, script: fn.toString(), arg, timeout: timeoutMs };
  const res = await fetch(`${base}/webview`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`webview evaluate in ${selector}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: R }).result;
}

/**
 * Types `value` key by key into the quick pick whose title contains `title`, waits for a row whose
 * text contains `pick` (results the extension adds while the user types count) and clicks it.
 * Answers the visible rows' text as it was just before the click.
 */
export async function pickFromQuickPick(title: string, value: string, pick: string, timeoutMs?: number): Promise<string[]> {
  const base = process.env.CHATWOOT_TEST_WINDOW_CONTROL;
  if (!base) throw new Error('CHATWOOT_TEST_WINDOW_CONTROL is not set: run under scripts/run-host-tests.js');
  const res = await fetch(`${base}/quickPick`, { method: 'POST', body: JSON.stringify({ title, value, pick, timeout: timeoutMs }) });
  if (!res.ok) throw new Error(`quick pick "${title}": ${res.status} ${await res.text()}`);
  return ((await res.json()) as { rows: string[] }).rows;
}

/** Resizes the workbench's page (the window, as far as VS Code knows); answers the size it had. */
export async function setWindowSize(width: number, height: number): Promise<{ width: number; height: number } | null> {
  const base = process.env.CHATWOOT_TEST_WINDOW_CONTROL;
  if (!base) throw new Error('CHATWOOT_TEST_WINDOW_CONTROL is not set: run under scripts/run-host-tests.js');
  const res = await fetch(`${base}/viewport`, { method: 'POST', body: JSON.stringify({ width, height }) });
  if (!res.ok) throw new Error(`viewport ${width}×${height}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { before: { width: number; height: number } | null }).before;
}

/** Waits for a visible workbench element (outside webviews) matching `selector` and `hasText`; answers its text. */
export async function workbenchText(selector: string, hasText?: string): Promise<string> {
  return (JSON.parse(await control('/workbenchText', { selector, hasText })) as { result: string }).result;
}
