#!/usr/bin/env node
// Chat webview benchmark, in headless Chromium with the built bundle (dist/webview/chat.js) in the
// test shell (test/helpers/webviewShell.ts: the extension's own page and CSP, a fake
// acquireVsCodeApi). Measures, inside the page with performance.now():
//   first render   `init` with 1,000 messages, timed around the synchronous message dispatch plus a
//                  forced layout; median of 5 fresh pages (goal ≤ 100 ms). Only the newest rows are
//                  built before the first frame (messageList.ts); the time until every row is in
//                  the DOM is reported too.
//   append         1,000 `messageUpserted` at 100 messages/s for 10 s onto that conversation; the
//                  DOM work per message (dispatch + forced layout), median and p95 of the first 100
//                  and of the last 100 (roughly equal: no re-rendering of the list), and a check
//                  that no existing message node was replaced or removed.
//   memory         JS heap used after the append run and a forced GC (CDP), and the DOM node count.
// Prints lines "BENCH <name>|<value>|<unit>|<detail>" for scripts/bench.js.
//
//   node scripts/bench-webview.js [--runs 5] [--quick]   (--quick: 2 s of appends, for a smoke test)
// Needs `npx tsc -p tsconfig.json` (for out/test/helpers/webviewShell.js) and `node esbuild.js` first.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = flag('--runs', 5);
const QUICK = args.includes('--quick');
const INITIAL = 1000;
const APPENDS = QUICK ? 200 : 1000;
const RATE = 100; // messages per second
const SAMPLE = 100; // first / last N appends compared

for (const [file, hint] of [
  ['out/test/helpers/webviewShell.js', 'npx tsc -p tsconfig.json'],
  ['dist/webview/chat.js', 'node esbuild.js'],
]) {
  if (!fs.existsSync(path.join(root, file))) {
    console.error(`${file} is missing: run "${hint}" first`);
    process.exit(1);
  }
}
const { launchChromium, openShellPage } = require(path.join(root, 'out/test/helpers/webviewShell.js'));

const CONVERSATION_ID = 42;
const AGENT = { id: 7, name: 'Alex Agent', email: 'alex@example.com' };
const CONTACT = { id: 101, name: 'Jane Cooper', type: 'contact' };
const AGENT_SENDER = { id: 7, name: 'Alex Agent', available_name: 'Alex Agent', type: 'user' };

/** Deterministic pseudo-random numbers (mulberry32), so every run renders the same conversation. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  'Hi, my order #10482 has not arrived yet. Can you check?',
  'Sure! Let me look that up for you.',
  'I was charged **twice** for the same order — see the receipt.',
  'The tracking link says `label created` since Monday: https://tracking.example.com/t/1Z999AA10123456784',
  'Thanks for your patience. Here is what I found:\n1. The parcel left our warehouse on Tuesday\n2. The carrier has a delay in your area\n3. It should arrive by *Friday*',
  'Can I change the delivery address to my office?',
  'Refund issued, it shows up in 3–5 business days. See [our policy](https://example.com/refunds).',
  '```\nError: ETIMEDOUT 10.0.0.12:443\n    at TCPConnectWrap.afterConnect\n```\nThis is what I see when I open the app.',
  'ok',
  'Great, thank you so much!',
];

/** A realistic conversation: contact and agent turns, notes, activity lines, attachments, ~40 days. */
function messages(count, firstId, startAt, random) {
  const out = [];
  let at = startAt;
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    at += Math.floor(random() * 3600 * 24 * (random() < 0.9 ? 0.02 : 0.8)) + 5;
    const r = random();
    const content = TEXTS[Math.floor(random() * TEXTS.length)];
    const base = { id, conversation_id: CONVERSATION_ID, created_at: at, content_type: 'text', content_attributes: {}, attachments: [] };
    if (r < 0.04) out.push({ ...base, message_type: 2, content: 'Conversation was assigned to Alex Agent', private: false, sender: null });
    else if (r < 0.12) out.push({ ...base, message_type: 1, content, private: true, status: null, sender_type: 'User', sender: AGENT_SENDER });
    else if (r < 0.5) out.push({ ...base, message_type: 1, content, private: false, status: random() < 0.5 ? 'read' : 'delivered', sender_type: 'User', sender: AGENT_SENDER });
    else {
      const attachments =
        r > 0.97
          ? [{ id, file_type: 'file', data_url: `https://files.test/rails/active_storage/blobs/redirect/${id}/invoice-${id}.pdf`, file_size: 120000 + id }]
          : [];
      out.push({ ...base, message_type: 0, content, private: false, status: 'sent', sender_type: 'Contact', sender: CONTACT, attachments });
    }
  }
  return out;
}

