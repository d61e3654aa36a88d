import { Clock } from '../common/clock';
import { Disposable } from '../common/dispose';
import { Emitter } from '../common/event';
import { Logger } from '../common/log';
import { BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { CableConnection, ConnectionCloseCause } from './connection';
import { ControlFrame, DataFrame, messageCommand, subscribeCommand, unsubscribeCommand } from './protocol';
import { SocketFactory } from './socket';
import { AuthErrorReason, CableState, describeState } from './state';
import { Timer } from './timer';

/** Why the consumer asks for an identifier: a fresh connection, or a retry after the subscription failed. */
export type IdentifierRequestReason = 'connect' | 'subscription-rejected' | 'subscription-unconfirmed';

/**
 * Supplies the subscription identifier (the JSON string the server echoes back). Called on every
 * connection and again after a failed subscription, because the credentials inside it can rotate.
 * Throw a CableAuthError to say "these credentials are refused"; any other error counts as a
 * transient failure and leads to a retry with backoff.
 */
export type IdentifierProvider = (reason: IdentifierRequestReason) => Promise<string>;

/** Thrown by an IdentifierProvider when retrying cannot help. */
export class CableAuthError extends Error {
  override readonly name = 'CableAuthError';
}

export interface CableConsumerOptions {
  readonly url: string;
  readonly origin: string;
  readonly identifier: IdentifierProvider;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly socketFactory?: SocketFactory;
  /** Two missed server pings (Rails pings every 3 s). */
  readonly staleAfterMs?: number;
  /** A real Chatwoot never answers a bad pubsub token (EVENTS.md §1), so silence this long means "refused". */
  readonly confirmTimeoutMs?: number;
  /** A connection that lasted this long resets the backoff, so one later drop retries quickly again. */
  readonly healthyAfterMs?: number;
  readonly backoff?: BackoffPolicy;
}

export const CABLE_DEFAULTS = {
  staleAfterMs: 6_000, // 2 × the 3 s server ping
  confirmTimeoutMs: 10_000,
  healthyAfterMs: 60_000,
} as const;

export interface ConnectEvent {
  /** True when an earlier connection had been confirmed: whatever was broadcast in between is lost. */
  readonly reconnected: boolean;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function describeCause(cause: ConnectionCloseCause | { kind: 'credentials-unavailable' }): string {
  switch (cause.kind) {
    case 'stale':
      return `no frame for ${cause.silentForMs} ms`;
    case 'socket':
      return cause.error ? `socket error: ${cause.error.message}` : `socket closed (${cause.code})`;
    case 'disconnect':
      return `server disconnect (${cause.reason ?? 'no reason'})`;
    case 'unsupported-protocol':
      return 'unsupported protocol';
    case 'credentials-unavailable':
      return 'credentials unavailable';
  }
}

/**
 * A single-subscription ActionCable client with an explicit state machine, modelled on
 * `@rails/actioncable` (consumer, connection, monitor, guarantor) with the changes Chatwoot needs
 * (STYLE.md §1.6): `welcome` → subscribe; `confirm_subscription` → connected; a rejection or no
 * confirmation within `confirmTimeoutMs` → ask for a fresh identifier and subscribe once more,
 * then give up with an auth error instead of retrying forever; a `disconnect` frame obeys its
 * `reconnect` flag; every other loss reconnects with full-jitter backoff.
 * Used by realtime/RoomChannel; knows nothing about Chatwoot.
 */
export class CableConsumer extends Disposable {
  private readonly _onDidChangeState = this._register(new Emitter<CableState>());
  readonly onDidChangeState = this._onDidChangeState.event;
  private readonly _onDidConnect = this._register(new Emitter<ConnectEvent>());
  /** Fires on every confirmation; `reconnected` tells the app to refetch what it may have missed. */
  readonly onDidConnect = this._onDidConnect.event;
  private readonly _onDidReceive = this._register(new Emitter<unknown>());
  /** The `message` of each data frame for our subscription, undecoded: the channel owns its schema. */
  readonly onDidReceive = this._onDidReceive.event;

  private readonly _retryTimer: Timer;
  private readonly _confirmTimer: Timer;
  private readonly _staleAfterMs: number;
  private readonly _confirmTimeoutMs: number;
  private readonly _healthyAfterMs: number;

  private _state: CableState = { kind: 'stopped', reason: 'not-started' };
  private _connection: CableConnection | undefined;
  /** Bumped whenever a connection is replaced; async continuations of older ones check it and bail. */
  private _generation = 0;
  private _identifier: string | undefined;
  private _resubscribed = false;
  private _welcomed = false;
  /** Consecutive failed attempts; the backoff exponent. */
  private _failures = 0;
  private _everConnected = false;

  constructor(private readonly _options: CableConsumerOptions) {
    super();
    this._retryTimer = this._register(new Timer(_options.clock));
    this._confirmTimer = this._register(new Timer(_options.clock));
    this._staleAfterMs = _options.staleAfterMs ?? CABLE_DEFAULTS.staleAfterMs;
    this._confirmTimeoutMs = _options.confirmTimeoutMs ?? CABLE_DEFAULTS.confirmTimeoutMs;
    this._healthyAfterMs = _options.healthyAfterMs ?? CABLE_DEFAULTS.healthyAfterMs;
    this._register({ dispose: () => this._dropConnection() });
  }

  get state(): CableState {
    return this._state;
  }

  /** Connects, from any state. After an auth error this is how the glue tries again (e.g. after re-sign-in). */
  start(): void {
    if (this.isDisposed) return;
    this._failures = 0;
    this._connect(0);
  }

  /** Closes the connection and stays down (sign-out). */
  stop(): void {
    if (this.isDisposed) return;
    this._retryTimer.cancel();
    this._dropConnection();
    this._setState({ kind: 'stopped', reason: 'stopped' });
  }

  /**
   * Skips the backoff wait; the glue calls it when the window regains focus, where rails uses page
   * visibility. No effect while connected (the liveness deadline already covers a dead socket) or
   * in a terminal state (a refused token won't get better by retrying).
   */
  retryNow(): void {
    if (this._state.kind !== 'reconnecting') return;
    this._retryTimer.cancel();
    this._connect(this._state.attempt);
  }

  /** Sends `perform(action)` to the subscription. Returns false (and sends nothing) unless connected. */
  perform(data: Readonly<Record<string, unknown>>): boolean {
    if (this._state.kind !== 'connected' || !this._connection || this._identifier === undefined) return false;
    this._connection.send(messageCommand(this._identifier, data));
    return true;
  }

  private _setState(state: CableState): void {
    this._state = state;
    this._options.logger.info(describeState(state));
    this._onDidChangeState.fire(state);
  }

  private _dropConnection(): void {
    this._generation++;
    this._confirmTimer.cancel();
    this._connection?.dispose();
    this._connection = undefined;
    this._identifier = undefined;
  }

  private _connect(attempt: number): void {
    this._retryTimer.cancel();
    this._dropConnection();
    const generation = this._generation;
    this._resubscribed = false;
    this._welcomed = false;
    this._setState({ kind: 'connecting', attempt });

    // Fetched while the socket opens, so a reconnect costs max(REST, handshake), not their sum.
    const identifier = settle(this._options.identifier('connect'));
    const connection = new CableConnection({
      url: this._options.url,
      origin: this._options.origin,
      clock: this._options.clock,
      logger: this._options.logger,
      socketFactory: this._options.socketFactory,
      staleAfterMs: this._staleAfterMs,
    });
    this._connection = connection;
    connection.onDidReceiveControl((frame) => this._handleControl(generation, frame, identifier));
    connection.onDidReceiveData((frame) => this._handleData(frame));
    connection.onDidClose((cause) => this._handleClose(generation, cause));
  }

  private _handleControl(generation: number, frame: ControlFrame, identifier: Promise<Settled<string>>): void {
    switch (frame.type) {
      case 'welcome':
        // A second welcome on the same socket would only duplicate the subscribe.
        if (this._welcomed) return;
        this._welcomed = true;
        void this._subscribe(generation, identifier);
        return;
      case 'confirm_subscription':
        if (frame.identifier === this._identifier) this._confirmed();
        return;
      case 'reject_subscription':
        if (frame.identifier === this._identifier) this._subscriptionFailed(generation, 'subscription-rejected');
        return;
    }
  }

  private _handleData(frame: DataFrame): void {
    if (this._identifier !== undefined && frame.identifier === this._identifier) this._onDidReceive.fire(frame.message);
  }

  private async _subscribe(generation: number, identifier: Promise<Settled<string>>): Promise<void> {
    const result = await identifier;
    if (generation !== this._generation || !this._connection) return;
    if (!result.ok) {
      this._credentialsFailed(result.error);
      return;
    }
    this._identifier = result.value;
    this._connection.send(subscribeCommand(result.value));
    this._confirmTimer.start(this._confirmTimeoutMs, () =>
      this._subscriptionFailed(generation, 'subscription-unconfirmed'),
    );
  }

  private _confirmed(): void {
    if (this._state.kind === 'connected') return;
    this._confirmTimer.cancel();
    const reconnected = this._everConnected;
    this._everConnected = true;
    this._setState({ kind: 'connected', since: this._options.clock.now() });
    this._onDidConnect.fire({ reconnected });
  }

  private _subscriptionFailed(generation: number, reason: 'subscription-rejected' | 'subscription-unconfirmed'): void {
    if (generation !== this._generation || !this._connection) return;
    this._confirmTimer.cancel();
    if (this._resubscribed) {
      this._authError(reason);
      return;
    }
    this._resubscribed = true;
    this._options.logger.warn(`subscription ${reason}; refreshing credentials and subscribing once more`);
    if (reason === 'subscription-unconfirmed' && this._identifier !== undefined) {
      // Rails keeps a half-made subscription registered and ignores a repeated subscribe for the
      // same identifier (EVENTS.md §1), so make it forget the old one first.
      this._connection.send(unsubscribeCommand(this._identifier));
    }
    this._identifier = undefined;
    void this._subscribe(generation, settle(this._options.identifier(reason)));
  }

  private _credentialsFailed(error: unknown): void {
    if (error instanceof CableAuthError) {
      this._authError('credentials-rejected', error.message);
      return;
    }
    this._options.logger.warn(`could not get subscription credentials: ${error instanceof Error ? error.message : String(error)}`);
    this._dropConnection();
    this._scheduleRetry({ kind: 'credentials-unavailable' });
  }

  private _authError(reason: AuthErrorReason, detail?: string): void {
    this._retryTimer.cancel();
    this._dropConnection();
    this._setState(detail === undefined ? { kind: 'auth-error', reason } : { kind: 'auth-error', reason, detail });
  }

  private _handleClose(generation: number, cause: ConnectionCloseCause): void {
    if (generation !== this._generation) return;
    const previous = this._state;
    this._dropConnection();
    if (cause.kind === 'disconnect' && !cause.reconnect) {
      this._authError('server-refused', cause.reason);
      return;
    }
    if (cause.kind === 'unsupported-protocol') {
      this._setState({ kind: 'stopped', reason: 'unsupported-protocol' });
      return;
    }
    if (previous.kind === 'connected' && this._options.clock.now() - previous.since >= this._healthyAfterMs) {
      this._failures = 0;
    }
    this._scheduleRetry(cause);
  }

  private _scheduleRetry(cause: ConnectionCloseCause | { kind: 'credentials-unavailable' }): void {
    this._failures++;
    const attempt = this._failures;
    const delayMs = backoffDelay(attempt, this._options.clock.random(), this._options.backoff ?? DEFAULT_BACKOFF);
    this._setState({
      kind: 'reconnecting',
      attempt,
      delayMs,
      nextRetryAt: this._options.clock.now() + delayMs,
      cause: describeCause(cause),
    });
    this._retryTimer.start(delayMs, () => this._connect(attempt));
  }
}
