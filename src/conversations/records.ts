import { compiledOnFirstUse } from '../common/compiledSchema';
import { Contact } from '../model/contact';
import { Conversation, ConversationPriority, ConversationStatus } from '../model/conversation';
import { Message, MessageType } from '../model/message';

/**
 * The store's normalised, immutable shapes. A conversation keeps only what the list shows and
 * filters on; the contact, assignee, team and inbox are referenced by id and kept once in their
 * own maps, so a contact rename touches one record. Records are replaced, never mutated, which
 * makes "did anything change" a cheap comparison and rollback a matter of putting the old
 * fields back.
 */

/** How much of a message's text is kept: enough for an 80-character line and a tooltip. */
const MESSAGE_TEXT_LIMIT = 300;

export interface LastMessage {
  readonly id: number;
  /** Whitespace-collapsed start of the content, at most MESSAGE_TEXT_LIMIT characters. */
  readonly text: string;
  readonly messageType: number;
  readonly private: boolean;
  readonly createdAt: number;
  readonly hasAttachments: boolean;
  readonly deleted: boolean;
}

export interface ConversationRecord {
  /** The display id every path and payload calls `id`. */
  readonly id: number;
  readonly inboxId: number;
  readonly status: ConversationStatus;
  readonly priority: ConversationPriority | null;
  readonly unreadCount: number;
  readonly labels: readonly string[];
  /** The assignee's id: a user's, or an AgentBot's when `assigneeType` says so (ids may coincide). */
  readonly assigneeId: number | null;
  /** Null exactly when `assigneeId` is; a payload that does not say (3.x) means `User`. */
  readonly assigneeType: AssigneeKind | null;
  readonly teamId: number | null;
  readonly contactId: number;
  readonly channel: string | undefined;
  /** Unix seconds; the list's sort key. */
  readonly lastActivityAt: number;
  readonly createdAt: number;
  /** Float seconds from push data; what "newer wins" compares. Undefined in old payloads. */
  readonly updatedAt: number | undefined;
  readonly snoozedUntil: string | number | null;
  /** Unix seconds the contact has waited since for a reply; null when nobody waits (push data sends 0). */
  readonly waitingSince: number | null;
  /** Whether an agent has replied yet; undefined when the payload does not say. */
  readonly firstReplied: boolean | undefined;
  readonly muted: boolean;
  /** Unix seconds the contact last read the conversation (`conversation.read`); undefined when not said. */
  readonly contactLastSeenAt: number | undefined;
  /** false once the channel's reply window has closed (only notes then); undefined when not said. */
  readonly canReply: boolean | undefined;
  readonly lastMessage: LastMessage | undefined;
}

/** A person, or anything else Chatwoot can assign (AgentBot, enterprise Captain::Assistant). */
export type AssigneeKind = 'User' | 'AgentBot';

/**
 * What `meta.assignee` is. 3.x sends no `assignee_type` (it has no bot assignees), so silence
 * means a user unless the push data itself says `type: 'agent_bot'` (`AgentBot#push_event_data`).
 * Any type other than `User` is a non-person and is treated as a bot: never anyone's "Mine".
 */
export function assigneeKindOf(meta: Conversation['meta']): AssigneeKind | null {
  if (!meta.assignee) return null;
  const type = meta.assignee_type;
  if (typeof type === 'string' && type !== '') return type === 'User' ? 'User' : 'AgentBot';
  return meta.assignee.type === 'agent_bot' ? 'AgentBot' : 'User';
}

export interface ContactRecord {
  readonly id: number;
  readonly name: string | undefined;
  readonly email: string | undefined;
  readonly phoneNumber: string | undefined;
}

export interface AgentRecord {
  readonly id: number;
  readonly name: string;
  readonly availableName: string | undefined;
  readonly availability: string | undefined;
}

/** An AgentBot as assignee payloads name it; kept apart from agents, as their ids may coincide. */
export interface BotRecord {
  readonly id: number;
  readonly name: string;
}

export interface InboxRecord {
  readonly id: number;
  readonly name: string;
  readonly channelType: string | undefined;
}

export interface TeamRecord {
  readonly id: number;
  readonly name: string;
}

export interface LabelRecord {
  readonly id: number;
  readonly title: string;
  readonly color: string | undefined;
}

function firstText(content: string | null | undefined): string {
  if (!content) return '';
  const collapsed = content.replace(/\s+/g, ' ').trim();
  return collapsed.length > MESSAGE_TEXT_LIMIT ? collapsed.slice(0, MESSAGE_TEXT_LIMIT) : collapsed;
}

export function toLastMessage(m: Message): LastMessage {
  // The first line is what the list shows; keep the raw first line before collapsing whitespace.
  const firstLine = (m.content ?? '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return {
    id: m.id,
    text: firstText(firstLine),
    messageType: m.message_type,
    private: m.private,
    createdAt: m.created_at,
    hasAttachments: (m.attachments?.length ?? 0) > 0,
    deleted: m.content_attributes?.deleted === true,
  };
}