const conversation = { id: CONVERSATION_ID, status: 'open', priority: 'high', contact: { id: 101, name: 'Jane Cooper', email: 'jane@example.com' }, inboxName: 'Acme Support', channel: 'Channel::WebWidget', assignee: null, canReply: true };
const START = Math.floor(Date.now() / 1000) - 45 * 24 * 3600;
const initial = messages(INITIAL, 1, START, rng(1));
const init = { type: 'init', conversation, messages: initial, hasOlder: true, agent: AGENT, cannedResponses: [], outbox: [] };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmt = (n, d = 2) => n.toFixed(d);
const bench = (name, value, unit, detail) => console.log(`BENCH ${name}|${value}|${unit}|${detail}`);

/**
 * In the page: the first render, timed two ways. `layout`: the synchronous dispatch of `init` plus
 * a forced layout. `frame`: until the first frame showing it has been produced (a task posted
 * from the next animation frame runs after that frame's style, layout and paint), which also
 * counts the rows content-visibility lays out only once they are known to be on screen.
 */
function timedFirstRender(message) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    window.__t0 = t0;
    window.dispatchEvent(new MessageEvent('message', { data: message }));
    void document.body.offsetHeight;
    void document.querySelector('.messages').scrollHeight;
    const layout = performance.now() - t0;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ layout, frame: performance.now() - t0 });
      channel.port2.postMessage(null);
    });
  });
}

/** In the page: delivers `message` synchronously (as a MessageEvent) and forces layout; returns ms. */
function timedDispatch(message) {
  const t0 = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: message }));
  void document.body.offsetHeight;
  void document.querySelector('.messages').scrollHeight;
  return performance.now() - t0;
}

