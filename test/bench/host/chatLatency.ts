// End-to-end latency of a live customer message, in the real host with the real chat webview:
// from the moment the stand-in writes the cable frame to the moment the bubble with that
// message's text exists in the webview's DOM. Everything in between is the product's real path
// (socket, decode, store, chat controller, postMessage through the workbench, render).
//
// Two processes take the two timestamps: the extension host (where the stand-in runs, as in the
// host tests) and the webview's renderer. Each reads its own high-resolution clock
// (performance.timeOrigin + now()); both clocks are pinned to the machine's shared wall clock
// before the run, so their difference is sub-millisecond and free of origin skew.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { ExtensionApi } from '../../../src/extension';
import { connectionState, signInAsDemoAgent, signOutAndStop } from '../../helpers/host/extension';
import { evaluateInWebview, inWebview } from '../../helpers/host/window';
import { startServer } from '../../server';

const MESSAGES = 100;
/** Not counted: the first messages pay for JIT and first-use paths. */
const WARM_UP = 5;
const GOAL_P95_MS = 50;
/**
 * One message every this many ms. Nothing talks to the page while a message is on its way: the
 * times are read from the page once, after the last message, so the probe never competes with
 * the product for the page's main thread (a DevTools call per message did).
 */
const INTERVAL_MS = 250;
const BUBBLE = '.msg__content';