/** Every list row and 4.x conversation event carries one, so the schema is compiled. */
const compiledMessage = compiledOnFirstUse(Message);

/**
 * The message a list row describes: the last one that is not an activity line ("Conversation was
 * resolved by …"), which the list API sends as `last_non_activity_message` and push data as
 * `messages[0]`. An activity line is used only when nothing else is known.
 */
export function lastMessageOf(c: Conversation): LastMessage | undefined {
  const nonActivity = (c as { last_non_activity_message?: unknown }).last_non_activity_message;
  const parsed = nonActivity ? compiledMessage().safeParse(nonActivity) : undefined;
  if (parsed?.success) return toLastMessage(parsed.data);
  const messages = c.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].message_type !== MessageType.activity) return toLastMessage(messages[i]);
  }
  return messages.length > 0 ? toLastMessage(messages[messages.length - 1]) : undefined;
}

/** A time as unix seconds, from seconds or an ISO string; 0, null or unreadable: none. */
function unixSeconds(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

export function toConversationRecord(c: Conversation): ConversationRecord {
  return {
    id: c.id,
    inboxId: c.inbox_id,
    status: c.status,
    priority: c.priority ?? null,
    unreadCount: c.unread_count ?? 0,
    labels: c.labels ?? [],
    assigneeId: c.meta.assignee?.id ?? null,
    assigneeType: assigneeKindOf(c.meta),
    teamId: c.meta.team?.id ?? null,
    contactId: c.meta.sender.id,
    channel: c.meta.channel ?? c.channel,
    lastActivityAt: c.last_activity_at ?? c.timestamp ?? c.created_at ?? 0,
    createdAt: c.created_at ?? 0,
    updatedAt: c.updated_at,
    snoozedUntil: c.snoozed_until ?? null,
    // `waiting_since.to_i`: 0 when nobody waits. Chatwoot: app/presenters/conversations/event_data_presenter.rb
    waitingSince: unixSeconds(c.waiting_since),
    // A time (push data) or its integer (the list partial, 0 when none).
    firstReplied: c.first_reply_created_at === undefined ? undefined : Boolean(c.first_reply_created_at),
    muted: c.muted ?? false,
    contactLastSeenAt: c.contact_last_seen_at ?? undefined,
    canReply: c.can_reply,
    lastMessage: lastMessageOf(c),
  };
}

export function toContactRecord(c: Contact): ContactRecord {
  return {
    id: c.id,
    name: c.name ?? undefined,
    email: c.email ?? undefined,
    phoneNumber: c.phone_number ?? undefined,
  };
}

function sameLastMessage(a: LastMessage | undefined, b: LastMessage | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.id === b.id && a.text === b.text && a.private === b.private && a.deleted === b.deleted && a.hasAttachments === b.hasAttachments;
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/** Field-by-field equality, so a replayed event changes nothing and fires nothing. */
export function sameConversation(a: ConversationRecord, b: ConversationRecord): boolean {
  return (
    a.id === b.id &&
    a.inboxId === b.inboxId &&
    a.status === b.status &&
    a.priority === b.priority &&
    a.unreadCount === b.unreadCount &&
    sameLabels(a.labels, b.labels) &&
    a.assigneeId === b.assigneeId &&
    a.assigneeType === b.assigneeType &&
    a.teamId === b.teamId &&
    a.contactId === b.contactId &&
    a.channel === b.channel &&
    a.lastActivityAt === b.lastActivityAt &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.snoozedUntil === b.snoozedUntil &&
    a.waitingSince === b.waitingSince &&
    a.firstReplied === b.firstReplied &&
    a.muted === b.muted &&
    a.contactLastSeenAt === b.contactLastSeenAt &&
    a.canReply === b.canReply &&
    sameLastMessage(a.lastMessage, b.lastMessage)
  );
}

export function sameContact(a: ContactRecord, b: ContactRecord): boolean {
  return a.name === b.name && a.email === b.email && a.phoneNumber === b.phoneNumber;
}

/** The fields that decide which group a conversation is in and where (for every sort): a change means the group must re-list. */
export function placementChanged(a: ConversationRecord, b: ConversationRecord): boolean {
  return (
    a.status !== b.status ||
    a.priority !== b.priority ||
    a.waitingSince !== b.waitingSince ||
    a.firstReplied !== b.firstReplied ||
    a.createdAt !== b.createdAt ||
    a.teamId !== b.teamId ||
    !sameLabels(a.labels, b.labels) ||
    a.assigneeId !== b.assigneeId ||
    a.assigneeType !== b.assigneeType ||
    a.inboxId !== b.inboxId ||
    a.lastActivityAt !== b.lastActivityAt
  );
}
