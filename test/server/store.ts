// The in-memory database: records, id sequences and the read queries the REST layer needs
// (visibility, list filters and counts computed the way Chatwoot's ConversationFinder does).
// It never emits anything; actions.ts owns every change that has side effects.

import { type CustomFilter, type FilterCondition, matchesPayload } from './customFilters';
import { Presence } from './presence';
import { matchesQuery } from './search';
import type {
  Account,
  AgentBot,
  ChatwootVersion,
  ContactNote,
  CannedResponse,
  Contact,
  Conversation,
  ConversationStatus,
  Inbox,
  Label,
  Message,
  Notification,
  Team,
  User,
  Macro,
} from './types';

/** Kaminari's default page size: ConversationFinder sets no override (docs/chatwoot-rest.md §0). */
export const CONVERSATIONS_PER_PAGE = 25;
export const NOTIFICATIONS_PER_PAGE = 15;

export type AssigneeType = 'me' | 'unassigned' | 'assigned' | 'all';

export interface ConversationFilter {
  status?: ConversationStatus | 'all';
  assigneeType?: AssigneeType;
  inboxId?: number;
  teamId?: number;
  labels?: string[];
  q?: string;
  /** ConversationFinder::SORT_OPTIONS key; the default is last_activity_at_desc. */
  sortBy?: string;
  /** `mention`, `participating` or `unattended` (ConversationFinder#filter_by_conversation_type). */
  conversationType?: string;
}

/**
 * `sort_by` → a sort scope and direction, as ConversationFinder::SORT_OPTIONS maps them; anything
 * else falls back to `last_activity_at_desc`. Chatwoot: app/finders/conversation_finder.rb
 */
const SORT_OPTIONS: Readonly<Record<string, readonly [SortScope, 'asc' | 'desc']>> = {
  last_activity_at_asc: ['last_activity_at', 'asc'],
  last_activity_at_desc: ['last_activity_at', 'desc'],
  created_at_asc: ['created_at', 'asc'],
  created_at_desc: ['created_at', 'desc'],
  priority_asc: ['priority', 'asc'],
  priority_desc: ['priority', 'desc'],
  waiting_since_asc: ['waiting_since', 'asc'],
  waiting_since_desc: ['waiting_since', 'desc'],
  latest: ['last_activity_at', 'desc'],
  sort_on_created_at: ['created_at', 'asc'],
  sort_on_priority: ['priority', 'desc'],
  sort_on_waiting_since: ['waiting_since', 'asc'],
};
type SortScope = 'last_activity_at' | 'created_at' | 'priority' | 'waiting_since';

/** The priority enum's integers. Chatwoot: app/models/conversation.rb */
const PRIORITY_VALUE: Readonly<Record<string, number>> = { low: 0, medium: 1, high: 2, urgent: 3 };

function nullsLast(a: number | null, b: number | null, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return dir * (a - b);
}

/**
 * The sort scopes of app/models/concerns/sort_handler.rb: `priority <dir> NULLS LAST,
 * last_activity_at DESC` and `waiting_since <dir> NULLS LAST, created_at ASC`; 0 for rows SQL may
 * return in either order.
 */
export function compareForSort(sortBy: string | undefined, a: Conversation, b: Conversation): number {
  const [scope, direction] = (sortBy !== undefined && SORT_OPTIONS[sortBy]) || SORT_OPTIONS.last_activity_at_desc;
  const dir = direction === 'asc' ? 1 : -1;
  switch (scope) {
    case 'last_activity_at':
      return dir * (a.lastActivityAt - b.lastActivityAt);
    case 'created_at':
      return dir * (a.createdAt - b.createdAt);
    case 'priority':
      return nullsLast(a.priority === null ? null : PRIORITY_VALUE[a.priority], b.priority === null ? null : PRIORITY_VALUE[b.priority], dir) || b.lastActivityAt - a.lastActivityAt;
    case 'waiting_since':
      return nullsLast(a.waitingSince, b.waitingSince, dir) || a.createdAt - b.createdAt;
  }
}

