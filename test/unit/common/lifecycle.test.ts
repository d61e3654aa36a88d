import * as assert from 'node:assert/strict';
import { Disposable, disposeAll, toDisposable } from '../../../src/common/dispose';
import { Emitter, once } from '../../../src/common/event';

class Owner extends Disposable {
  own(fn: () => void): void {
    this._register(toDisposable(fn));
  }
}

suite('Disposable and Emitter', () => {
  test('an owner disposes what it registered, once', () => {
    const owner = new Owner();
    let count = 0;
    owner.own(() => count++);
    owner.dispose();
    owner.dispose();
    assert.equal(count, 1);
  });

  test('registering on a disposed owner disposes at once instead of leaking', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = false;
    owner.own(() => (disposed = true));
    assert.equal(disposed, true);
  });

  test('disposeAll disposes every item even when one throws, then rethrows', () => {
    let second = false;
    assert.throws(() => disposeAll([toDisposable(() => { throw new Error('boom'); }), toDisposable(() => (second = true))]), /boom/);
    assert.equal(second, true);
  });

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
