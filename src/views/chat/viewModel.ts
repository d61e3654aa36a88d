import type { ChatConversation } from '../../shared/chatProtocol';
import { Conversation } from '../../model/conversation';

/** What the chat header shows, from Chatwoot's conversation payload. */
export function toChatConversation(c: Conversation, inboxName?: string): ChatConversation {
  const sender = c.meta.sender;
  const snoozed = typeof c.snoozed_until === 'number' ? c.snoozed_until : typeof c.snoozed_until === 'string' ? Math.floor(Date.parse(c.snoozed_until) / 1000) || null : null;
  return {
    id: c.id,
    status: c.status,
    priority: c.priority ?? null,
    contact: { id: sender.id, name: sender.name ?? null, email: sender.email ?? null, phoneNumber: sender.phone_number ?? null },
    inboxId: c.inbox_id,
    inboxName: inboxName ?? null,
    channel: c.meta.channel ?? c.channel ?? null,
    assignee: c.meta.assignee ? { id: c.meta.assignee.id, name: c.meta.assignee.available_name ?? c.meta.assignee.name ?? `Agent ${c.meta.assignee.id}` } : null,
    team: c.meta.team ? { id: c.meta.team.id, name: c.meta.team.name ?? `Team ${c.meta.team.id}` } : null,
    snoozedUntil: snoozed,
    canReply: c.can_reply ?? true,
    labels: c.labels ?? [],
  };
}