export interface ConversationCounts {
  mine_count: number;
  assigned_count: number;
  unassigned_count: number;
  all_count: number;
}

export class Store {
  readonly account: Account = { id: 1, name: 'Acme Support' };
  readonly users = new Map<number, User>();
  /** AgentBots that can own conversations (4.x); ids may equal users' ids. */
  readonly bots = new Map<number, AgentBot>();
  /**
   * How conversations with equal last_activity_at come out. Chatwoot orders `last_activity_at
   * desc` with no tie-break (ConversationFinder#conversations: `.latest`, scope in
   * app/models/conversation.rb), so Postgres may return ties in any order, even differently for
   * two pages of one listing; tests flip this between page fetches to reproduce that.
   */
  tieOrder: 'id-desc' | 'id-asc' = 'id-desc';
  readonly inboxes = new Map<number, Inbox>();
  readonly teams = new Map<number, Team>();
  readonly labels = new Map<number, Label>();
  readonly contacts = new Map<number, Contact>();
  /** Notes by id. */
  readonly contactNotes = new Map<number, ContactNote>();
  /** The contact's labels (acts_as_taggable_on `label_list`), by contact id. */
  readonly contactLabels = new Map<number, string[]>();
  readonly conversations = new Map<number, Conversation>(); // by display id
  readonly notifications = new Map<number, Notification>();
  /** Mention records: `<user id>/<display id>` (app/models/mention.rb; one per user and conversation). */
  readonly mentions = new Set<string>();
  /** ConversationParticipant records: display id → user ids. */
  readonly participants = new Map<number, Set<number>>();
  readonly customFilters = new Map<number, CustomFilter>();
  readonly cannedResponses: CannedResponse[] = [];
  readonly macros: Macro[] = [
    { id: 1, name: 'Escalate billing', visibility: 'global', createdById: 1, actions: [{ action_name: 'add_label', action_params: ['billing'] }, { action_name: 'change_priority', action_params: ['urgent'] }, { action_name: 'add_private_note', action_params: ['Escalated to billing'] }] },
    { id: 2, name: 'Close as solved', visibility: 'global', createdById: 1, actions: [{ action_name: 'send_message', action_params: ['Glad we could help!'] }, { action_name: 'resolve_conversation', action_params: [] }] },
    { id: 3, name: 'Sofia’s own', visibility: 'personal', createdById: 3, actions: [{ action_name: 'assign_agent', action_params: ['self'] }] },
  ];
  readonly presence: Presence;
  /**
   * Uploaded files by Active Storage key, in memory: what `data_url` / `thumb_url` serve back
   * (Chatwoot keeps them in its storage service; rest.ts `_activeStorage`).
   */
  readonly blobs = new Map<string, { filename: string; contentType: string; data: Buffer }>();
  /** Bumped when labels, inboxes or teams change (GET cache_keys). */
  readonly cacheKeys = { label: 0, inbox: 0, team: 0 };

  private readonly _seq = { message: 0, conversation: 0, contact: 0, notification: 0, attachment: 0, contactInbox: 0, customFilter: 0, note: 0 };
  private readonly _messageIndex = new Map<number, Message>();

  constructor(
    readonly nowMs: () => number,
    presenceTtlMs: number,
    /** Which Chatwoot release line to imitate where shapes differ (types.ts ChatwootVersion). */
    readonly version: ChatwootVersion = 4,
  ) {
    this.presence = new Presence(presenceTtlMs, nowMs);
  }

