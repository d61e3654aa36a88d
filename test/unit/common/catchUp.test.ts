import * as assert from 'node:assert/strict';
import { CatchUp } from '../../../src/common/catchUp';
import { MemoryLogSink } from '../../../src/common/log';
import { FakeClock } from '../../helpers/fakeClock';

/** Lets the promise callbacks queued by a settled job run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

suite('CatchUp', () => {
  let clock: FakeClock;
  let log: MemoryLogSink;
  let outcomes: Array<'fail' | 'ok'>;
  let calls: number[];
  let behind: boolean[];
  let catchUp: CatchUp;

  setup(() => {
    clock = new FakeClock(0);
    clock.defaultRandom = 0;
    log = new MemoryLogSink();
    outcomes = [];
    calls = [];
    behind = [];
    catchUp = new CatchUp({
      what: 'the conversations',
      clock,
      logger: log,
      job: async () => {
        calls.push(clock.now());
        const outcome = outcomes.shift() ?? 'ok';
        if (outcome !== 'ok') throw new Error('HTTP 502');
      },
    });
    catchUp.onDidChangeBehind((b) => behind.push(b));
  });
  teardown(() => catchUp.dispose());

  test('a failed catch-up is retried with doubling delays until one succeeds, and is behind meanwhile', async () => {
    outcomes.push('fail', 'fail', 'fail');
    await assert.rejects(catchUp.run(), /HTTP 502/);
    assert.equal(catchUp.isBehind, true);
    assert.deepEqual(behind, [true]);
    // Half the bound with random() = 0: 0.5 s, 1 s, 2 s after each failure.
    for (const wait of [500, 1000, 2000]) {
      clock.advance(wait - 1);
      await settle();
      const before = calls.length;
      clock.advance(1);
      await settle();
      assert.equal(calls.length, before + 1, `a retry ${wait} ms after the failure`);
    }
    assert.equal(catchUp.isBehind, false);
    assert.deepEqual(behind, [true, false]);
    assert.equal(catchUp.retries, 3);
    assert.equal(clock.pendingTimers, 0, 'no retry after the success');
    assert.match(log.lines.map((l) => l.text).join('\n'), /catch-up of the conversations failed \(HTTP 502\); retrying in 0\.5 s/);
  });

  test('the delay never exceeds the cap, however long the server stays down', async () => {
    outcomes.push(...Array<'fail'>(12).fill('fail'));
    clock.defaultRandom = 0.999;
    await catchUp.run().catch(() => undefined);
    for (let i = 0; i < 11; i++) {
      const wait = clock.nextTimerIn();
      assert.ok(wait !== undefined && wait <= 60_000, `retry ${i + 1} waits ${wait} ms`);
      clock.advance(wait);
      await settle();
    }
    assert.equal(catchUp.isBehind, true);
  });

  test('a request while a retry is scheduled runs at once and replaces the retry', async () => {
    outcomes.push('fail');
    await catchUp.run().catch(() => undefined);
    assert.equal(clock.pendingTimers, 1);
    await catchUp.run();
    assert.deepEqual(calls, [0, 0]);
    assert.equal(clock.pendingTimers, 0);
    assert.equal(catchUp.isBehind, false);
  });

  test('dispose cancels the scheduled retry', async () => {
    outcomes.push('fail');
    await catchUp.run().catch(() => undefined);
    catchUp.dispose();
    clock.advance(120_000);
    await settle();
    assert.equal(calls.length, 1);
  });
});
