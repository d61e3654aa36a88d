import { Message, MessageType } from '../model/message';
import { ChatwootEvent } from '../realtime/events';
import { toLastMessage } from './records';
import { ConversationStore } from './store';

/**
 * What an applied event means beyond the store itself: whether the server's counts may have
 * moved in a way the store cannot compute (so the sync asks for fresh ones).
 */
export interface ReduceResult {
  readonly countsStale: boolean;
}

const NOTHING: ReduceResult = { countsStale: false };
const STALE: ReduceResult = { countsStale: true };

/**
 * Applies one cable event to the store (docs/chatwoot-events.md §3). Idempotent and order-tolerant: conversation
 * payloads go through the store's "newer `updated_at` wins" upsert, and message events only ever
 * move a conversation's last message and activity forward. Events that touch no conversation
 * state (typing, presence, notifications) are left to their own features.
 */
export function reduce(store: ConversationStore, event: ChatwootEvent): ReduceResult {
  switch (event.event) {
    case 'conversation.created':
      store.upsert(event.data, { counts: 'delta', created: true });
      return STALE;
    case 'conversation.status_changed':
    case 'assignee.changed':
    case 'conversation.updated':
    case 'team.changed':
    case 'conversation.contact_changed':
    case 'conversation.bot_handoff':
    // Sent to the mentioned agent alone, with the conversation's push data.
    case 'conversation.mentioned': {
      const known = store.get(event.data.id) !== undefined;
      store.upsert(event.data, { counts: 'delta' });
      // Unknown before: the store cannot tell which groups counted it.
      return known ? NOTHING : STALE;
    }
    case 'conversation.read': {
      // The contact read it: Chatwoot broadcasts this only when contact_last_seen_at moved
      // (Conversation#notify_status_change), never for an agent's mark-read. Its unread_count is
      // the agents' and may lag the messages this store has seen, so it must not clear ours.
      const { unread_count: _agents, ...contactRead } = event.data;
      if (store.get(contactRead.id)) store.upsert(contactRead, { counts: 'delta' });
      return NOTHING;
    }
    case 'message.created':
    // Not conversation data: the first public human reply's message push data again (Chatwoot:
    // app/listeners/action_cable_listener.rb#first_reply_created). Applied like message.created,
    // which is idempotent, so it fills in a lost or late message.created and names a conversation
    // the store does not hold, which is then fetched.
    case 'first.reply.created':
      return messageCreated(store, event.data);
    case 'message.updated':
      messageUpdated(store, event.data);
      return NOTHING;
    case 'contact.created':
    case 'contact.updated':
    case 'contact.merged':
      store.upsertContact(event.data);
      return NOTHING;
    case 'contact.deleted':
      store.removeContact(event.data.id);
      return STALE;
    default:
      return NOTHING;
  }
}

/** The `conversation` summary recent versions add to message push data. */
interface MessageConversation {
  readonly unread_count?: unknown;
  readonly last_activity_at?: unknown;
}

function summaryOf(message: Message): MessageConversation | undefined {
  const c = (message as { conversation?: unknown }).conversation;
  return typeof c === 'object' && c !== null ? (c as MessageConversation) : undefined;
}

function messageCreated(store: ConversationStore, message: Message): ReduceResult {
  const prev = store.get(message.conversation_id);
  if (!prev) {
    // A reply in a conversation outside the loaded pages: it has just moved to the top of the
    // server's list, so it must be fetched (the "missed reply in an older conversation", docs/user-needs.md §1).
    store.noteMissing(message.conversation_id);
    return NOTHING;
  }
  const summary = summaryOf(message);
  const isActivity = message.message_type === MessageType.activity;
  const isNewer = !prev.lastMessage || message.id > prev.lastMessage.id;
  const isSame = prev.lastMessage?.id === message.id;
  // Activity lines never count as activity on the server (last_activity_at stays).
  const activityAt = typeof summary?.last_activity_at === 'number' ? summary.last_activity_at : isActivity ? prev.lastActivityAt : message.created_at;
  let unreadCount = prev.unreadCount;
  if (typeof summary?.unread_count === 'number') unreadCount = summary.unread_count;
  else if (isNewer && message.message_type === MessageType.incoming && !message.private) unreadCount = prev.unreadCount + 1;
  store.patch(
    prev.id,
    {
      lastMessage: !isActivity && (isNewer || isSame) ? toLastMessage(message) : prev.lastMessage,
      lastActivityAt: Math.max(prev.lastActivityAt, activityAt),
      unreadCount,
    },
    'delta',
  );
  return NOTHING;
}

function messageUpdated(store: ConversationStore, message: Message): void {
  const prev = store.get(message.conversation_id);
  if (!prev || prev.lastMessage?.id !== message.id) return;
  store.patch(prev.id, { lastMessage: toLastMessage(message) }, 'delta');
}
