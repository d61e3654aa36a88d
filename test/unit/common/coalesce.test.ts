import * as assert from 'node:assert/strict';
import { BatchThrottle, Coalesced, DelayedJob } from '../../../src/common/coalesce';
import { FakeClock } from '../../helpers/fakeClock';

suite('coalescing', () => {
  suite('BatchThrottle', () => {
    let clock: FakeClock;
    let flushes: Array<{ at: number; batch: ReadonlySet<number> | 'all' }>;
    let throttle: BatchThrottle<number>;
    setup(() => {
      clock = new FakeClock(0);
      flushes = [];
      throttle = new BatchThrottle<number>(clock, 100, (batch) => flushes.push({ at: clock.now(), batch: batch === 'all' ? 'all' : new Set(batch) }));
    });
    teardown(() => throttle.dispose());

    test('the first change after a quiet period goes out at once', () => {
      throttle.add([1]);
      assert.equal(flushes.length, 1);
      assert.deepEqual([...(flushes[0].batch as Set<number>)], [1]);
    });

    test('changes inside the window wait for its end and go out together', () => {
      throttle.add([1]);
      clock.advance(10);
      throttle.add([2]);
      throttle.add([3, 2]);
      assert.equal(flushes.length, 1);
      clock.advance(89);
      assert.equal(flushes.length, 1);
      clock.advance(1);
      assert.equal(flushes.length, 2);
      assert.deepEqual([...(flushes[1].batch as Set<number>)], [2, 3]);
      assert.equal(flushes[1].at, 100);
    });

    test('a 10-second burst of 1,000 changes a second flushes at most 10 times a second, losing none', () => {
      const seen = new Set<number>();
      for (let i = 0; i < 10_000; i++) {
        throttle.add([i]);
        clock.advance(1);
      }
      clock.advance(100);
      for (const f of flushes) for (const id of f.batch as Set<number>) seen.add(id);
      assert.equal(seen.size, 10_000);
      for (let second = 0; second < 10; second++) {
        const inSecond = flushes.filter((f) => f.at >= second * 1000 && f.at < (second + 1) * 1000).length;
        assert.ok(inSecond <= 10, `second ${second}: ${inSecond} flushes`);
      }
    });

    test('addAll makes the next flush "all"', () => {
      throttle.add([1]);
      throttle.add([2]);
      throttle.addAll();
      clock.advance(100);
      assert.equal(flushes[1].batch, 'all');
    });

    test('dispose cancels the pending flush', () => {
      throttle.add([1]);
      throttle.add([2]);
      throttle.dispose();
      clock.advance(1000);
      assert.equal(flushes.length, 1);
      assert.equal(clock.pendingTimers, 0);
    });
  });

  suite('Coalesced', () => {
    test('one run in flight and one queued; callers during the run share the queued one', async () => {
      let runs = 0;
      const gates: Array<() => void> = [];
      const c = new Coalesced(() => {
        runs++;
        return new Promise<void>((resolve) => gates.push(resolve));
      });
      const first = c.run();
      const second = c.run();
      const third = c.run();
      assert.equal(second, third);
      await Promise.resolve();
      assert.equal(runs, 1);
      gates.shift()!();
      await first;
      await new Promise((r) => setImmediate(r));
      assert.equal(runs, 2);
      gates.shift()!();
      await second;
      assert.equal(c.isIdle, true);
    });

    test('a failed run rejects its callers but does not block the queued one', async () => {
      let calls = 0;
      const c = new Coalesced(async () => {
        if (++calls === 1) throw new Error('first fails');
      });
      const first = c.run();
      const second = c.run();
      await assert.rejects(first, /first fails/);
      await second;
      assert.equal(calls, 2);
    });
  });

  suite('DelayedJob', () => {
    test('runs once after the delay, however often it was requested', async () => {
      const clock = new FakeClock(0);
      let runs = 0;
      const job = new DelayedJob(clock, 300, async () => void runs++, () => assert.fail('no error'));
      for (let i = 0; i < 5; i++) job.request();
      clock.advance(299);
      assert.equal(runs, 0);
      clock.advance(1);
      await job.whenIdle();
      assert.equal(runs, 1);
      job.dispose();
      assert.equal(clock.pendingTimers, 0);
    });
  });
});
