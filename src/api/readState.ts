import { AnyBody, ApiClient } from './client';
import { conversationPath } from './paths';
import { Conversation } from '../model/conversation';
import { describeIssues } from '../common/schemaIssues';

/**
 * What the server said after a read mark. Neither action renders explicitly in Chatwoot: 4.x
 * renders `update_last_seen.json.jbuilder` (the conversation partial, unread_count 0 after the
 * write); `unread`, and `update_last_seen` in 3.x, have no template and answer an empty 204
 * (empty 200 behind some proxies). So an empty answer is normal, and the caller falls back.
 * Chatwoot: app/controllers/api/v1/accounts/conversations_controller.rb,
 * app/views/api/v1/accounts/conversations/update_last_seen.json.jbuilder
 */
export interface ReadState {
  /** The conversation as the server has it after the write, when it was sent (4.x mark-read). */
  readonly conversation: Conversation | undefined;
  /** The server's unread count after the change, when it said one. */
  readonly unreadCount: number | undefined;
  /** A body came back that is neither empty nor a conversation: why it was not used. */
  readonly unrecognised?: string;
}

function readStateOf(body: unknown): ReadState {
  if (body === undefined || body === null || body === '') return { conversation: undefined, unreadCount: undefined };
  const parsed = Conversation.safeParse(body);
  if (parsed.success) return { conversation: parsed.data, unreadCount: parsed.data.unread_count };
  // Some builds answer a cut-down `{ id, agent_last_seen_at, unread_count }` (the mobile app reads these).
  const unread = typeof body === 'object' ? (body as { unread_count?: unknown }).unread_count : undefined;
  if (typeof unread === 'number' && Number.isInteger(unread) && unread >= 0) return { conversation: undefined, unreadCount: unread };
  return { conversation: undefined, unreadCount: undefined, unrecognised: describeIssues(parsed.error) };
}

/**
 * Mark read: `update_last_seen`. The server writes with `update_columns`, so it broadcasts no
 * conversation event for it (`conversation.read` means the contact read it); this answer is the
 * only confirmation this client gets. 4.x also marks the conversation's notifications read.
 */
export async function markRead(client: ApiClient, accountId: number, conversationId: number): Promise<ReadState> {
  return readStateOf(await client.request({ method: 'POST', path: conversationPath(accountId, conversationId, '/update_last_seen'), schema: AnyBody }));
}

/** Mark unread: last seen moves to just before the last incoming message. No event, and no body in any version. */
export async function markUnread(client: ApiClient, accountId: number, conversationId: number): Promise<ReadState> {
  return readStateOf(await client.request({ method: 'POST', path: conversationPath(accountId, conversationId, '/unread'), schema: AnyBody }));
}
