import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/common/event';
import { pollUntil, untilEvent } from '../../helpers/wait';

suite('test helpers: waiting on a condition', () => {
  test('untilEvent resolves when an event fires and the predicate then holds, and lets go of its listeners', async () => {
    const a = new Emitter<void>();
    const b = new Emitter<number>();
    let value = 0;
    const subscribed: string[] = [];
    const watch = <T>(name: string, e: Emitter<T>) => (listener: (x: T) => unknown) => {
      subscribed.push(name);
      const sub = e.event(listener);
      return { dispose: () => (subscribed.splice(subscribed.indexOf(name), 1), sub.dispose()) };
    };
    let done = false;
    const waiting = untilEvent([watch('a', a), watch('b', b)], () => value === 2, 'value 2').then(() => (done = true));
    value = 1;
    a.fire();
    await Promise.resolve();
    assert.equal(done, false, 'the predicate did not hold yet');
    value = 2;
    b.fire(2);
    await waiting;
    assert.deepEqual(subscribed, [], 'both listeners disposed');
  });

  test('untilEvent resolves at once when the predicate already holds, and names what it waited for when it fails', async () => {
    const e = new Emitter<void>();
    await untilEvent([e.event], () => true, 'nothing');
    await assert.rejects(untilEvent([e.event], () => false, () => 'the row (now: gone)', 20), /timed out after 20 ms waiting for the row \(now: gone\)/);
  });

  test('pollUntil resolves with the first truthy answer, and fails with what it waited for', async () => {
    let asked = 0;
    assert.equal(await pollUntil(async () => (++asked >= 3 ? `answer ${asked}` : undefined), 'an answer', 1000, 1), 'answer 3');
    await assert.rejects(pollUntil(() => false, 'never', 20, 1), /timed out after 20 ms waiting for never/);
  });
});
