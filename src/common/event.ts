import { IDisposable } from './dispose';

/** Same call shape as vscode.Event, so pure modules can expose events that VS Code glue consumes directly. */
export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: IDisposable[]) => IDisposable;

/**
 * A minimal event emitter for modules that must not import `vscode`. A listener that throws
 * is reported through `onListenerError` and does not stop the others.
 */
export class Emitter<T> implements IDisposable {
  private _listeners: Array<(e: T) => unknown> = [];
  private _disposed = false;

  constructor(private readonly _onListenerError: (error: unknown) => void = (e) => console.error(e)) {}

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs ? listener.bind(thisArgs) : listener;
    if (!this._disposed) this._listeners.push(bound);
    const subscription = {
      dispose: () => {
        this._listeners = this._listeners.filter((l) => l !== bound);
      },
    };
    disposables?.push(subscription);
    return subscription;
  };

  fire(e: T): void {
    // Copy: a listener may unsubscribe (or subscribe) while we iterate.
    for (const listener of [...this._listeners]) {
      try {
        listener(e);
      } catch (error) {
        this._onListenerError(error);
      }
    }
  }

  get hasListeners(): boolean {
    return this._listeners.length > 0;
  }

  dispose(): void {
    this._disposed = true;
    this._listeners = [];
  }
}

/** Resolves with the first event that satisfies `predicate`; used by tests and by one-shot waits. */
export function once<T>(event: Event<T>, predicate: (e: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const sub = event((e) => {
      if (predicate(e)) {
        sub.dispose();
        resolve(e);
      }
    });
  });
}
