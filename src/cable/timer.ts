import { Clock, TimerHandle } from '../common/clock';
import { IDisposable } from '../common/dispose';

/**
 * One restartable timeout on an injected Clock. Owners register it so disposal cancels it; a
 * restart replaces the pending run, so there is never more than one.
 */
export class Timer implements IDisposable {
  private _handle: TimerHandle | undefined;

  constructor(private readonly _clock: Clock) {}

  get isPending(): boolean {
    return this._handle !== undefined;
  }

  start(ms: number, fn: () => void): void {
    this.cancel();
    const handle = this._clock.setTimeout(() => {
      // Only the run we scheduled may clear the slot; a restart inside fn installs a new one.
      if (this._handle === handle) this._handle = undefined;
      fn();
    }, ms);
    this._handle = handle;
  }

  cancel(): void {
    if (this._handle !== undefined) {
      this._clock.clearTimeout(this._handle);
      this._handle = undefined;
    }
  }

  dispose(): void {
    this.cancel();
  }
}
