import { CableState } from '../cable/consumerState';
import { Timer } from '../cable/timer';
import { Clock } from '../common/clock';
import { Disposable } from '../common/dispose';
import { Event } from '../common/event';
import { Logger } from '../common/log';

/** Whether the editor window has focus; the glue backs it with `vscode.window.state` and `onDidChangeWindowState`. */
export interface FocusSource {
  readonly focused: boolean;
  readonly onDidChangeFocus: Event<boolean>;
}

/** What the heartbeat drives; RoomChannel satisfies it. */
export interface PresenceTarget {
  readonly state: CableState;
  readonly onDidChangeState: Event<CableState>;
  /** Sends one `update_presence`; false when it could not be sent. */
  updatePresence(): boolean;
}

export interface HeartbeatOptions {
  readonly target: PresenceTarget;
  readonly focus: FocusSource;
  readonly clock: Clock;
  readonly logger?: Logger;
  /**
   * Chatwoot forgets presence 20 s after the last heartbeat (`PRESENCE_DURATION`, docs/chatwoot-events.md §5);
   * 15 s leaves a 5 s margin for timer and network jitter, where the dashboard's 20 s flaps.
   */
  readonly intervalMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * Keeps the agent "online" while they are at the editor: sends `update_presence` at once when the
 * window gains focus or the channel connects, then every `intervalMs`, and stops while the window
 * is unfocused or the channel is down, so an agent who walked away shows offline after the
 * server's TTL instead of being handed conversations.
 */
export class Heartbeat extends Disposable {
  private readonly _timer: Timer;
  private readonly _intervalMs: number;
  private _active = false;

  constructor(private readonly _options: HeartbeatOptions) {
    super();
    this._intervalMs = _options.intervalMs ?? DEFAULT_HEARTBEAT_MS;
    this._timer = this._register(new Timer(_options.clock));
    this._register(_options.focus.onDidChangeFocus(() => this._update()));
    this._register(_options.target.onDidChangeState(() => this._update()));
    this._update();
  }

  get isActive(): boolean {
    return this._active;
  }

  private _update(): void {
    const shouldBeActive = this._options.focus.focused && this._options.target.state.kind === 'connected';
    if (shouldBeActive === this._active) return;
    this._active = shouldBeActive;
    if (shouldBeActive) {
      this._beat();
    } else {
      this._timer.cancel();
    }
  }

  private _beat(): void {
    if (!this._options.target.updatePresence()) this._options.logger?.debug('heartbeat not sent: channel not connected');
    this._timer.start(this._intervalMs, () => this._beat());
  }
}
