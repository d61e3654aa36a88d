import * as l10n from '@vscode/l10n';
import { Clock } from '../common/clock';
import { Disposable } from '../common/dispose';
import { Emitter } from '../common/event';
import { Logger } from '../common/log';
import { BackoffPolicy, backoffDelay, DEFAULT_BACKOFF, doublingDelay } from '../common/backoff';
import { AuthErrorReason, CableState, describeState } from './consumerState';
import { ControlFrame, DataFrame, DisconnectReason, messageCommand, subscribeCommand, unsubscribeCommand } from './protocol';
import { CLOSE_MESSAGE_TOO_BIG, SocketFactory } from './socket';
import { SocketConnection, SocketCloseCause } from './socketConnection';
import { Timer } from './timer';

/** Why the consumer asks for an identifier: a fresh connection, a rejection, or a refresh while waiting for a confirmation. */
export type IdentifierRequestReason = 'connect' | 'subscription-rejected' | 'subscription-unconfirmed';

/**
 * Supplies the subscription identifier (the JSON string the server echoes back). Called on every
 * connection and again after a failed subscription, because the credentials inside it can rotate.
 * Throw a CableAuthError to say "these credentials are refused"; any other error counts as a
 * transient failure: a retry with backoff, or (during a refresh while waiting) more waiting.
 */
export type IdentifierProvider = (reason: IdentifierRequestReason) => Promise<string>;

/** Thrown by an IdentifierProvider when retrying cannot help. */
export class CableAuthError extends Error {
  override readonly name = 'CableAuthError';
}

/**
 * How the consumer waits for `confirm_subscription`. Rails confirms only after its pub/sub
 * acknowledged the SUBSCRIBE (actioncable/lib/action_cable/channel/streams.rb: `stream_from`
 * defers the confirmation), so a late confirmation is normal on a busy server and never an error.
 */
export interface ConfirmPolicy {
  /**
   * Re-sends `subscribe` while unconfirmed, as rails' SubscriptionGuarantor does every 500 ms
   * forever (actioncable/app/javascript/action_cable/subscription_guarantor.js), but doubling to a
   * cap. The server ignores a repeat for an identifier it holds (connection/subscriptions.rb), so
   * a repeat only matters when the first one was lost.
   */
  readonly resubscribe: BackoffPolicy;
  /** Refetches the credentials while waiting, first after `baseMs`, then doubling: picks up a rotated pubsub token. */
  readonly refresh: BackoffPolicy;
  /**
   * After this long unconfirmed on one socket, opens a fresh one (doubling per consecutive socket).
   * Rails keeps a subscription whose `subscribed` raised (a transient Redis or database error)
   * registered and ignores every repeat for it, so only a new socket can recover from that.
   */
  readonly patience: BackoffPolicy;
}

export const DEFAULT_CONFIRM_POLICY: ConfirmPolicy = {
  resubscribe: { baseMs: 500, capMs: 15_000 },
  refresh: { baseMs: 10_000, capMs: 300_000 },
  patience: { baseMs: 60_000, capMs: 480_000 },
};

export interface CableConsumerOptions {
  readonly url: string;
  readonly origin: string;
  readonly identifier: IdentifierProvider;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly socketFactory?: SocketFactory;
  /** Two missed server pings (Rails pings every 3 s). */
  readonly staleAfterMs?: number;
  readonly confirm?: ConfirmPolicy;
  /** A connection that lasted this long resets the backoff, so one later drop retries quickly again. */
  readonly healthyAfterMs?: number;
  readonly backoff?: BackoffPolicy;
}

