import * as assert from 'node:assert/strict';
import { Disposable, disposeAll, toDisposable } from '../../../src/common/dispose';

class Owner extends Disposable {
  own(fn: () => void): void {
    this._register(toDisposable(fn));
  }
}

suite('Disposable', () => {
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
});
