import * as assert from 'node:assert/strict';
import { Emitter, once } from '../../../src/common/event';

suite('Emitter', () => {
  test('a throwing listener does not stop the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((e) => errors.push(e));
    const seen: number[] = [];
    emitter.event(() => { throw new Error('listener'); });
    emitter.event((n) => seen.push(n));
    emitter.fire(1);
    assert.deepEqual(seen, [1]);
    assert.equal(errors.length, 1);
  });

  test('once resolves with the first matching event and unsubscribes', async () => {
    const emitter = new Emitter<number>();
    const p = once(emitter.event, (n) => n > 1);
    emitter.fire(1);
    emitter.fire(2);
    assert.equal(await p, 2);
    assert.equal(emitter.hasListeners, false);
  });
});
