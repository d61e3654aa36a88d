import { Event } from '../../src/common/event';

/**
 * Fails a wait that never completes with a readable message instead of mocha's generic timeout.
 * The real timer is only a safety net; tests synchronise on the awaited event itself.
 */
export function within<T>(promise: Promise<T>, what: string, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(ms, what)), ms);
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

type What = string | (() => string);
const timedOut = (ms: number, what: What) => new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);

/**
 * Resolves once `predicate` holds: at once, or when one of `events` fires and it then does. For
 * host tests, whose extension announces its changes (tree refreshes, realtime events, state).
 * `what` may be a function, to describe the state found when the wait fails.
 */
export function untilEvent(events: ReadonlyArray<Event<unknown>>, predicate: () => boolean, what: What, ms = 10000): Promise<void> {
  if (predicate()) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const subs: Array<{ dispose(): void }> = [];
  const done = () => {
    clearTimeout(timer);
    for (const s of subs) s.dispose();
  };
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      done();
      resolve();
    };
    for (const event of events) subs.push(event(check));
    timer = setTimeout(() => {
      done();
      reject(timedOut(ms, what));
    }, ms);
  });
}

/**
 * Resolves with `check`'s first truthy answer, asking again every `everyMs`. Only for what no
 * event announces: the stand-in's REST answers, a webview's DOM read through the runner, a log
 * file written asynchronously, a value the host reaches on a timer.
 */
export async function pollUntil<T>(check: () => T | Promise<T>, what: What, ms = 10000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) throw timedOut(ms, what);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
