// `npm run bench` rows for the conversations sidebar, with 10,000 conversations loaded: events
// applied per second; tree refreshes per second during a 10-second burst of 1,000 events/s
// (goal ≤ 10/s); heap held by the store (goal ≤ 40 MB); and the time a 10,000-item group takes
// to list (what getChildren does: filter and sort). Payloads come from the stand-in server's
// presenters, so they have Chatwoot's real shape and size.
// Prints "BENCH name|value|unit|detail" lines that scripts/bench.js turns into the table.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { BatchThrottle } from '../../../src/common/coalesce';
import { reduce } from '../../../src/conversations/reduce';
import { ConversationStore } from '../../../src/conversations/store';
import { Conversation } from '../../../src/model/conversation';
import { ChatwootEvent, decodeChatwootEvent } from '../../../src/realtime/events';
import { TREE_REFRESH_WINDOW_MS } from '../../../src/views/tree/presentation';
import { FakeClock } from '../../helpers/fakeClock';
import { startServer } from '../../server';
import { Presenters } from '../../server/presenters';

const SCALE = 10_000;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function bench(name: string, value: string, unit: string, detail: string): void {
  console.log(`BENCH ${name}|${value}|${unit}|${detail}`);
}

function load(payloads: readonly Conversation[]): ConversationStore {
  const store = new ConversationStore(1, 1, { status: 'all', inboxId: undefined });
  store.batch(() => {
    for (const c of payloads) store.upsert(c, { counts: 'none' });
  });
  store.setCounts({ mine: SCALE, unassigned: SCALE, all: SCALE });
  return store;
}

/** A realistic mix: mostly messages, then conversation updates, status, assignment and read. */
function eventMix(payloads: readonly Conversation[], count: number): unknown[] {
  const out: unknown[] = [];
  let messageId = 10_000_000;
  for (let i = 0; i < count; i++) {
    const c = payloads[(i * 7919) % payloads.length];
    const kind = i % 10;
    const updated = { ...c, updated_at: (c.updated_at ?? 0) + i + 1 };
    if (kind < 5) {
      const last = c.messages?.[0];
      out.push({ event: 'message.created', data: { ...(last ?? {}), id: ++messageId, conversation_id: c.id, message_type: 0, private: false, content: `burst ${i}`, created_at: (c.last_activity_at ?? 0) + i } });
    } else if (kind < 7) out.push({ event: 'conversation.updated', data: { ...updated, labels: [`l${i % 5}`] } });
    else if (kind === 7) out.push({ event: 'conversation.status_changed', data: { ...updated, status: i % 20 < 10 ? 'pending' : 'open' } });
    else if (kind === 8) out.push({ event: 'assignee.changed', data: { ...updated, meta: { ...c.meta, assignee: i % 3 === 0 ? null : { id: 1 + (i % 5), name: `Agent ${1 + (i % 5)}` } } } });
    else out.push({ event: 'conversation.read', data: { ...updated, unread_count: 0 } });
  }
  return out;
}

function decoded(frames: unknown[]): ChatwootEvent[] {
  return frames.map((f) => {
    const r = decodeChatwootEvent(f);
    if (r.kind !== 'event') throw new Error(`bench event did not decode: ${JSON.stringify(r)}`);
    return r.event;
  });
}

async function main(): Promise<void> {
  const server = await startServer({ scale: SCALE });
  const present = new Presenters(server.store);
  const payloads = [...server.store.conversations.values()].map((c) => Conversation.parse(JSON.parse(JSON.stringify(present.conversation(c)))));
  await server.stop();

  // Heap held by a store of 10,000 conversations (after GC, before and after).
  gc();
  const before = process.memoryUsage().heapUsed;
  let held: ConversationStore | undefined = load(payloads);
  gc();
  const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  bench('tree: store heap, 10,000 conversations', heapMb.toFixed(1), 'MB', `goal ≤ 40 MB; ${held.size} conversations with contacts, agents and last messages`);
  held.dispose();
  held = undefined;

  // Events applied per second (already decoded; decoding is measured by the cable bench).
  const frames = eventMix(payloads, 10_000);
  const events = decoded(frames);
  const rates: number[] = [];
  const withDecode: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const store = load(payloads);
    let t = performance.now();
    for (const e of events) reduce(store, e);
    rates.push(events.length / ((performance.now() - t) / 1000));
    store.dispose();
    const store2 = load(payloads);
    t = performance.now();
    for (const f of frames) {
      const r = decodeChatwootEvent(f);
      if (r.kind === 'event') reduce(store2, r.event);
    }
    withDecode.push(frames.length / ((performance.now() - t) / 1000));
    store2.dispose();
  }
  bench('tree: events applied to the store', Math.round(median(rates)).toString(), 'ev/s', `10,000 events on 10,000 conversations, median of ${RUNS}; ${Math.round(median(withDecode))} ev/s with zod decoding`);

  // A 10-second burst of 1,000 events/s on fake time: how often the tree would refresh.
  const clock = new FakeClock(0);
  const store = load(payloads);
  const flushes: number[] = [];
  let rowsRefreshed = 0;
  const throttle = new BatchThrottle<number>(clock, TREE_REFRESH_WINDOW_MS, (batch) => {
    flushes.push(clock.now());
    rowsRefreshed += batch === 'all' ? store.size : batch.size;
  });
  store.onDidChange((change) => throttle.add(change.conversations));
  const started = performance.now();
  for (let i = 0; i < 10_000; i++) {
    reduce(store, events[i]);
    clock.advance(1);
  }
  clock.advance(TREE_REFRESH_WINDOW_MS);
  const cpuMs = performance.now() - started;
  const perSecond = Array.from({ length: 10 }, (_, s) => flushes.filter((at) => at >= s * 1000 && at < (s + 1) * 1000).length);
  const spanSeconds = clock.now() / 1000;
  bench('tree: refreshes during a 1,000 ev/s burst', (flushes.length / spanSeconds).toFixed(1), '/s', `goal ≤ 10/s; ${flushes.length} in ${spanSeconds.toFixed(1)} s, max ${Math.max(...perSecond)} in any second; ${rowsRefreshed} rows repainted for 10,000 events; ${cpuMs.toFixed(0)} ms CPU for the 10 s burst`);
  throttle.dispose();

  // getChildren of a 10,000-item group: the group's members, filtered and sorted.
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    const t = performance.now();
    const members = store.members('all');
    times.push(performance.now() - t);
    if (members.length !== SCALE) throw new Error(`expected ${SCALE} members, got ${members.length}`);
  }
  bench('tree: getChildren of a 10,000-item group', median(times).toFixed(2), 'ms', 'filter + sort by last activity, median of 9');
  store.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
