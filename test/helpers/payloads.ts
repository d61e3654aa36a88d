import { ConversationSearchHit } from '../../src/api/conversationSearch';
import { Contact } from '../../src/model/contact';
import { Conversation } from '../../src/model/conversation';
import { Message } from '../../src/model/message';
import { ChatwootEvent, decodeChatwootEvent } from '../../src/realtime/events';

export interface ConversationOverrides extends Partial<Conversation> {
  /** A user assignee, as 3.x sends it (no `assignee_type`). */
  assigneeId?: number | null;
  /** An AgentBot owner, as 4.x push data sends it (`AgentBot#push_event_data`, `assignee_type`). */
  bot?: { id: number; name: string };
  contactId?: number;
  contactName?: string;
}

/** Conversation push data with valid defaults; override what a test is about. */
export function conversation(id: number, overrides: ConversationOverrides = {}): Conversation {
  const { assigneeId = null, bot, contactId = 100 + id, contactName = `Contact ${id}`, ...rest } = overrides;
  const assignee = bot ? { id: bot.id, name: bot.name, avatar_url: '', type: 'agent_bot' } : assigneeId === null ? null : { id: assigneeId, name: `Agent ${assigneeId}` };
  return {
    id,
    inbox_id: 1,
    status: 'open',
    priority: null,
    unread_count: 0,
    labels: [],
    last_activity_at: 1_000 + id,
    created_at: 500,
    updated_at: 1_000.5,
    messages: [],
    meta: {
      sender: { id: contactId, name: contactName },
      assignee,
      ...(bot ? { assignee_type: 'AgentBot' } : {}),
      team: null,
      channel: 'Channel::WebWidget',
    },
    ...rest,
  } as Conversation;
}

export function message(id: number, conversationId: number, overrides: Partial<Message> = {}): Message {
  return {
    id,
    conversation_id: conversationId,
    content: `message ${id}`,
    message_type: 0,
    private: false,
    created_at: 2_000 + id,
    ...overrides,
  } as Message;
}

export function event(name: string, data: unknown): ChatwootEvent {
  const decoded = decodeChatwootEvent({ event: name, data });
  if (decoded.kind !== 'event') throw new Error(`${name} did not decode: ${JSON.stringify(decoded)}`);
  return decoded.event;
}

/** A conversation search hit; messages are `[id, content, created_at]`. */
export function searchHit(id: number, messages: Array<[number, string, number]>, contactName = `Contact ${id}`): ConversationSearchHit {
  return {
    id,
    contact: { id: 100 + id, name: contactName },
    inbox: { id: 1, name: 'Website', channel_type: 'Channel::WebWidget' },
    messages: messages.map(([mid, content, at]) => ({ id: mid, content, message_type: 0, created_at: at })),
  };
}

export const contact = (id: number, name: string, email?: string): Contact => ({ id, name, email });
