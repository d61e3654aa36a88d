import { z } from 'zod';
import { ApiClient } from './client';
import { conversationPath } from './paths';

/** Recent versions answer `{id, agent_last_seen_at, unread_count}`; older ones an empty 200 (API.md §7). */
const ReadStateResponse = z.looseObject({ unread_count: z.number().int().nonnegative().optional() }).optional();

export interface ReadState {
  /** The server's unread count after the change, when it said. */
  readonly unreadCount: number | undefined;
}

/** Mark read: `update_last_seen` (emits `conversation.read`). */
export async function markRead(client: ApiClient, accountId: number, conversationId: number): Promise<ReadState> {
  const r = await client.request({ method: 'POST', path: conversationPath(accountId, conversationId, '/update_last_seen'), schema: ReadStateResponse });
  return { unreadCount: r?.unread_count };
}

/** Mark unread: last seen moves to just before the last incoming message. Chatwoot emits no event for it. */
export async function markUnread(client: ApiClient, accountId: number, conversationId: number): Promise<ReadState> {
  const r = await client.request({ method: 'POST', path: conversationPath(accountId, conversationId, '/unread'), schema: ReadStateResponse });
  return { unreadCount: r?.unread_count };
}
