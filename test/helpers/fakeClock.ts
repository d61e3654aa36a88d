import { Clock, TimerHandle } from '../../src/common/clock';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/**
 * A Clock whose time moves only when a test says so. Timers run in due order during `advance`,
 * including timers scheduled by timers. `random()` returns scripted values, then `defaultRandom`.
 */
export class FakeClock implements Clock {
  private _now: number;
  private _nextId = 1;
  private readonly _timers = new Map<number, PendingTimer>();
  private readonly _randoms: number[] = [];
  private readonly _scheduleWaiters: Array<{ match: (ms: number) => boolean; resolve: () => void }> = [];
  defaultRandom = 0.5;

  constructor(start = 1_000_000) {
    this._now = start;
  }

  now(): number {
    return this._now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this._nextId++;
    this._timers.set(id, { id, at: this._now + Math.max(0, ms), fn });
    for (const waiter of [...this._scheduleWaiters]) {
      if (waiter.match(ms)) {
        this._scheduleWaiters.splice(this._scheduleWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this._timers.delete(handle);
  }

  random(): number {
    return this._randoms.length ? (this._randoms.shift() as number) : this.defaultRandom;
  }

  /** Queues values for the next `random()` calls. */
  queueRandom(...values: number[]): void {
    this._randoms.push(...values);
  }

  get pendingTimers(): number {
    return this._timers.size;
  }

  /** Delay until the earliest pending timer, or undefined when none is pending. */
  nextTimerIn(): number | undefined {
    let earliest: number | undefined;
    for (const t of this._timers.values()) earliest = earliest === undefined ? t.at : Math.min(earliest, t.at);
    return earliest === undefined ? undefined : earliest - this._now;
  }

  /**
   * Resolves when code under test schedules a timer whose delay matches, so a test can advance
   * time exactly when the code is waiting on it (e.g. a Retry-After sleep after a response).
   */
  whenScheduled(match: (ms: number) => boolean): Promise<void> {
    return new Promise((resolve) => this._scheduleWaiters.push({ match, resolve }));
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this._now + ms;
    for (;;) {
      let next: PendingTimer | undefined;
      for (const t of this._timers.values()) {
        if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.id < next.id))) next = t;
      }
      if (!next) break;
      this._timers.delete(next.id);
      this._now = next.at;
      next.fn();
    }
    this._now = target;
  }
}