  /** Unix seconds, integer: what Chatwoot puts in created_at / timestamp fields. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  nextId(kind: keyof Store['_seq']): number {
    return ++this._seq[kind];
  }

  // Seeding writes ids explicitly; keep the sequences ahead of them.
  bumpId(kind: keyof Store['_seq'], used: number): void {
    if (this._seq[kind] < used) this._seq[kind] = used;
  }

  addMessage(conversation: Conversation, message: Message): void {
    conversation.messages.push(message);
    this._messageIndex.set(message.id, message);
    this.bumpId('message', message.id);
  }

  message(id: number): Message | undefined {
    return this._messageIndex.get(id);
  }

  userByAccessToken(token: string): User | undefined {
    for (const u of this.users.values()) if (u.accessToken === token) return u;
    return undefined;
  }

  userByPubsub(token: string, userId: number): User | undefined {
    const u = this.users.get(userId);
    return u && u.pubsubToken === token ? u : undefined;
  }

  administrators(): User[] {
    return [...this.users.values()].filter((u) => u.role === 'administrator');
  }

  /** Admins see every inbox; agents only the inboxes they are members of. */
  visibleInboxIds(user: User): Set<number> {
    const ids = new Set<number>();
    for (const inbox of this.inboxes.values()) {
      if (user.role === 'administrator' || inbox.memberIds.includes(user.id)) ids.add(inbox.id);
    }
    return ids;
  }

  canSee(user: User, conversation: Conversation): boolean {
    return this.visibleInboxIds(user).has(conversation.inboxId);
  }

  conversationByDbId(dbId: number): Conversation | undefined {
    for (const c of this.conversations.values()) if (c.dbId === dbId) return c;
    return undefined;
  }

  /** Incoming messages newer than agent_last_seen_at (Conversation#unread_incoming_messages). */
  unreadCount(c: Conversation): number {
    let n = 0;
    for (let i = c.messages.length - 1; i >= 0; i--) {
      const m = c.messages[i];
      if (m.createdAt <= c.agentLastSeenAt) break;
      if (m.messageType === 0) n++;
    }
    return n;
  }

  /**
   * Counts come after the status/inbox/team/label/q filters and before the assignee filter, so
   * one list call fills every tab badge (ConversationFinder#set_count_for_all_conversations).
   */
  findConversations(user: User, f: ConversationFilter): { counts: ConversationCounts; matches: Conversation[] } {
    const visible = this.visibleInboxIds(user);
    // Raw, as ConversationFinder interpolates it: `?q=` (blank) still skips the status filter.
    const q = f.q;
    const base: Conversation[] = [];
    for (const c of this.conversations.values()) {
      if (f.conversationType === 'participating') {
        // `current_user.participating_conversations.where(account_id:)` replaces the inbox-scoped
        // relation: a participant sees the conversation whatever the inbox filter says.
        if (!this.isParticipant(user.id, c.displayId)) continue;
      } else {
        if (!visible.has(c.inboxId)) continue;
        if (f.inboxId !== undefined && c.inboxId !== f.inboxId) continue;
        if (f.conversationType === 'mention' && !this.mentions.has(`${user.id}/${c.displayId}`)) continue;
        // scope :unattended: no first reply yet, or the contact is waiting for one.
        if (f.conversationType === 'unattended' && !(c.firstReplyCreatedAt === null || c.waitingSince !== null)) continue;
      }
      if (f.teamId !== undefined && c.teamId !== f.teamId) continue;
      if (f.labels && f.labels.length > 0 && !f.labels.some((l) => c.labels.includes(l))) continue;
      // Chatwoot skips the status filter when q is present.
      if (q === undefined && f.status !== 'all' && c.status !== (f.status ?? 'open')) continue;
      if (q !== undefined && !matchesQuery(c, q)) continue;
      base.push(c);
    }
    // assignee_id only (scopes assigned_to/unassigned/assigned): what an AgentBot owns has no
    // assignee_id, so it is listed and counted as unassigned, and never as anyone's.
    // Chatwoot: app/finders/conversation_finder.rb, app/models/conversation.rb
    let mine = 0;
    let unassigned = 0;
    for (const c of base) {
      if (c.assigneeId === user.id) mine++;
      if (c.assigneeId === null) unassigned++;
    }
    const counts = { mine_count: mine, assigned_count: base.length - unassigned, unassigned_count: unassigned, all_count: base.length };
    const type = f.assigneeType ?? 'all';
    const matches = base.filter((c) =>
      type === 'me' ? c.assigneeId === user.id : type === 'unassigned' ? c.assigneeId === null : type === 'assigned' ? c.assigneeId !== null : true,
    );
    const tie = this.tieOrder === 'id-desc' ? -1 : 1;
    matches.sort((a, b) => compareForSort(f.sortBy, a, b) || tie * (a.displayId - b.displayId));
    return { counts, matches };
  }

