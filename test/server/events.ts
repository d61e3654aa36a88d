// Who receives what (EVENTS.md §3–4). Inbox-scoped events go to the inbox members plus every
// administrator; personal events to one user's pubsub token; contact events to the account
// stream. Every payload gets `account_id` merged in, as ActionCableListener#broadcast does.

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

export class EventBus {
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
    this._out.broadcast(tokens, this._envelope(event, data));
  }

  toUser(userId: number, event: string, data: JsonObject): void {
    const user = this._store.users.get(userId);
    if (user) this._out.broadcast([user.pubsubToken], this._envelope(event, data));
  }

  toAccount(event: string, data: JsonObject): void {
    this._out.broadcast([accountStream(this._store.account.id)], this._envelope(event, data));
  }

  /** A pre-built message to arbitrary streams (control API injection); account_id is not forced. */
  raw(streams: Iterable<string>, message: CableMessage): void {
    this._out.broadcast(streams, message);
  }
}