async function main() {
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    // (a) first render, fresh page each time.
    const layouts = [];
    const frames = [];
    const alls = [];
    let isolated = false;
    for (let i = 0; i < RUNS; i++) {
      const { context, page } = await openShellPage(browser, { isolated: true });
      isolated = await page.evaluate(() => crossOriginIsolated);
      const { layout, frame } = await page.evaluate(([fn, m]) => new Function(`return (${fn})`)()(m), [timedFirstRender.toString(), init]);
      // Every row is built in idle time after the first frame; polled each frame.
      const all = await (
        await page.waitForFunction((n) => document.querySelectorAll('.msg, .activity').length === n && performance.now() - window.__t0, INITIAL, { polling: 'raf', timeout: 10_000 })
      ).jsonValue();
      alls.push(all);
      // The newest message is what the reader sees first.
      const last = page.locator(`[data-id="${INITIAL}"]`);
      if (!(await last.isVisible()) || !(await last.evaluate((el) => el.getBoundingClientRect().bottom <= document.querySelector('.messages').getBoundingClientRect().bottom + 1)))
        throw new Error('the newest message is not in view after the first render');
      layouts.push(layout);
      frames.push(frame);
      await context.close();
    }
    const range = (xs) => `min ${fmt(Math.min(...xs), 1)}, max ${fmt(Math.max(...xs), 1)}`;
    bench(
      'webview first render, 1,000 messages',
      fmt(median(layouts), 1),
      'ms',
      `init dispatch + forced layout, median of ${RUNS} fresh pages (${range(layouts)}); goal ≤ 100 ms`,
    );
    bench('webview first render to first frame', fmt(median(frames), 1), 'ms', `init dispatch → first frame produced (${range(frames)})`);
    bench('webview first render, every row built', fmt(median(alls), 1), 'ms', `init dispatch → all ${INITIAL} rows in the DOM, polled each frame (${range(alls)})`);

    // (b) appends at 100/s onto the 1,000-message conversation.
    const { context, page } = await openShellPage(browser, { isolated: true });
    await page.evaluate(([fn, m]) => new Function(`return (${fn})`)()(m), [timedDispatch.toString(), init]);
    await page.waitForFunction((n) => document.querySelectorAll('.msg, .activity').length === n, INITIAL, { timeout: 10_000 });
    const appended = messages(APPENDS, INITIAL + 1, initial[initial.length - 1].created_at, rng(2));
    await page.evaluate(
      ([fn, list, rate, conversationId]) => {
        const dispatch = new Function(`return (${fn})`)();
        const w = window;
        const items = document.querySelector('.messages__items');
        // Every message node there is now: at the end each must still be in place, the same node.
        w.__before = Array.from(items.querySelectorAll('.msg, .activity'));
        w.__before[0].__benchTag = 'first';
        w.__removed = 0;
        new MutationObserver((records) => {
          for (const r of records) for (const n of r.removedNodes) if (n.nodeType === 1 && n.matches('.msg, .activity')) w.__removed++;
        }).observe(items, { childList: true, subtree: true });
        w.__times = [];
        w.__done = false;
        const start = performance.now();
        let i = 0;
        const tick = () => {
          // Catch up if a timer fired late, but never deliver ahead of the 100/s schedule.
          while (i < list.length && performance.now() - start >= (i * 1000) / rate) {
            w.__times.push(dispatch({ type: 'messageUpserted', conversationId, message: list[i] }));
            i++;
          }
          if (i < list.length) setTimeout(tick, Math.max(0, (i * 1000) / rate - (performance.now() - start)));
          else {
            w.__elapsed = performance.now() - start;
            w.__done = true;
          }
        };
        tick();
      },
      [timedDispatch.toString(), appended, RATE, CONVERSATION_ID],
    );
    await page.waitForFunction(() => window.__done, null, { timeout: 120_000, polling: 250 });
    const result = await page.evaluate(() => {
      const items = document.querySelector('.messages__items');
      const first = items.querySelector('.msg, .activity');
      const kept = window.__before.filter((el) => el.isConnected && items.querySelector(`[data-id="${el.dataset.id}"]`) === el).length;
      return {
        times: window.__times,
        elapsed: window.__elapsed,
        firstTagged: first.__benchTag === 'first',
        kept,
        before: window.__before.length,
        removed: window.__removed,
        shown: items.querySelectorAll('.msg, .activity').length,
      };
    });
    if (result.shown !== INITIAL + APPENDS) throw new Error(`after appending, ${result.shown} messages are shown, not ${INITIAL + APPENDS}`);
    const head = result.times.slice(0, SAMPLE);
    const tail = result.times.slice(-SAMPLE);
    const span = `${APPENDS} messageUpserted at ${RATE}/s over ${fmt(result.elapsed / 1000, 1)} s`;
    bench('webview append, first 100: median', fmt(median(head), 3), 'ms', `per message, dispatch + layout; ${span}`);
    bench('webview append, first 100: p95', fmt(quantile(head, 0.95), 3), 'ms', 'per message');
    bench('webview append, last 100: median', fmt(median(tail), 3), 'ms', `per message, with ${INITIAL + APPENDS - SAMPLE}+ messages in the list`);
    bench('webview append, last 100: p95', fmt(quantile(tail, 0.95), 3), 'ms', 'per message');
    bench(
      'webview append, existing nodes kept',
      `${result.kept}/${result.before}`,
      'nodes',
      `same DOM node for every message rendered before the appends (first bubble tagged: ${result.firstTagged ? 'same node' : 'REPLACED'}); ${result.removed} message nodes removed`,
    );

    // (c) memory afterwards.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const precise = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
    bench(
      'webview memory after appends',
      fmt(metric('JSHeapUsedSize') / 1024 / 1024, 1),
      'MiB',
      `JS heap used after GC with ${result.shown} messages (performance.memory ${fmt(precise / 1024 / 1024, 1)} MiB); ${metric('Nodes')} DOM nodes`,
    );
    await context.close();

    const ok = result.firstTagged && result.kept === result.before && result.removed === 0;
    if (!isolated) console.error('note: the page was not cross-origin isolated; performance.now() is coarsened to 100 µs');
    if (!ok) {
      console.error('appending replaced or removed existing message nodes');
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
