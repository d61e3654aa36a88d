import { Clock } from '../common/clock';
import { Disposable } from '../common/dispose';
import { Emitter } from '../common/event';
import { Logger } from '../common/log';
import { ControlFrame, DataFrame, decodeFrame, SUBPROTOCOLS, UNSUPPORTED_SUBPROTOCOL } from './protocol';
import { CableSocket, SocketFactory, wsSocketFactory } from './socket';
import { Timer } from './timer';

/** Why a connection ended. Exactly one is reported per connection, unless its owner disposed it. */
export type SocketCloseCause =
  | { readonly kind: 'stale'; readonly silentForMs: number }
  | { readonly kind: 'socket'; readonly code: number; readonly reason: string; readonly error?: Error }
  | { readonly kind: 'disconnect'; readonly reason: string | undefined; readonly reconnect: boolean }
  | { readonly kind: 'unsupported-protocol' };

export interface SocketConnectionOptions {
  readonly url: string;
  readonly origin: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly socketFactory?: SocketFactory;
  /** Silence after which the socket counts as dead. */
  readonly staleAfterMs: number;
}

/**
 * One socket's life: opens it with the ActionCable subprotocols and the installation's Origin,
 * decodes every frame (malformed ones are logged at warn and dropped), and watches liveness.
 * Any frame counts as a sign of life, as in rails' ConnectionMonitor, but instead of polling we
 * keep one deadline, so a silent drop is noticed `staleAfterMs` after the last frame rather than
 * up to three times that. A frame only records its time (restarting a timer on every frame was a
 * noticeable part of decoding); when the deadline comes it moves itself to `staleAfterMs` after
 * the last frame if one came meanwhile. The deadline also runs before the socket opens, which
 * bounds a hanging TCP or TLS handshake. Used by CableConsumer, which makes a new connection for
 * every attempt.
 */
export class SocketConnection extends Disposable {
  private readonly _onDidReceiveControl = this._register(new Emitter<ControlFrame>());
  /** welcome, confirm_subscription, reject_subscription. Pings only feed liveness; disconnect ends the connection. */
  readonly onDidReceiveControl = this._onDidReceiveControl.event;
  private readonly _onDidReceiveData = this._register(new Emitter<DataFrame>());
  readonly onDidReceiveData = this._onDidReceiveData.event;
  private readonly _onDidClose = this._register(new Emitter<SocketCloseCause>());
  readonly onDidClose = this._onDidClose.event;

  private readonly _socket: CableSocket;
  private readonly _deadline: Timer;
  private _lastFrameAt: number;
  private _ended = false;

  constructor(private readonly _options: SocketConnectionOptions) {
    super();
    this._deadline = this._register(new Timer(_options.clock));
    this._lastFrameAt = _options.clock.now();
    this._armDeadline();
    const factory = _options.socketFactory ?? wsSocketFactory;
    this._socket = factory({ url: _options.url, protocols: SUBPROTOCOLS, origin: _options.origin });
    this._register(this._socket.onDidOpen(() => this._handleOpen()));
    this._register(this._socket.onDidReceive((text) => this._handleText(text)));
    this._register(
      this._socket.onDidClose((info) =>
        this._end({ kind: 'socket', code: info.code, reason: info.reason, error: info.error }),
      ),
    );
    // Disposing the connection closes its socket without reporting: the owner already moved on.
    this._register({
      dispose: () => {
        this._ended = true;
        this._socket.close();
      },
    });
  }

  send(text: string): void {
    if (!this._ended) this._socket.send(text);
  }

  private _armDeadline(ms = this._options.staleAfterMs): void {
    this._deadline.start(ms, () => {
      const silentForMs = this._options.clock.now() - this._lastFrameAt;
      if (silentForMs < this._options.staleAfterMs) this._armDeadline(this._options.staleAfterMs - silentForMs);
      else this._end({ kind: 'stale', silentForMs });
    });
  }

  private _handleOpen(): void {
    // The server picks `actioncable-unsupported` when it speaks none of the protocols we offer.
    if (this._socket.protocol === UNSUPPORTED_SUBPROTOCOL) this._end({ kind: 'unsupported-protocol' });
  }

  private _handleText(text: string): void {
    if (this._ended) return;
    this._lastFrameAt = this._options.clock.now();
    const decoded = decodeFrame(text);
    if (!decoded.ok) {
      this._options.logger.warn(`dropped a malformed frame: ${decoded.problem}`);
      return;
    }
    const { value } = decoded;
    if (value.kind === 'data') {
      this._onDidReceiveData.fire(value.frame);
      return;
    }
    const frame = value.frame;
    switch (frame.type) {
      case 'ping':
        return;
      case 'disconnect':
        this._end({ kind: 'disconnect', reason: frame.reason, reconnect: frame.reconnect ?? true });
        return;
      default:
        this._onDidReceiveControl.fire(frame);
    }
  }

  private _end(cause: SocketCloseCause): void {
    if (this._ended) return;
    this._ended = true;
    this._deadline.cancel();
    this._socket.close();
    this._onDidClose.fire(cause);
  }
}