  isParticipant(userId: number, displayId: number): boolean {
    return this.participants.get(displayId)?.has(userId) ?? false;
  }

  addParticipant(userId: number, displayId: number): void {
    let set = this.participants.get(displayId);
    if (!set) this.participants.set(displayId, (set = new Set()));
    set.add(userId);
  }

  /**
   * POST …/conversations/filter: the conditions over what the user may see, counted before any
   * assignee split, ordered by last activity whatever `sort_by` says (`sort_on_last_activity_at`).
   * Chatwoot: app/services/conversations/filter_service.rb, app/services/filter_service.rb
   */
  filterConversations(user: User, payload: readonly FilterCondition[]): { counts: ConversationCounts; matches: Conversation[] } {
    const visible = this.visibleInboxIds(user);
    const matches = [...this.conversations.values()].filter((c) => visible.has(c.inboxId) && matchesPayload(c, payload));
    let mine = 0;
    let unassigned = 0;
    for (const c of matches) {
      if (c.assigneeId === user.id) mine++;
      if (c.assigneeId === null) unassigned++;
    }
    const tie = this.tieOrder === 'id-desc' ? -1 : 1;
    matches.sort((a, b) => b.lastActivityAt - a.lastActivityAt || tie * (a.displayId - b.displayId));
    return { counts: { mine_count: mine, assigned_count: matches.length - unassigned, unassigned_count: unassigned, all_count: matches.length }, matches };
  }

  notificationsOf(userId: number): Notification[] {
    return [...this.notifications.values()].filter((n) => n.userId === userId);
  }

  /**
   * What `NotificationFinder.new(user, account)` counts with no params: unread and not snoozed.
   * The same number is a notification frame's `unread_count` and `count` (app/listeners/base_listener.rb)
   * and the answer of GET …/notifications/unread_count.
   * Chatwoot: app/finders/notification_finder.rb, app/controllers/api/v1/accounts/notifications_controller.rb
   */
  unreadNotificationCount(userId: number): number {
    return this.notificationsOf(userId).filter((n) => n.readAt === null && n.snoozedUntil === null).length;
  }
}

/**
 * A new open conversation with nothing in it yet: the seed and the live "a customer writes in"
 * action both start from this and fill in the rest.
 */
export function blankConversation(store: Store, displayId: number, inbox: Inbox, contact: Contact, created: number, ids: { uuid: string; sourceId: string }): Conversation {
  return {
    dbId: displayId + 1000,
    displayId,
    uuid: ids.uuid,
    inboxId: inbox.id,
    contactId: contact.id,
    contactInboxId: store.nextId('contactInbox'),
    sourceId: ids.sourceId,
    status: 'open',
    priority: null,
    assigneeId: null,
    assigneeBotId: null,
    teamId: null,
    labels: [],
    muted: false,
    snoozedUntil: null,
    createdAt: created,
    lastActivityAt: created,
    updatedAt: created,
    agentLastSeenAt: 0,
    assigneeLastSeenAt: 0,
    contactLastSeenAt: created,
    firstReplyCreatedAt: null,
    waitingSince: null,
    canReply: true,
    additionalAttributes: {},
    customAttributes: {},
    messages: [],
    participantIds: [],
  };
}