// The webview-side functions below travel as source text, so they use globals only (no imports,
// which the compiler would rename). This tsconfig has no DOM library: just what they touch.
interface DomNode {
  nodeType: number;
  parentElement: DomElement | null;
  textContent: string | null;
}
interface DomElement extends DomNode {
  closest(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
declare const document: { documentElement: DomNode };
declare const window: { addEventListener(type: 'message', listener: (e: { data: unknown; timeStamp: number }) => void, capture: boolean): void };
declare const MutationObserver: new (callback: (records: Array<{ target: DomNode; addedNodes: ArrayLike<DomNode> }>) => void) => {
  observe(target: DomNode, options: { childList: boolean; subtree: boolean; characterData: boolean }): void;
};

interface Probe {
  __chatwootLatency?: { seen: Record<string, number>; received: Record<string, number>; waiters: Record<string, (t: number) => void> };
}

/**
 * How far this process's high-resolution clock runs ahead of the wall clock, in ms: read both
 * right after Date.now() ticks, so the 1 ms granularity of Date.now() drops out.
 * Runs in the host and (as source text) in the webview, so it uses nothing from outside.
 */
const hiResMinusWall = (): number => {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const start = Date.now();
    let wall = start;
    let hiRes = 0;
    while (wall === start) {
      wall = Date.now();
      hiRes = performance.timeOrigin + performance.now();
    }
    best = Math.min(best, hiRes - wall);
  }
  return best;
};

/**
 * Installed in the webview (as source text): records when a bubble matching `selector` first
 * holds each text matching `pattern`. The time is read first thing in the observer callback,
 * which runs right after the DOM change, before layout and paint. Also records when the
 * extension's message carrying that text was posted into the page by VS Code's webview host
 * frame (the event's timeStamp; the app's listener may run before this one), which splits the
 * latency into the way there and the wait in the page's task queue plus the render.
 */
const installObserver = (arg: { selector: string; pattern: string }): boolean => {
  const g = globalThis as unknown as Probe;
  if (g.__chatwootLatency) return false;
  const state = { seen: {} as Record<string, number>, received: {} as Record<string, number>, waiters: {} as Record<string, (t: number) => void> };
  g.__chatwootLatency = state;
  const re = new RegExp(arg.pattern, 'g');
  const scan = (bubble: DomElement, t: number) => {
    for (const m of (bubble.textContent ?? '').matchAll(re)) {
      if (m[0] in state.seen) continue;
      state.seen[m[0]] = t;
      state.waiters[m[0]]?.(t);
      delete state.waiters[m[0]];
    }
  };
  window.addEventListener('message', (e) => {
    const t = performance.timeOrigin + e.timeStamp;
    const text = typeof e.data === 'string' ? e.data : JSON.stringify(e.data) ?? '';
    for (const m of text.matchAll(re)) if (!(m[0] in state.received)) state.received[m[0]] = t;
  }, true);
  new MutationObserver((records) => {
    const t = performance.timeOrigin + performance.now();
    for (const r of records) {
      for (const node of [r.target, ...Array.from(r.addedNodes)]) {
        const el = node.nodeType === 1 ? (node as DomElement) : node.parentElement;
        const bubble = el?.closest(arg.selector);
        if (bubble) scan(bubble, t);
        if (node !== r.target && node.nodeType === 1) for (const b of Array.from((node as DomElement).querySelectorAll(arg.selector))) scan(b, t);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return true;
};

/**
 * In the webview (as source text): when each bubble with one of `markers` appeared, waiting for
 * any not shown yet, and when the extension's message with it arrived (null if none was seen).
 */
const bubbleTimes = (arg: { markers: string[]; timeoutMs: number }): Promise<Array<[number, number | null]>> => {
  const state = (globalThis as unknown as Probe).__chatwootLatency;
  if (!state) throw new Error('the latency observer is not installed in this webview (was it reloaded?)');
  const shown = (marker: string) =>
    new Promise<number>((resolve, reject) => {
      if (marker in state.seen) return resolve(state.seen[marker]);
      const timer = setTimeout(() => reject(new Error(`no bubble with ${marker} within ${arg.timeoutMs} ms`)), arg.timeoutMs);
      state.waiters[marker] = (t) => {
        clearTimeout(timer);
        resolve(t);
      };
    });
  return Promise.all(arg.markers.map(shown))
    // The message listeners of the task that rendered the last bubble have all run after this.
    .then((times) => new Promise((resolve) => setTimeout(() => resolve(times.map((t, i) => [t, state.received[arg.markers[i]] ?? null])), 0)));
};

/** Starts the V8 profiler of this process; the returned function stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    session.disconnect();
    return profile;
  };
}

function medianOf(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]; // nearest rank
}

/** Prints `BENCH chat e2e latency (broadcast → bubble)|median|ms|detail`. */
export async function chatLatency(api: ExtensionApi): Promise<void> {
  const server = await startServer();
  try {
    await signInAsDemoAgent(api, server);
    await connectionState(api, 'connected');
    const headers = { api_access_token: server.demoToken };
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number; can_reply?: boolean }> } };
    const conversationId = list.data.payload.find((c) => c.inbox_id === 1 && c.can_reply !== false)?.id;
    assert.ok(conversationId, 'the seed has an open web-widget conversation assigned to the demo agent');
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId });
    await inWebview({ op: 'text', selector: BUBBLE }); // its history is on screen

    const run = Date.now() % 1e6;
    assert.ok(await evaluateInWebview(BUBBLE, installObserver, { selector: BUBBLE, pattern: `lp${run}x\\d+y` }), 'a fresh webview');
    const hostOffset = hiResMinusWall();
    const webOffset = await evaluateInWebview(BUBBLE, hiResMinusWall, undefined);

    // CHATWOOT_BENCH_PROFILE=<file>: a CPU profile of the extension host over the measured messages.
    const profile = process.env.CHATWOOT_BENCH_PROFILE ? await startProfile() : undefined;
    const markers: string[] = [];
    const sentAt: number[] = [];
    for (let i = 0; i < WARM_UP + MESSAGES; i++) {
      const marker = `lp${run}x${i}y`;
      // One message in flight at a time: the previous one's other broadcasts are out too.
      await server.control.waitForEventsDelivered();
      const mark = server.control.mark();
      server.control.holdEvents();
      server.control.contactMessage(conversationId, `Latency probe ${marker}, any news on my order?`);
      // message.created is the first broadcast queued; release() writes the frames synchronously.
      const sent = performance.timeOrigin + performance.now();
      server.control.releaseEvents();
      markers.push(marker);
      sentAt.push(sent - hostOffset);
      // The open chat marks the message read: the end of the product's work on it that the
      // stand-in can see without asking the page.
      await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversationId}/update_last_seen`), 10000, mark);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sent + INTERVAL_MS - (performance.timeOrigin + performance.now()))));
    }
    const times = await evaluateInWebview(BUBBLE, bubbleTimes, { markers, timeoutMs: 10000 }, 30000);
    const samples: number[] = [];
    const hostSide: number[] = [];
    const render: number[] = [];
    let overlapping = 0;
    for (let i = WARM_UP; i < markers.length; i++) {
      const [shown, received] = times[i];
      samples.push(shown - webOffset - sentAt[i]);
      // A bubble shown after the next message left: two were in flight, and the row says so.
      if (i + 1 < markers.length && shown - webOffset > sentAt[i + 1]) overlapping++;
      if (received === null) continue;
      hostSide.push(received - webOffset - sentAt[i]);
      render.push(shown - received);
    }

    if (profile) fs.writeFileSync(process.env.CHATWOOT_BENCH_PROFILE!, JSON.stringify(await profile()));
    const sorted = [...samples].sort((a, b) => a - b);
    const median = medianOf(sorted);
    const p95 = quantile(sorted, 0.95);
    const f = (ms: number) => ms.toFixed(2);
    const split = hostSide.length === MESSAGES
      ? `medians: frame → posted into the webview page ${f(medianOf([...hostSide].sort((a, b) => a - b)))} ms, then → bubble ${f(medianOf([...render].sort((a, b) => a - b)))} ms (queue wait + render)`
      : `the webview saw ${hostSide.length} of the messages arrive`;
    console.log(
      `BENCH chat e2e latency (broadcast → bubble)|${f(median)}|ms|p95 ${f(p95)} ms, n=${MESSAGES}, min ${f(sorted[0])}, max ${f(sorted[sorted.length - 1])}; ` +
        `goal p95 ≤ ${GOAL_P95_MS} ms${p95 > GOAL_P95_MS ? ' (MISSED)' : ''}; ${split}; one sent every ${INTERVAL_MS} ms after the previous one's read mark, the page asked for the times only after the last (${overlapping} bubbles shown after the next message left); ${WARM_UP} warm-up messages not counted; ` +
        `clocks pinned to the wall clock (webview − host origin ${f(webOffset - hostOffset)} ms); stand-in Chatwoot ${server.chatwoot}`,
    );
  } finally {
    await signOutAndStop(api, server);
  }
}
