import * as l10n from '@vscode/l10n';
import { ApiError } from '../api/errors';
import { BackoffPolicy } from '../common/backoff';
import { CableAuthError, CableConsumer, ConfirmPolicy } from '../cable/consumer';
import { CableState } from '../cable/consumerState';
import { SocketFactory } from '../cable/socket';
import { cableUrl, installationOrigin } from '../cable/url';
import { Clock, TimerHandle } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { Emitter, Event } from '../common/event';
import { Logger, Redactor } from '../common/log';
import { ChatwootEvent, decodeChatwootEvent, eventAccountId, RefetchTarget, refetchTargetKey } from './events';

/** What the subscription identifier is made of; all three come from `GET /api/v1/profile`. */
export interface RoomCredentials {
  readonly pubsubToken: string;
  readonly accountId: number;
  readonly userId: number;
}

/**
 * The identifier exactly as the seeds and the dashboard build it: key order matters, because the
 * server echoes the string and the client matches confirmations and broadcasts on it verbatim.
 */
export function roomChannelIdentifier(credentials: RoomCredentials): string {
  return JSON.stringify({
    channel: 'RoomChannel',
    pubsub_token: credentials.pubsubToken,
    account_id: credentials.accountId,
    user_id: credentials.userId,
  });
}

/**
 * The presence heartbeat's `data`. No account_id: the server refreshes presence for the account in
 * the identifier (docs/chatwoot-events.md §2; seed 000 "Agent presence").
 */
export const UPDATE_PRESENCE = { action: 'update_presence' } as const;

export type ResyncEvent =
  /** The socket came back after a confirmed period; broadcasts in the gap are lost (docs/user-needs.md §1). */
  | { readonly reason: 'reconnected' }
  /** An event said something changed but can't be applied (e.g. a conversation event without an id). */
  | { readonly reason: 'unappliable-event'; readonly event: string }
  /**
   * A known event arrived with a payload that does not validate (a fork, a newer version): what it
   * would have changed (one conversation, the pages, the notifications) is fetched again. The first
   * goes out at once; more within INVALID_EVENT_REFETCH_MS wait and go out together, each target once.
   */
  | { readonly reason: 'invalid-event'; readonly event: string; readonly targets: readonly RefetchTarget[] };

/** A server that keeps sending one unreadable event must not turn every frame into a full refetch. */
export const INVALID_EVENT_REFETCH_MS = 30_000;
/** Nor fill the log: one warning per event name in this window, debug lines for the rest. */
export const INVALID_EVENT_WARN_MS = 60_000;

export interface RoomChannelOptions {
  /** The installation, e.g. `https://chat.example.com`; the cable URL and Origin derive from it. */
  readonly baseUrl: string;
  /** For installations that mount the cable elsewhere than `<baseUrl>/cable`. */
  readonly cableUrl?: string;
  /** Called on every (re)connect, after a rejection and now and then while a confirmation is late: the pubsub token rotates. */
  readonly credentials: () => Promise<RoomCredentials>;
  /** Which credential errors mean "signed out"; default: an ApiError of kind `unauthorized`. */
  readonly isAuthFailure?: (error: unknown) => boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Every pubsub token fetched is registered here before anything could log it. */
  readonly redactor?: Redactor;
  readonly socketFactory?: SocketFactory;
  readonly staleAfterMs?: number;
  readonly confirm?: ConfirmPolicy;
  readonly healthyAfterMs?: number;
  readonly backoff?: BackoffPolicy;
}

const defaultIsAuthFailure = (error: unknown): boolean => error instanceof ApiError && error.kind === 'unauthorized';

/**
 * Chatwoot's use of the cable: one RoomChannel subscription for the signed-in agent in one
 * account. Decodes each broadcast into a typed ChatwootEvent, drops other accounts' events (one
 * pubsub token receives every account's, docs/chatwoot-events.md §1), and turns a reconnect into `onDidResync`
 * so the state layer refetches over REST. Consumed by the state layer, the heartbeat and the
 * status bar.
 */
export class RoomChannel extends Disposable {
  private readonly _consumer: CableConsumer;
  readonly onDidChangeState: Event<CableState>;

  private readonly _onDidReceiveEvent = this._register(new Emitter<ChatwootEvent>());
  readonly onDidReceiveEvent = this._onDidReceiveEvent.event;
  private readonly _onDidResync = this._register(new Emitter<ResyncEvent>());
  readonly onDidResync = this._onDidResync.event;

  private _accountId: number | undefined;
  /** When the last refetch for an unreadable event was asked for, and the one waiting behind it. */
  private _lastInvalidRefetch: number | undefined;
  private _pendingInvalidRefetch: { timer: TimerHandle; events: Set<string>; targets: Map<string, RefetchTarget> } | undefined;
  /** Per event name: when an unreadable one was last reported at warn (the rest go to debug). */
  private readonly _lastInvalidWarning = new Map<string, number>();

