import { BackoffPolicy, doublingDelay } from './backoff';
import { Clock, TimerHandle } from './clock';
import { Coalesced } from './coalesce';
import { Disposable, toDisposable } from './dispose';
import { Emitter } from './event';
import { Logger } from './log';

/**
 * Starts at 1 s and doubles to 1 min: a blip heals at once, and a server that stays down for an
 * hour costs a refetch a minute, not a storm.
 */
export const CATCH_UP_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

export interface CatchUpOptions {
  /** Brings the state up to date; rejects when it could not. */
  readonly job: () => Promise<void>;
  /** What it brings up to date, for the log: "the conversations". */
  readonly what: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
}

/**
 * A refetch that never gives up. Runs are coalesced (one in flight, one queued behind it); when
 * one fails, the state it feeds is "behind" and another run follows with backoff, until one
 * succeeds. A request made meanwhile (a reconnect, the Refresh command) runs at once. The views
 * fed by it read `isBehind` to say they may be out of date, instead of looking current while a
 * failed catch-up is only in the log. Every failure is retried, a 401 too: whether it means a
 * revoked token is decided elsewhere (connection/tokenCheck.ts), and a sign-out disposes this.
 */
export class CatchUp extends Disposable {
  private readonly _runs: Coalesced;
  private _failures = 0;
  private _retries = 0;
  private _retryTimer: TimerHandle | undefined;
  private readonly _onDidChangeBehind = this._register(new Emitter<boolean>());
  /** Fires when a run fails after a success (true), and when one succeeds after failures (false). */
  readonly onDidChangeBehind = this._onDidChangeBehind.event;

  constructor(private readonly _options: CatchUpOptions) {
    super();
    this._runs = this._register(new Coalesced(() => this._attempt()));
    this._register(toDisposable(() => this._cancelRetry()));
  }

  /** Whether the last run failed, so what it feeds may be out of date. */
  get isBehind(): boolean {
    return this._failures > 0;
  }

  /** Retries run so far (a run after a failure), for the log and the soak's figures. */
  get retries(): number {
    return this._retries;
  }

  /** Nothing in flight or queued; a scheduled retry does not count, so tests of failures settle. */
  get isIdle(): boolean {
    return this._runs.isIdle;
  }

  whenIdle(): Promise<void> {
    return this._runs.whenIdle();
  }

  /**
   * Runs now (or right after the run in flight) and settles with that run: callers that show the
   * failure to the user still can. A retry scheduled for an earlier failure is replaced by this run.
   */
  run(): Promise<void> {
    if (this.isDisposed) return Promise.resolve();
    this._cancelRetry();
    return this._runs.run();
  }

  private async _attempt(): Promise<void> {
    try {
      await this._options.job();
    } catch (error) {
      this._failed(error);
      throw error;
    }
    this._succeeded();
  }

  private _succeeded(): void {
    if (this._failures === 0 || this.isDisposed) return;
    this._options.logger.info(`caught up with ${this._options.what} after ${this._failures} failed attempt${this._failures === 1 ? '' : 's'}`);
    this._failures = 0;
    this._onDidChangeBehind.fire(false);
  }

  private _failed(error: unknown): void {
    if (this.isDisposed) return;
    this._failures++;
    if (this._failures === 1) this._onDidChangeBehind.fire(true);
    const reason = error instanceof Error ? error.message : String(error);
    // Between half the bound and all of it: spread, but never an immediate hammering retry.
    const bound = doublingDelay(this._failures, this._options.backoff ?? CATCH_UP_BACKOFF);
    const delay = Math.round(bound / 2 + (bound / 2) * this._options.clock.random());
    this._options.logger.warn(`catch-up of ${this._options.what} failed (${reason}); retrying in ${(delay / 1000).toFixed(1)} s`);
    this._cancelRetry();
    this._retryTimer = this._options.clock.setTimeout(() => {
      this._retryTimer = undefined;
      this._retries++;
      // Failures are handled in _attempt; nobody waits on a retry.
      this._runs.run().catch(() => undefined);
    }, delay);
  }

  private _cancelRetry(): void {
    if (this._retryTimer === undefined) return;
    this._options.clock.clearTimeout(this._retryTimer);
    this._retryTimer = undefined;
  }
}
