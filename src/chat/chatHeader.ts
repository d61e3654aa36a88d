import * as l10n from '@vscode/l10n';
import { ConversationRecord } from '../conversations/records';
import { ConversationStore } from '../conversations/store';
import type { ChatConversation } from '../protocol/chatProtocol';

/** `snoozed_until` arrives as an ISO string (REST, events) or Unix seconds (an optimistic snooze). */
function unixSeconds(value: string | number | null): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Math.floor(Date.parse(value) / 1000) || null;
  return null;
}

/**
 * What the chat header shows, read from the conversation store the tree reads: the same record,
 * so both show the same status, assignee (a person or an AgentBot), priority, labels and contact
 * at every moment. Names come from the store's catalog (inboxes, agents, bots, teams), falling
 * back to numbers.
 */
export function chatConversationOf(store: ConversationStore, c: ConversationRecord): ChatConversation {
  const contact = store.contact(c.contactId);
  const inbox = store.inbox(c.inboxId);
  const assignee = store.assigneeOf(c);
  const team = c.teamId === null ? undefined : store.team(c.teamId);
  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    contact: { id: c.contactId, name: contact?.name ?? null, email: contact?.email ?? null, phoneNumber: contact?.phoneNumber ?? null, online: store.isContactOnline(c.contactId) ?? null },
    inboxId: c.inboxId,
    inboxName: inbox?.name ?? null,
    channel: c.channel ?? inbox?.channelType ?? null,
    assignee: assignee ? { id: assignee.id, name: assignee.name, type: assignee.type } : null,
    team: c.teamId === null ? null : { id: c.teamId, name: team?.name ?? l10n.t('Team {0}', c.teamId) },
    snoozedUntil: c.status === 'snoozed' ? unixSeconds(c.snoozedUntil) : null,
    canReply: c.canReply ?? true,
    labels: c.labels,
  };
}
