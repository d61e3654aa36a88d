/**
 * Time as a dependency, so timer-driven logic (backoff, liveness deadlines, heartbeats,
 * coalescing) is unit-tested with a fake clock instead of real waits.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** In [0, 1); injected so jittered backoff is reproducible in tests. */
  random(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
};
