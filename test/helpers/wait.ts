import { Event } from '../../src/common/event';

/**
 * Fails a wait that never completes with a readable message instead of mocha's generic timeout.
 * The real timer is only a safety net; tests synchronise on the awaited event itself.
 */
export function within<T>(promise: Promise<T>, what: string, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The next event satisfying `predicate`, with a safety timeout. */
export function nextEvent<T, S extends T>(event: Event<T>, what: string, predicate: (e: T) => e is S): Promise<S>;
export function nextEvent<T>(event: Event<T>, what: string, predicate?: (e: T) => boolean): Promise<T>;
export function nextEvent<T>(event: Event<T>, what: string, predicate: (e: T) => boolean = () => true): Promise<T> {
  return within(
    new Promise<T>((resolve) => {
      const sub = event((e) => {
        if (predicate(e)) {
          sub.dispose();
          resolve(e);
        }
      });
    }),
    what,
  );
}

/** Records every event it sees, for asserting on sequences (and on the absence of events). */
export class Recorder<T> {
  readonly events: T[] = [];
  private readonly _sub;

  constructor(event: Event<T>) {
    this._sub = event((e) => this.events.push(e));
  }

  dispose(): void {
    this._sub.dispose();
  }
}
