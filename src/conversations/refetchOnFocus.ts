import { Clock } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { FocusSource } from '../realtime/heartbeat';

/**
 * Once every 30 s at most: an agent flicking between windows does not cost a refetch each time,
 * and what others changed while the window was in the background (read marks, which Chatwoot
 * broadcasts to nobody) is at most 30 s old when the agent looks again.
 */
export const REFETCH_ON_FOCUS_MIN_INTERVAL_MS = 30_000;

/**
 * Re-reads what is on screen when the window regains focus, bounded to one run per interval.
 * Chatwoot tells other clients nothing about an agent's mark-read (3.x) or only that unread
 * counts moved somewhere (4.x), so a window coming back to the foreground refetches instead. A
 * refetch that happened for another reason (a reconnect, an event) counts too (`markFresh`).
 * Pure (the focus seam and the clock are injected), owned by the sync it refreshes.
 */
export class RefetchOnFocus extends Disposable {
  private _last = Number.NEGATIVE_INFINITY;

  constructor(
    focus: FocusSource,
    private readonly _clock: Clock,
    private readonly _refetch: () => void,
    private readonly _minIntervalMs = REFETCH_ON_FOCUS_MIN_INTERVAL_MS,
  ) {
    super();
    const sub = focus.onDidChangeFocus((focused) => {
      if (focused) this._onFocus();
    });
    this._register(toDisposable(() => sub.dispose()));
  }

  /** A refetch just happened anyway: the next focus within the interval need not repeat it. */
  markFresh(): void {
    this._last = this._clock.now();
  }

  private _onFocus(): void {
    if (this.isDisposed || this._clock.now() - this._last < this._minIntervalMs) return;
    this._last = this._clock.now();
    this._refetch();
  }
}
