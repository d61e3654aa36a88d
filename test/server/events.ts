// Who receives what (docs/chatwoot-events.md §3–4). Inbox-scoped events go to the inbox members plus every
// administrator; personal events to one user's pubsub token; contact events to the account
// stream. Every payload gets `account_id` merged in, as ActionCableListener#broadcast does.
//
// Delivery is asynchronous, as in Chatwoot: ActionCableListener#broadcast only enqueues an
// ActionCableBroadcastJob (`perform_later`, Sidekiq queue `critical`), so a client hears of a
// change after the REST reply that caused it, and jobs run by several Sidekiq threads may
// arrive out of order. Here every broadcast is queued and flushed after a small delay; while a
// REST request is being answered the queue waits for the reply to be written. Tests can hold
// the queue and release it in a shuffled order (Control#holdEvents / #releaseEvents).

import { Rng } from './rng';
import type { Store } from './store';
import type { Conversation, JsonObject } from './types';

export interface CableMessage {
  event: string;
  data: JsonObject;
}

/** The cable server side: deliver one message to every subscription streaming from `streams`. */
export interface Broadcaster {
  broadcast(streams: Iterable<string>, message: CableMessage): void;
}

export const accountStream = (accountId: number): string => `account_${accountId}`;

/** How long a queued broadcast waits before delivery: Sidekiq picks a job up within milliseconds. */
export const DEFAULT_EVENT_DELAY_MS = 10;

interface Queued {
  streams: string[];
  message: CableMessage;
}

export class EventBus {
  private _queue: Queued[] = [];
  private _held = false;
  /** REST requests being answered; their events wait until the reply is written. */
  private _deferrals = 0;
  private _timer: NodeJS.Timeout | undefined;
  private _delayMs = DEFAULT_EVENT_DELAY_MS;
  private readonly _idle = new Set<() => void>();
  private _closed = false;

  constructor(
    private readonly _store: Store,
    private readonly _out: Broadcaster,
  ) {}

  private _envelope(event: string, data: JsonObject): CableMessage {
    return { event, data: { ...data, account_id: this._store.account.id } };
  }

  /** Tokens of the conversation's inbox members and all administrators (user_tokens). */
  conversationTokens(conversation: Conversation): Set<string> {
    const inbox = this._store.inboxes.get(conversation.inboxId);
    const tokens = new Set<string>();
    for (const u of this._store.users.values()) {
      if (u.role === 'administrator' || inbox?.memberIds.includes(u.id)) tokens.add(u.pubsubToken);
    }
    return tokens;
  }

  toConversation(conversation: Conversation, event: string, data: JsonObject, excludeToken?: string): void {
    const tokens = this.conversationTokens(conversation);
    if (excludeToken !== undefined) tokens.delete(excludeToken);
    this._enqueue(tokens, this._envelope(event, data));
  }

  toUser(userId: number, event: string, data: JsonObject): void {
    const user = this._store.users.get(userId);
    if (user) this._enqueue([user.pubsubToken], this._envelope(event, data));
  }

  /**
   * Account-wide events (contacts). 4.x sends them to the `account_<id>` stream every agent's
   * RoomChannel also streams from (chatwoot PR #11082, March 2025); 3.x sent them to every
   * agent's and administrator's own token: `user_tokens(account, account.agents)`.
   * Chatwoot: app/listeners/action_cable_listener.rb (contact_created), app/channels/room_channel.rb
   */
  toAccount(event: string, data: JsonObject): void {
    const streams = this._store.version >= 4 ? [accountStream(this._store.account.id)] : [...this._store.users.values()].map((u) => u.pubsubToken);
    this._enqueue(streams, this._envelope(event, data));
  }

  /** A pre-built message to arbitrary streams (control API injection), queued like any broadcast; account_id is not forced. */
  raw(streams: Iterable<string>, message: CableMessage): void {
    this._enqueue(streams, message);
  }

  /**
   * Sent at once, bypassing the job queue: RoomChannel answers `update_presence` itself with
   * `ActionCable.server.broadcast` (Chatwoot: app/channels/room_channel.rb#broadcast_presence).
   */
  immediate(streams: Iterable<string>, message: CableMessage): void {
    this._out.broadcast(streams, message);
  }

  // ---- delivery -----------------------------------------------------------------------

  /** Milliseconds a broadcast waits in the queue (0: the next turn of the event loop). */
  setDelay(ms: number): void {
    this._delayMs = Math.max(0, ms);
  }

  get delayMs(): number {
    return this._delayMs;
  }

  /** Names of the queued events, oldest first. */
  pending(): string[] {
    return this._queue.map((q) => q.message.event);
  }

  get held(): boolean {
    return this._held;
  }

  /** Stops delivery: broadcasts queue up until release(). */
  hold(): void {
    this._held = true;
    this._cancelTimer();
  }

  /**
   * Resumes delivery and sends everything queued now, in order or shuffled with a seeded PRNG
   * (Sidekiq threads finishing jobs out of order). Returns the event names in delivery order.
   */
  release(opts: { shuffle?: number } = {}): string[] {
    this._held = false;
    if (opts.shuffle !== undefined) shuffle(this._queue, new Rng(opts.shuffle));
    const names = this.pending();
    this._flush();
    return names;
  }

  /**
   * While a REST request is answered: its broadcasts wait until `release` is called (when the
   * reply has been written), so they never overtake it. Returns an idempotent release.
   */
  deferDelivery(): () => void {
    this._deferrals++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this._deferrals--;
      this._schedule();
    };
  }

  /** Resolves once nothing is queued (at once if nothing is). A held queue keeps it waiting. */
  delivered(): Promise<void> {
    if (this._queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this._idle.add(resolve));
  }

  /** Back to the defaults: not held, default delay; anything queued is delivered. */
  reset(): void {
    this._delayMs = DEFAULT_EVENT_DELAY_MS;
    this.release();
  }

  /** Drops what is queued and stops the timer (server shutdown). */
  close(): void {
    this._closed = true;
    this._cancelTimer();
    this._queue = [];
    this._resolveIdle();
  }

  private _enqueue(streams: Iterable<string>, message: CableMessage): void {
    if (this._closed) return;
    this._queue.push({ streams: [...streams], message });
    this._schedule();
  }

  private _schedule(): void {
    if (this._held || this._deferrals > 0 || this._queue.length === 0 || this._timer || this._closed) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      if (!this._held && this._deferrals === 0) this._flush();
      else this._schedule();
    }, this._delayMs);
  }

  private _cancelTimer(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = undefined;
  }

  private _flush(): void {
    this._cancelTimer();
    const batch = this._queue;
    this._queue = [];
    for (const q of batch) this._out.broadcast(q.streams, q.message);
    if (this._queue.length === 0) this._resolveIdle();
  }

  private _resolveIdle(): void {
    const waiters = [...this._idle];
    this._idle.clear();
    for (const resolve of waiters) resolve();
  }
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
}
