/** Anything that holds a resource until disposed; structurally the same as VS Code's Disposable. */
export interface IDisposable {
  dispose(): void;
}

export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return {
    dispose() {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}

/** Disposes every item even when some throw, then rethrows the first error so none is lost silently. */
export function disposeAll(items: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
}

/**
 * Base class for everything that owns listeners, timers or child objects: each is registered
 * once with `_register` and released with the owner, so nothing outlives it. Registering on an
 * already disposed owner disposes the item at once instead of leaking it.
 */
export abstract class Disposable implements IDisposable {
  private readonly _disposables = new Set<IDisposable>();
  private _isDisposed = false;

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  protected _register<T extends IDisposable>(item: T): T {
    if (this._isDisposed) item.dispose();
    else this._disposables.add(item);
    return item;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    const items = [...this._disposables];
    this._disposables.clear();
    disposeAll(items);
  }
}