  constructor(private readonly _options: RoomChannelOptions) {
    super();
    const isAuthFailure = _options.isAuthFailure ?? defaultIsAuthFailure;
    this._consumer = this._register(
      new CableConsumer({
        url: cableUrl(_options.baseUrl, _options.cableUrl).href,
        origin: installationOrigin(_options.baseUrl),
        clock: _options.clock,
        logger: _options.logger,
        socketFactory: _options.socketFactory,
        staleAfterMs: _options.staleAfterMs,
        confirm: _options.confirm,
        healthyAfterMs: _options.healthyAfterMs,
        backoff: _options.backoff,
        identifier: async () => {
          let credentials: RoomCredentials;
          try {
            credentials = await _options.credentials();
          } catch (error) {
            if (isAuthFailure(error)) {
              throw new CableAuthError(error instanceof Error ? error.message : l10n.t('credentials refused'));
            }
            throw error;
          }
          _options.redactor?.addSecret(credentials.pubsubToken);
          this._accountId = credentials.accountId;
          return roomChannelIdentifier(credentials);
        },
      }),
    );
    this.onDidChangeState = this._consumer.onDidChangeState;
    this._register(
      toDisposable(() => {
        if (this._pendingInvalidRefetch) _options.clock.clearTimeout(this._pendingInvalidRefetch.timer);
        this._pendingInvalidRefetch = undefined;
      }),
    );
    this._register(this._consumer.onDidReceive((message) => this._handleMessage(message)));
    this._register(
      this._consumer.onDidConnect(({ reconnected }) => {
        if (reconnected) this._onDidResync.fire({ reason: 'reconnected' });
      }),
    );
  }

  get state(): CableState {
    return this._consumer.state;
  }

  /** The account whose events pass the filter; known once credentials were fetched. */
  get accountId(): number | undefined {
    return this._accountId;
  }

  start(): void {
    this._consumer.start();
  }

  stop(): void {
    this._consumer.stop();
  }

  retryNow(): void {
    this._consumer.retryNow();
  }

  /** Sends one presence heartbeat; false when not connected. */
  updatePresence(): boolean {
    return this._consumer.perform(UPDATE_PRESENCE);
  }

  private _handleMessage(message: unknown): void {
    const logger = this._options.logger;
    const accountId = eventAccountId(message);
    // Events without an account_id can't be attributed; older servers omit it, so keep them.
    if (accountId !== undefined && this._accountId !== undefined && accountId !== this._accountId) {
      logger.trace(`dropped an event for account ${accountId}`);
      return;
    }
    const result = decodeChatwootEvent(message);
    switch (result.kind) {
      case 'event':
        logger.trace(`event ${result.event.event}`);
        this._onDidReceiveEvent.fire(result.event);
        return;
      case 'unappliable':
        logger.debug(`${result.name} can't be applied (${result.problem}); asking for a refetch`);
        this._onDidResync.fire({ reason: 'unappliable-event', event: result.name });
        return;
      case 'ignored':
        logger.debug(`ignored event ${result.name} (not used by this client)`);
        return;
      case 'unknown':
        logger.debug(`dropped unknown event ${result.name}`);
        return;
      case 'malformed':
        this._onMalformed(result.name, result.problem, result.target);
        return;
    }
  }

  /**
   * A known event whose payload does not validate is reported at warn (once a minute per name,
   * debug otherwise) and what it would have changed is refetched: the change it carried is real.
   * A frame with no event name at all names nothing to refetch.
   */
  private _onMalformed(name: string | undefined, problem: string, target: RefetchTarget | undefined): void {
    const logger = this._options.logger;
    const clock = this._options.clock;
    const now = clock.now();
    const lastWarned = this._lastInvalidWarning.get(name ?? '');
    const message = `dropped a malformed ${name ?? 'event'}: ${problem}`;
    if (lastWarned === undefined || now - lastWarned >= INVALID_EVENT_WARN_MS) {
      this._lastInvalidWarning.set(name ?? '', now);
      logger.warn(message);
    } else {
      logger.debug(message);
    }
    if (name === undefined || !target) return;
    if (this._lastInvalidRefetch === undefined || now - this._lastInvalidRefetch >= INVALID_EVENT_REFETCH_MS) {
      this._lastInvalidRefetch = now;
      this._onDidResync.fire({ reason: 'invalid-event', event: name, targets: [target] });
      return;
    }
    // Too soon after the last one: one trailing refetch covers every unreadable event until it runs.
    const pending = (this._pendingInvalidRefetch ??= {
      events: new Set<string>(),
      targets: new Map<string, RefetchTarget>(),
      timer: clock.setTimeout(() => this._firePendingInvalidRefetch(), this._lastInvalidRefetch + INVALID_EVENT_REFETCH_MS - now),
    });
    pending.events.add(name);
    pending.targets.set(refetchTargetKey(target), target);
    logger.debug(`refetch for ${name} deferred: one ran less than ${INVALID_EVENT_REFETCH_MS / 1000} s ago`);
  }

  private _firePendingInvalidRefetch(): void {
    const pending = this._pendingInvalidRefetch;
    this._pendingInvalidRefetch = undefined;
    if (!pending || this.isDisposed) return;
    this._lastInvalidRefetch = this._options.clock.now();
    this._onDidResync.fire({ reason: 'invalid-event', event: [...pending.events].join(', '), targets: [...pending.targets.values()] });
  }
}
