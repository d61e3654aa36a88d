import { Clock, TimerHandle } from './clock';
import { IDisposable } from './dispose';

/**
 * Runs an async job so that at most one is in flight and at most one waits behind it: calls made
 * while a run is in flight share the one queued run, which starts when the first ends and so sees
 * everything that happened meanwhile (the shape of GHPR's `throttle`, STYLE.md §3 principle 12).
 */
export class Coalesced implements IDisposable {
  private _running: Promise<void> | undefined;
  private _queued: Promise<void> | undefined;
  private _disposed = false;

  constructor(private readonly _job: () => Promise<void>) {}

  get isIdle(): boolean {
    return !this._running && !this._queued;
  }

  /** Settles when the run that covers this call has finished (rejects if that run failed). */
  run(): Promise<void> {
    if (this._disposed) return Promise.resolve();
    if (!this._running) {
      this._running = this._start();
      return this._running;
    }
    this._queued ??= this._running
      .catch(() => undefined)
      .then(() => {
        this._queued = undefined;
        if (this._disposed) return;
        this._running = this._start();
        return this._running;
      });
    return this._queued;
  }

  /** Settles once nothing is in flight or queued. */
  async whenIdle(): Promise<void> {
    while (this._running || this._queued) await (this._queued ?? this._running)?.catch(() => undefined);
  }

  private _start(): Promise<void> {
    const p = Promise.resolve()
      .then(() => this._job())
      .finally(() => {
        if (this._running === p) this._running = undefined;
      });
    return p;
  }

  dispose(): void {
    this._disposed = true;
  }
}

/**
 * Collects items and hands them over in batches, at most once per `windowMs`: the first change
 * after a quiet period goes out at once (no lag on a single event), later ones wait for the
 * window to end and go out together. Under any burst that is at most 1000 / windowMs flushes a
 * second. Time comes from the injected Clock so this is tested without waiting.
 */
export class BatchThrottle<T> implements IDisposable {
  private _items = new Set<T>();
  private _all = false;
  private _lastFlush = Number.NEGATIVE_INFINITY;
  private _timer: TimerHandle | undefined;
  private _disposed = false;

  constructor(
    private readonly _clock: Clock,
    private readonly _windowMs: number,
    /** `'all'` when everything must be refreshed. */
    private readonly _flush: (items: ReadonlySet<T> | 'all') => void,
  ) {}

  get hasPending(): boolean {
    return this._all || this._items.size > 0;
  }

  add(items: Iterable<T>): void {
    if (this._disposed) return;
    for (const item of items) this._items.add(item);
    this._schedule();
  }

  addAll(): void {
    if (this._disposed) return;
    this._all = true;
    this._schedule();
  }

  private _schedule(): void {
    if (!this.hasPending || this._timer !== undefined) return;
    const wait = this._lastFlush + this._windowMs - this._clock.now();
    if (wait <= 0) {
      this._run();
      return;
    }
    this._timer = this._clock.setTimeout(() => {
      this._timer = undefined;
      this._run();
    }, wait);
  }

  private _run(): void {
    if (!this.hasPending) return;
    const batch: ReadonlySet<T> | 'all' = this._all ? 'all' : this._items;
    this._items = new Set();
    this._all = false;
    this._lastFlush = this._clock.now();
    this._flush(batch);
  }

  dispose(): void {
    this._disposed = true;
    if (this._timer !== undefined) this._clock.clearTimeout(this._timer);
    this._timer = undefined;
    this._items.clear();
  }
}

/**
 * A job that runs `delayMs` after it is first requested, however often it is requested in the
 * meantime, and never overlaps itself (a request during a run schedules one more). Used for the
 * counts refresh that follows bursts of conversation events.
 */
export class DelayedJob implements IDisposable {
  private _timer: TimerHandle | undefined;
  private _scheduled: Promise<void> | undefined;
  private _fire: (() => void) | undefined;
  private readonly _runner: Coalesced;
  private _disposed = false;

  constructor(
    private readonly _clock: Clock,
    private readonly _delayMs: number,
    job: () => Promise<void>,
    private readonly _onError: (error: unknown) => void,
  ) {
    this._runner = new Coalesced(job);
  }

  get isIdle(): boolean {
    return this._timer === undefined && this._runner.isIdle;
  }

  request(): void {
    if (this._disposed || this._timer !== undefined) return;
    let fire!: () => void;
    this._scheduled = new Promise<void>((resolve) => (fire = resolve));
    this._fire = fire;
    this._timer = this._clock.setTimeout(() => {
      this._timer = undefined;
      const done = this._fire;
      this._fire = undefined;
      this._runner
        .run()
        .catch(this._onError)
        .finally(() => done?.());
    }, this._delayMs);
  }

  /** Settles once no run is scheduled or under way (a scheduled run waits for its timer). */
  async whenIdle(): Promise<void> {
    while (!this.isIdle && !this._disposed) {
      await (this._timer !== undefined ? this._scheduled : this._runner.whenIdle());
    }
  }

  dispose(): void {
    this._disposed = true;
    if (this._timer !== undefined) this._clock.clearTimeout(this._timer);
    this._timer = undefined;
    this._fire?.();
    this._fire = undefined;
    this._runner.dispose();
  }
}
