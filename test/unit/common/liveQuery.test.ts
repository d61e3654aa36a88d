import * as assert from 'node:assert/strict';
import { LiveQuery, QueryOutcome } from '../../../src/common/liveQuery';
import { FakeClock } from '../../helpers/fakeClock';
import { CapturingLogger } from '../../helpers/logs';

class Cancelled extends Error {}

/** Three searches whose answers the test gives by hand. */
function scripted() {
  const calls: Array<{ part: string; q: string; signal: AbortSignal; resolve: (v: string[]) => void; reject: (e: unknown) => void }> = [];
  const part = (name: string) => ({
    what: name[0].toUpperCase() + name.slice(1),
    run: (q: string, signal: AbortSignal) => new Promise<string[]>((resolve, reject) => calls.push({ part: name, q, signal, resolve, reject })),
  });
  return { calls, parts: { a: part('a'), b: part('b'), c: part('c') } };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

suite('LiveQuery', () => {
  let clock: FakeClock;
  let logger: CapturingLogger;

  setup(() => {
    clock = new FakeClock();
    logger = new CapturingLogger();
  });

  test('one debounced query asks every part at once; a newer one aborts it and its late answers are never published', async () => {
    const { calls, parts } = scripted();
    const live = new LiveQuery<{ a: string[]; b: string[]; c: string[] }>(parts, { clock, logger, debounceMs: 300, isCancelled: (e) => e instanceof Cancelled });
    const seen: Array<QueryOutcome<{ a: string[]; b: string[]; c: string[] }> | undefined> = [];
    live.onDidChange((o) => seen.push(o));
    live.setQuery('re');
    clock.advance(100);
    live.setQuery('ref');
    assert.equal(calls.length, 0);
    assert.equal(live.isBusy, true);
    clock.advance(300);
    assert.deepEqual(calls.map((c) => `${c.part} ${c.q}`), ['a ref', 'b ref', 'c ref']);
    live.setQuery('refund');
    assert.ok(calls.every((c) => c.signal.aborted));
    clock.advance(300);
    calls[0].resolve(['stale']);
    calls[3].resolve(['fresh a']);
    calls[4].reject(new Error('HTTP 500'));
    await flush();
    assert.deepEqual(live.outcome?.results, { a: ['fresh a'] });
    assert.deepEqual(live.outcome?.pending, { a: false, b: false, c: true });
    assert.deepEqual(live.outcome?.failures, ['B search failed: HTTP 500']);
    assert.ok(seen.every((o) => o === undefined || o.query !== 'ref' || Object.keys(o.results).length === 0), 'the old query never published a result');
    assert.ok(logger.at('warn').some((l) => l.includes('B search failed')));
    assert.ok(!logger.at('warn').some((l) => l.includes('refund')), 'the typed text is not logged');
    calls[5].reject(new Cancelled('aborted'));
    await flush();
    assert.equal(live.isBusy, false);
    assert.deepEqual(live.outcome?.failures, ['B search failed: HTTP 500'], 'a cancelled request is not a failure');
    live.setQuery('r');
    assert.equal(live.outcome, undefined, 'a query too short clears the results');
    live.dispose();
  });
});