export const CABLE_DEFAULTS = {
  staleAfterMs: 6_000, // 2 × the 3 s server ping
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

type RetryCause =
  | SocketCloseCause
  | { readonly kind: 'credentials-unavailable'; readonly error?: unknown }
  | { readonly kind: 'unconfirmed'; readonly waitedMs: number };

function describeCause(cause: RetryCause): string {
  switch (cause.kind) {
    case 'stale':
      return l10n.t('no frame for {0} ms', cause.silentForMs);
    case 'socket':
      if (cause.code === CLOSE_MESSAGE_TOO_BIG) return l10n.t('a frame over the size limit');
      return cause.error ? l10n.t('socket error: {0}', cause.error.message) : l10n.t('socket closed ({0})', cause.code);
    case 'disconnect':
      return l10n.t('server disconnect ({0})', cause.reason ?? l10n.t('no reason'));
    case 'unsupported-protocol':
      return l10n.t('unsupported protocol');
    case 'credentials-unavailable':
      return l10n.t('credentials unavailable');
    case 'unconfirmed':
      return l10n.t('no subscription confirmation for {0} s', Math.round(cause.waitedMs / 1000));
  }
}

/**
 * A single-subscription ActionCable client with an explicit state machine, modelled on
 * `@rails/actioncable` (consumer, connection, monitor, guarantor) with the changes Chatwoot needs
 * (STYLE.md §1.6):
 * - `welcome` → subscribe; `confirm_subscription` → connected.
 * - No confirmation yet → `awaiting-confirmation` after the first re-send, re-sending `subscribe`
 *   with doubling delays and refetching the credentials now and then (ConfirmPolicy). A late
 *   confirmation is never an auth error; after `patience` on one socket, a fresh socket.
 * - Only definitive refusals end in `auth-error`: `reject_subscription` (after one retry with
 *   fresh credentials), a `disconnect` saying `unauthorized` or `reconnect: false`, or an
 *   identifier provider throwing CableAuthError (the REST API said 401).
 * - Every other loss reconnects with full-jitter backoff.
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
  /** Next re-send of `subscribe` while unconfirmed. */
  private readonly _resubscribeTimer: Timer;
  /** When this socket stops waiting for a confirmation. */
  private readonly _patienceTimer: Timer;
  private readonly _staleAfterMs: number;
  private readonly _healthyAfterMs: number;
  private readonly _confirm: ConfirmPolicy;

  private _state: CableState = { kind: 'stopped', reason: 'not-started' };
  private _connection: SocketConnection | undefined;
  /** Bumped whenever a connection is replaced; async continuations of older ones check it and bail. */
  private _generation = 0;
  private _identifier: string | undefined;
  private _welcomed = false;
  /** A rejection on this socket already led to fresh credentials; the next one is final. */
  private _rejectedOnce = false;
  /** Clock time of the first `subscribe` on this socket, if sent. */
  private _subscribedAt: number | undefined;
  /** Re-sends of `subscribe` for the current identifier: the step of its delay. */
  private _resubscribes = 0;
  private _refreshes = 0;
  private _nextRefreshAt = 0;
  private _refreshing = false;
  /** Consecutive sockets abandoned for want of a confirmation: the step of the patience. */
  private _unconfirmedSockets = 0;
  /** Consecutive failed attempts; the backoff exponent. */
  private _failures = 0;
  private _everConnected = false;

  constructor(private readonly _options: CableConsumerOptions) {
    super();
    this._retryTimer = this._register(new Timer(_options.clock));
    this._resubscribeTimer = this._register(new Timer(_options.clock));
    this._patienceTimer = this._register(new Timer(_options.clock));
    this._staleAfterMs = _options.staleAfterMs ?? CABLE_DEFAULTS.staleAfterMs;
    this._healthyAfterMs = _options.healthyAfterMs ?? CABLE_DEFAULTS.healthyAfterMs;
    this._confirm = _options.confirm ?? DEFAULT_CONFIRM_POLICY;
    this._register({ dispose: () => this._dropConnection() });
  }

  get state(): CableState {
    return this._state;
  }

  /** Connects, from any state. After an auth error this is how the glue tries again (e.g. after re-sign-in). */
  start(): void {
    if (this.isDisposed) return;
    this._failures = 0;
    this._unconfirmedSockets = 0;
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
    this._resubscribeTimer.cancel();
    this._patienceTimer.cancel();
    this._refreshing = false;
    this._connection?.dispose();
    this._connection = undefined;
    this._identifier = undefined;
  }

  private _connect(attempt: number): void {
    this._retryTimer.cancel();
    this._dropConnection();
    const generation = this._generation;
    this._welcomed = false;
    this._rejectedOnce = false;
    this._subscribedAt = undefined;
    this._refreshes = 0;
    this._setState({ kind: 'connecting', attempt });

    // Fetched while the socket opens, so a reconnect costs max(REST, handshake), not their sum.
    const identifier = settle(this._options.identifier('connect'));
    const connection = new SocketConnection({
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
        if (frame.identifier === this._identifier) this._rejected(generation);
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
    this._sendSubscribe(generation, result.value);
  }

  /** Subscribes with a new identifier and (re)starts the re-send rhythm for it. */
  private _sendSubscribe(generation: number, identifier: string): void {
    if (!this._connection) return;
    this._identifier = identifier;
    this._resubscribes = 0;
    this._connection.send(subscribeCommand(identifier));
    if (this._subscribedAt === undefined) {
      const now = this._options.clock.now();
      this._subscribedAt = now;
      this._nextRefreshAt = now + doublingDelay(1, this._confirm.refresh);
      const patienceMs = doublingDelay(this._unconfirmedSockets + 1, this._confirm.patience);
      this._patienceTimer.start(patienceMs, () => this._outOfPatience(generation, patienceMs));
    }
    this._scheduleResubscribe(generation);
  }

  private _scheduleResubscribe(generation: number): void {
    const delayMs = doublingDelay(this._resubscribes + 1, this._confirm.resubscribe);
    this._resubscribeTimer.start(delayMs, () => this._resubscribe(generation));
  }

  private _resubscribe(generation: number): void {
    if (generation !== this._generation || !this._connection || this._identifier === undefined) return;
    if (this._state.kind === 'connecting') {
      this._setState({ kind: 'awaiting-confirmation', attempt: this._state.attempt, since: this._subscribedAt ?? this._options.clock.now() });
    }
    if (this._options.clock.now() >= this._nextRefreshAt) void this._refreshCredentials(generation, this._identifier);
    this._resubscribes++;
    this._options.logger.debug(`no confirmation yet; subscribing again (${this._resubscribes})`);
    this._connection.send(subscribeCommand(this._identifier));
    this._scheduleResubscribe(generation);
  }

  /**
   * While waiting, asks for the identifier again: a rotated pubsub token (password change, admin
   * reset) can only be learnt this way, and a 401 from the provider is a definitive answer.
   */
  private async _refreshCredentials(generation: number, current: string): Promise<void> {
    if (this._refreshing) return;
    this._refreshing = true;
    // Spaced from the start of each request, so a slow REST API cannot speed the rhythm up.
    this._refreshes++;
    this._nextRefreshAt = this._options.clock.now() + doublingDelay(this._refreshes + 1, this._confirm.refresh);
    const result = await settle(this._options.identifier('subscription-unconfirmed'));
    if (generation !== this._generation || !this._connection) return;
    this._refreshing = false;
    // Confirmed meanwhile, or a rejection already replaced the identifier: this answer is moot.
    if (this._state.kind !== 'awaiting-confirmation' || this._identifier !== current) return;
    if (!result.ok) {
      if (result.error instanceof CableAuthError) {
        this._authError('credentials-rejected', result.error.message);
        return;
      }
      this._options.logger.warn(`could not refresh subscription credentials: ${errorMessage(result.error)}; still waiting`);
      return;
    }
    if (result.value === current) return;
    this._options.logger.info('subscription credentials changed while waiting; subscribing with the new ones');
    // The server holds the old identifier until told otherwise (connection/subscriptions.rb).
    this._connection.send(unsubscribeCommand(current));
    this._sendSubscribe(generation, result.value);
  }

  private _confirmed(): void {
    if (this._state.kind === 'connected') return;
    this._resubscribeTimer.cancel();
    this._patienceTimer.cancel();
    this._unconfirmedSockets = 0;
    const reconnected = this._everConnected;
    this._everConnected = true;
    this._setState({ kind: 'connected', since: this._options.clock.now() });
    this._onDidConnect.fire({ reconnected });
  }

  private _rejected(generation: number): void {
    if (generation !== this._generation || !this._connection) return;
    this._resubscribeTimer.cancel();
    if (this._rejectedOnce) {
      this._authError('subscription-rejected');
      return;
    }
    this._rejectedOnce = true;
    this._options.logger.warn('subscription rejected; refreshing credentials and subscribing once more');
    this._identifier = undefined;
    void this._subscribe(generation, settle(this._options.identifier('subscription-rejected')));
  }

  private _outOfPatience(generation: number, waitedMs: number): void {
    if (generation !== this._generation || !this._connection) return;
    this._unconfirmedSockets++;
    this._options.logger.warn(`no subscription confirmation after ${waitedMs} ms; trying a fresh socket`);
    this._dropConnection();
    this._scheduleRetry({ kind: 'unconfirmed', waitedMs });
  }

  private _credentialsFailed(error: unknown): void {
    if (error instanceof CableAuthError) {
      this._authError('credentials-rejected', error.message);
      return;
    }
    this._options.logger.warn(`could not get subscription credentials: ${errorMessage(error)}`);
    this._dropConnection();
    this._scheduleRetry({ kind: 'credentials-unavailable', error });
  }

  private _authError(reason: AuthErrorReason, detail?: string): void {
    this._retryTimer.cancel();
    this._dropConnection();
    this._setState(detail === undefined ? { kind: 'auth-error', reason } : { kind: 'auth-error', reason, detail });
  }

  private _handleClose(generation: number, cause: SocketCloseCause): void {
    if (generation !== this._generation) return;
    const previous = this._state;
    this._dropConnection();
    // Rails' server always pairs `unauthorized` with reconnect:false; older servers omit the flag.
    if (cause.kind === 'disconnect' && (!cause.reconnect || cause.reason === DisconnectReason.unauthorized)) {
      this._authError('server-refused', cause.reason);
      return;
    }
    if (cause.kind === 'unsupported-protocol') {
      this._setState({ kind: 'stopped', reason: 'unsupported-protocol' });
      return;
    }
    if (cause.kind === 'socket' && cause.code === CLOSE_MESSAGE_TOO_BIG) {
      // The frame is gone, but it was one broadcast: the reconnect's resync refetches what it held.
      this._options.logger.warn('a frame exceeded the size limit and was dropped with the socket; reconnecting');
    }
    if (previous.kind === 'connected' && this._options.clock.now() - previous.since >= this._healthyAfterMs) {
      this._failures = 0;
    }
    this._scheduleRetry(cause);
  }

  private _scheduleRetry(cause: RetryCause): void {
    this._failures++;
    const attempt = this._failures;
    const delayMs = backoffDelay(attempt, this._options.clock.random(), this._options.backoff ?? DEFAULT_BACKOFF);
    const error = cause.kind === 'socket' || cause.kind === 'credentials-unavailable' ? cause.error : undefined;
    this._setState({
      kind: 'reconnecting',
      attempt,
      delayMs,
      nextRetryAt: this._options.clock.now() + delayMs,
      cause: describeCause(cause),
      ...(error === undefined ? {} : { error }),
    });
    this._retryTimer.start(delayMs, () => this._connect(attempt));
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
