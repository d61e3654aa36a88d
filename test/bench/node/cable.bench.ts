// `npm run bench` rows for the realtime path: how many frames per second go through
// decode → validate → dispatch, next to JSON.parse alone on the same frames; and how long a
// silent drop takes to become a resubscribed channel against the stand-in server.
// Prints "BENCH name|value|unit|detail" lines that scripts/bench.js turns into the table.
import { systemClock } from '../../../src/common/clock';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { RoomChannel } from '../../../src/realtime/roomChannel';
import { SEED_IDENTIFIER, seedFrames } from '../../fixtures/seeds';
import { fakeSocketFactory } from '../../helpers/fakeSocket';
import { FakeChatwoot, startServer } from '../../server';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 7;

/** A realistic mix: mostly messages and typing, some conversation changes, few of the rest. */
function frameMix(): string[] {
  const weights: Record<string, number> = {
    'message.created': 30, 'message.updated': 10, 'conversation.typing_on': 12, 'conversation.typing_off': 12,
    'conversation.updated': 6, 'conversation.status_changed': 5, 'conversation.read': 5, 'conversation.created': 4,
    'presence.update': 6, 'assignee.changed': 3, 'notification.created': 4, 'contact.updated': 3,
  };
  const frames: string[] = [];
  for (const [event, weight] of Object.entries(weights)) {
    const frame = seedFrames[event];
    if (!frame) continue;
    const data = { ...frame.message.data, account_id: 1, ...(event === 'assignee.changed' ? { id: 7 } : {}) };
    for (let i = 0; i < weight; i++) frames.push(JSON.stringify({ identifier: SEED_IDENTIFIER, message: { event, data } }));
  }
  return frames;
}

async function decodeThroughput(): Promise<void> {
  const frames = frameMix();
  const { factory, sockets } = fakeSocketFactory();
  const channel = new RoomChannel({
    baseUrl: 'http://127.0.0.1:1',
    clock: systemClock,
    logger: new RedactingLogger(new MemoryLogSink(), new Redactor()),
    socketFactory: factory,
    credentials: async () => ({ pubsubToken: 'token', accountId: 1, userId: 1 }),
  });
  let dispatched = 0;
  channel.onDidReceiveEvent(() => dispatched++);
  const connected = new Promise<void>((resolve) => channel.onDidChangeState((s) => s.kind === 'connected' && resolve()));
  channel.start();
  const socket = sockets[0];
  socket.open();
  socket.receive({ type: 'welcome' });
  await new Promise((r) => setTimeout(r, 10)); // the identifier is fetched asynchronously
  socket.receive({ identifier: SEED_IDENTIFIER, type: 'confirm_subscription' });
  await connected;

  const n = 20_000;
  const full: number[] = [];
  const parseOnly: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    for (let i = 0; i < n; i++) sink += (JSON.parse(frames[i % frames.length]) as { identifier: string }).identifier.length;
    parseOnly.push(performance.now() - t);
    const before = dispatched;
    t = performance.now();
    for (let i = 0; i < n; i++) socket.receive(frames[i % frames.length]);
    full.push(performance.now() - t);
    if (dispatched - before !== n) throw new Error(`only ${dispatched - before} of ${n} frames were dispatched`);
  }
  channel.dispose();
  const perSecond = n / (median(full) / 1000);
  console.log(`BENCH frames decoded+validated+dispatched|${Math.round(perSecond)}|ev/s|median of ${RUNS} runs of ${n} seed frames (${sink > 0 ? 'mixed events' : ''})`);
  console.log(`BENCH   … cost relative to JSON.parse alone|${(median(full) / median(parseOnly)).toFixed(2)}|×|same frames; goal ≤ 2.5×`);
}

/** Median time from the fault to a confirmed subscription again, a fresh client each run. */
async function faultToResubscribed(name: string, runs: number, fault: (server: FakeChatwoot) => void, heal: (server: FakeChatwoot) => void, detail: string): Promise<void> {
  const server = await startServer({ pingIntervalMs: 1000 });
  const user = server.user(server.demoUserId);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const channel = new RoomChannel({
      baseUrl: server.url,
      clock: systemClock,
      logger: new RedactingLogger(new MemoryLogSink(), new Redactor()),
      credentials: async () => ({ pubsubToken: user.pubsubToken, accountId: server.accountId, userId: user.id }),
    });
    const connectedAgain = (skip: number) => new Promise<void>((resolve) => {
      let seen = 0;
      const sub = channel.onDidChangeState((s) => {
        if (s.kind === 'connected' && ++seen > skip) {
          sub.dispose();
          resolve();
        }
      });
    });
    const first = connectedAgain(0);
    channel.start();
    await first;
    const again = connectedAgain(0);
    const t = performance.now();
    fault(server);
    // The stale connection is closed by the client, so pings can resume for the new one.
    const healed = new Promise<void>((resolve) => {
      const sub = channel.onDidChangeState((s) => {
        if (s.kind !== 'connected') {
          sub.dispose();
          heal(server);
          resolve();
        }
      });
    });
    await healed;
    await again;
    times.push(performance.now() - t);
    channel.dispose();
  }
  await server.stop();
  console.log(`BENCH ${name}|${median(times).toFixed(0)}|ms|median of ${runs} fresh clients; ${detail}`);
}

void (async () => {
  await decodeThroughput();
  await faultToResubscribed('socket reset → resubscribed', RUNS, (s) => s.control.dropSockets({ closeFrame: false }), () => {}, 'includes the first jittered retry (0–500 ms)');
  await faultToResubscribed('silent drop (pings stop) → resubscribed', 3, (s) => s.control.setPingsPaused(true), (s) => s.control.setPingsPaused(false), 'stale after 6 s without a frame, then the retry');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
