// Every state change with Chatwoot's side effects: the store mutation, the activity message,
// the notifications and the cable events, in the order the real server emits them. REST
// handlers, the control API and the simulation all go through here, so a contact message sent
// by a test behaves exactly like one from a real customer.

import type { EventBus } from './events';
import type { Presenters } from './presenters';
import { blankConversation, type Store } from './store';
import type {
  AgentBot,
  Attachment,
  Availability,
  Contact,
  ContactNote,
  Conversation,
  ConversationStatus,
  JsonObject,
  Message,
  Notification,
  NotificationType,
  Priority,
  Team,
  User,
} from './types';

export interface AgentMessageInput {
  content: string;
  private?: boolean;
  contentType?: string;
  contentAttributes?: JsonObject;
  echoId?: string | null;
  attachments?: Attachment[];
}

export interface NewConversationInput {
  inboxId: number;
  contactId?: number;
  contactName?: string;
  contactEmail?: string | null;
  content: string;
}

const STATUS_ACTIVITY: Record<ConversationStatus, string> = {
  resolved: 'Conversation was marked resolved by %s',
  open: 'Conversation was reopened by %s',
  pending: 'Conversation was marked as pending by %s',
  snoozed: 'Conversation was snoozed by %s',
};

/**
 * Mentions in private notes are markdown links: [@Name](mention://user/<id>/<name>), and from
 * 4.x (chatwoot PR #11758) [@Team](mention://team/<id>/<name>).
 * Chatwoot: app/services/messages/mention_service.rb (mentioned_ids)
 */
const MENTION = /\(mention:\/\/(user|team)\/(\d+)\/(.+?)\)/g;

export class Actions {
  constructor(
    private readonly _store: Store,
    private readonly _present: Presenters,
    private readonly _bus: EventBus,
  ) {}

  private _touch(c: Conversation): void {
    c.updatedAt = this._store.nowMs() / 1000;
  }

  private _newMessage(c: Conversation, fields: Partial<Message> & Pick<Message, 'messageType'>): Message {
    const now = this._store.now();
    const message: Message = {
      id: this._store.nextId('message'),
      conversationDisplayId: c.displayId,
      inboxId: c.inboxId,
      content: null,
      contentType: 'text',
      contentAttributes: {},
      private: false,
      status: 'sent',
      sourceId: null,
      senderType: null,
      senderId: null,
      createdAt: now,
      updatedAt: now,
      attachments: [],
      ...fields,
    };
    this._store.addMessage(c, message);
    if (message.messageType !== 2) c.lastActivityAt = now;
    this._touch(c);
    return message;
  }

  /** While set (see `_reloaded`), broadcasts are rendered and sent only when the block ends. */
  private _late: Array<() => void> | undefined;

  /** `echoId`: what the create call was given; only the message.created of that call carries it. */
  private _emitMessageCreated(c: Conversation, m: Message, echoId: string | null = null): void {
    const send = (): void => this._bus.toConversation(c, 'message.created', this._present.message(m, echoId));
    if (this._late) this._late.push(send);
    else send();
  }

  private _emitConversation(c: Conversation, event: string): void {
    const send = (): void => this._bus.toConversation(c, event, this._present.conversationPush(c));
    if (this._late) this._late.push(send);
    else send();
  }

  /**
   * Runs several saves whose conversation events carry the state after the last of them, as 4.x
   * does: ActionCableBroadcastJob re-reads the conversation when the job runs for
   * conversation.status_changed, .updated, .read, assignee.changed and team.changed (chatwoot PRs
   * #10876, #10877). 3.x renders each event's data when its save is dispatched.
   * Chatwoot: app/jobs/action_cable_broadcast_job.rb
   */
  private _reloaded(fn: () => void): void {
    if (this._store.version < 4 || this._late) return fn();
    const late: Array<() => void> = [];
    this._late = late;
    try {
      fn();
    } finally {
      this._late = undefined;
      for (const send of late) send();
    }
  }

  /** Activity lines ("Conversation was marked resolved by …") arrive as message.created. */
  activity(c: Conversation, content: string): Message {
    const m = this._newMessage(c, { messageType: 2, content, contentType: 'text' });
    this._emitMessageCreated(c, m);
    return m;
  }

  agentMessage(c: Conversation, user: User, input: AgentMessageInput): Message {
    const echoId = input.echoId ?? null;
    const isPrivate = input.private === true;
    const m = this._newMessage(c, {
      messageType: 1,
      content: input.content,
      private: isPrivate,
      contentType: input.contentType ?? 'text',
      contentAttributes: input.contentAttributes ?? {},
      senderType: 'User',
      senderId: user.id,
      attachments: input.attachments ?? [],
    });
    this._emitMessageCreated(c, m, echoId);
    if (!isPrivate) {
      let changed = false;
      if (c.firstReplyCreatedAt === null) {
        // The first public human reply: FIRST_REPLY_CREATED with the message's push data, to
        // the inbox (no contact token), then first_reply_created_at is saved (conversation.updated).
        // Chatwoot: app/models/message.rb (dispatch_create_events, valid_first_reply?),
        // app/listeners/action_cable_listener.rb (first_reply_created)
        this._bus.toConversation(c, 'first.reply.created', this._present.message(m, echoId));
        c.firstReplyCreatedAt = m.createdAt;
        changed = true;
      }
      if (c.waitingSince !== null) {
        c.waitingSince = null;
        changed = true;
      }
      if (changed) this._emitConversation(c, 'conversation.updated');
    } else {
      this._mentions(c, user, m);
    }
    return m;
  }

  /**
   * Mentions in a private note. Only administrators and the inbox's members count. Each gets a
   * conversation_mention notification at once (NotificationListener → MentionService), and later
   * `conversation.mentioned` on their own token: UserMentionJob creates or touches the Mention,
   * whose after_commit dispatches CONVERSATION_MENTIONED, also for a repeated mention or a
   * self-mention. Current versions notify nobody of their own mention (self_mention?); older ones
   * did. 3.x read a team mention's id as a user id; 4.x expands it to the team's members.
   * Chatwoot: app/services/messages/mention_service.rb, app/jobs/conversations/user_mention_job.rb,
   * app/models/mention.rb, app/listeners/action_cable_listener.rb (conversation_mentioned)
   */
  private _mentions(c: Conversation, author: User, m: Message): void {
    const ids = new Set<number>();
    for (const match of (m.content ?? '').matchAll(MENTION)) {
      const id = Number(match[2]);
      if (match[1] === 'team' && this._store.version >= 4) for (const member of this._store.teams.get(id)?.memberIds ?? []) ids.add(member);
      else ids.add(id);
    }
    const inbox = this._store.inboxes.get(c.inboxId);
    const mentioned = [...ids].flatMap((id) => {
      const u = this._store.users.get(id);
      return u && (u.role === 'administrator' || inbox?.memberIds.includes(u.id)) ? [u] : [];
    });
    // Chatwoot: app/services/messages/mention_service.rb (add_mentioned_users_as_participants)
    for (const u of mentioned) if (!c.participantIds.includes(u.id)) c.participantIds.push(u.id);
    for (const u of mentioned) {
      if (this._store.version >= 4 && u.id === author.id) continue;
      this.notify(u, 'conversation_mention', c, m);
    }
    for (const u of mentioned) {
      // UserMentionJob's Mention, and MentionService#add_mentioned_users_as_participants.
      this._store.mentions.add(`${u.id}/${c.displayId}`);
      this._store.addParticipant(u.id, c.displayId);
    }
    for (const u of mentioned) this._bus.toUser(u.id, 'conversation.mentioned', this._present.conversationPush(c));
  }

  /**
   * An AgentBot hands the conversation to the humans: waiting_since is set if blank and the
   * conversation opens (status_changed, updated), then every inbox member (administrators who
   * are not members are left out) gets a conversation_creation notification unless it is still
   * pending. ActionCableListener has no conversation_bot_handoff, so no `conversation.bot_handoff`
   * frame is sent.
   * Chatwoot: app/models/conversation.rb (bot_handoff!), app/controllers/api/v1/accounts/conversations_controller.rb
   * (toggle_status, pending_to_open_by_bot?), app/listeners/notification_listener.rb (conversation_bot_handoff)
   */
  botHandoff(c: Conversation): void {
    if (c.waitingSince === null) c.waitingSince = this._store.now();
    if (c.status !== 'open') this.setStatus(c, 'open', null, null);
    const inbox = this._store.inboxes.get(c.inboxId);
    for (const id of inbox?.memberIds ?? []) {
      const u = this._store.users.get(id);
      if (u) this.notify(u, 'conversation_creation', c, null);
    }
  }

  /** A customer writes: reopens a resolved/snoozed conversation and notifies the assignee. */
  contactMessage(c: Conversation, content: string, attachments: Attachment[] = []): Message {
    const contact = this._store.contacts.get(c.contactId);
    const wasUnread = this._unreadForCounts(c);
    const m = this._newMessage(c, {
      messageType: 0,
      content,
      contentType: this._store.inboxes.get(c.inboxId)?.channelType === 'Channel::Email' ? 'incoming_email' : 'text',
      senderType: 'Contact',
      senderId: c.contactId,
      attachments,
    });
    if (contact) contact.lastActivityAt = m.createdAt;
    this._emitMessageCreated(c, m);
    const startsWaiting = c.waitingSince === null;
    if (startsWaiting) c.waitingSince = m.createdAt;
    if ((c.status === 'resolved' || c.status === 'snoozed') && !c.muted) {
      c.status = 'open';
      c.snoozedUntil = null;
      this._touch(c);
      this._emitConversation(c, 'conversation.status_changed');
      this._emitConversation(c, 'conversation.updated');
      this.activity(c, 'System reopened the conversation due to a new incoming message.');
    } else if (startsWaiting) {
      this._emitConversation(c, 'conversation.updated');
    }
    this._unreadCountsChanged(c, wasUnread);
    if (c.assigneeId !== null) {
      const assignee = this._store.users.get(c.assigneeId);
      if (assignee) this.notify(assignee, 'assigned_conversation_new_message', c, m);
    }
    return m;
  }

  /**
   * status undefined toggles as Conversation#toggle_status does: open → resolved, anything else →
   * open. Saving the same status announces nothing (notify_status_change checks
   * saved_change_to_status?, the activity line too); a new snoozed_until alone is an update.
   * Chatwoot: app/models/conversation.rb
   */
  setStatus(c: Conversation, status: ConversationStatus | undefined, snoozedUntil: number | null, actor: User | null): void {
    const next = status ?? (c.status === 'open' ? 'resolved' : 'open');
    const until = next === 'snoozed' ? snoozedUntil : null;
    if (next === c.status) {
      if (until === c.snoozedUntil) return;
      c.snoozedUntil = until;
      this._touch(c);
      this._emitConversation(c, 'conversation.updated');
      return;
    }
    const wasUnread = this._unreadForCounts(c);
    c.status = next;
    c.snoozedUntil = until;
    this._touch(c);
    this._emitConversation(c, 'conversation.status_changed');
    this._emitConversation(c, 'conversation.updated');
    this._unreadCountsChanged(c, wasUnread);
    this.activity(c, actor ? STATUS_ACTIVITY[next].replace('%s', actor.name) : `Conversation was marked ${next} by system`);
  }

  /**
   * POST toggle_status by a signed-in user. The status is saved first; then, if the conversation
   * is left open: 3.x (`should_assign_conversation?`, `assign_conversation`) makes an agent-role
   * caller the assignee, whoever held it; 4.x (`handle_human_open`) clears a bot owner for any
   * caller and makes an agent-role caller the assignee. Each save announces itself only if it
   * changed something: status events only for a new status, `assignee.changed` only for a new
   * assignee.
   * Chatwoot: app/controllers/api/v1/accounts/conversations_controller.rb#toggle_status
   */
  toggleStatus(c: Conversation, status: ConversationStatus | undefined, snoozedUntil: number | null, actor: User): void {
    this._reloaded(() => {
      this.setStatus(c, status, snoozedUntil, actor);
      if (c.status !== 'open') return;
      if (actor.role === 'agent') this.assign(c, actor, actor);
      else if (this._store.version >= 4 && c.assigneeBotId !== null) this._setOwner(c, null, null, actor);
    });
  }

  setPriority(c: Conversation, priority: Priority, actor: User | null): void {
    if (c.priority === priority) return;
    c.priority = priority;
    this._touch(c);
    this._emitConversation(c, 'conversation.updated');
    const who = actor?.name ?? 'System';
    this.activity(c, priority === null ? `${who} removed the priority` : `${who} set the priority to ${priority}`);
  }

  /**
   * A person, or nobody. Saving a person also clears a bot owner
   * (Conversation#reset_agent_bot_when_assignee_present); unassigning leaves a bot as it is.
   */
  assign(c: Conversation, assignee: User | null, actor: User | null): void {
    if (assignee && c.assigneeBotId !== null) return this._setOwner(c, assignee, null, actor);
    if (c.assigneeId === (assignee?.id ?? null)) return;
    c.assigneeId = assignee?.id ?? null;
    // Chatwoot: app/listeners/participation_listener.rb (the assignee becomes a participant).
    if (assignee) this._store.addParticipant(assignee.id, c.displayId);
    this._touch(c);
    this._emitConversation(c, 'assignee.changed');
    this._emitConversation(c, 'conversation.updated');
    this._unreadCountsChanged(c, this._unreadForCounts(c), true);
    const who = actor?.name ?? 'System';
    if (!assignee) this.activity(c, `Conversation unassigned by ${who}`);
    else if (actor && assignee.id === actor.id) this.activity(c, `${who} self-assigned this conversation`);
    else this.activity(c, `Assigned to ${assignee.name} by ${who}`);
    // Nobody is notified of assigning a conversation to themselves.
    if (assignee && assignee.id !== actor?.id) this.notify(assignee, 'conversation_assignment', c, null);
  }

  /**
   * An AgentBot takes the conversation (4.x only): the person assignee is cleared, as the bot
   * owner and a person never hold it together. The status is left as it is.
   * Chatwoot: app/models/conversation.rb (assignee_agent_bot), chatwoot PR #14866
   */
  assignBot(c: Conversation, bot: AgentBot, actor: User | null): void {
    if (this._store.version < 4) throw new Error('Chatwoot 3.x has no AgentBot assignees');
    this._setOwner(c, null, bot, actor);
  }

  /** One save of the assignee and the bot owner; assignee.changed only if either changed. */
  private _setOwner(c: Conversation, user: User | null, bot: AgentBot | null, actor: User | null): void {
    if (c.assigneeId === (user?.id ?? null) && c.assigneeBotId === (bot?.id ?? null)) return;
    const wasUnread = this._unreadForCounts(c);
    c.assigneeId = user?.id ?? null;
    c.assigneeBotId = bot?.id ?? null;
    this._touch(c);
    this._emitConversation(c, 'assignee.changed');
    this._emitConversation(c, 'conversation.updated');
    this._unreadCountsChanged(c, wasUnread, true);
    const who = actor?.name ?? 'System';
    if (bot) this.activity(c, `Assigned to ${bot.name} by ${who}`);
    else if (!user) this.activity(c, `Conversation unassigned by ${who}`);
    else if (actor && user.id === actor.id) this.activity(c, `${who} self-assigned this conversation`);
    else this.activity(c, `Assigned to ${user.name} by ${who}`);
    if (user && user.id !== actor?.id) this.notify(user, 'conversation_assignment', c, null);
  }

  assignTeam(c: Conversation, team: Team | null, actor: User | null): void {
    const previous = c.teamId !== null ? this._store.teams.get(c.teamId) : undefined;
    if (c.teamId === (team?.id ?? null)) return;
    c.teamId = team?.id ?? null;
    this._touch(c);
    this._emitConversation(c, 'team.changed');
    this._emitConversation(c, 'conversation.updated');
    this._unreadCountsChanged(c, this._unreadForCounts(c), true);
    const who = actor?.name ?? 'System';
    this.activity(c, team ? `Assigned to ${team.name} team by ${who}` : `Unassigned from ${previous?.name ?? 'team'} by ${who}`);
  }

  setLabels(c: Conversation, labels: string[], actor: User | null): void {
    const added = labels.filter((l) => !c.labels.includes(l));
    const removed = c.labels.filter((l) => !labels.includes(l));
    if (added.length === 0 && removed.length === 0) return;
    c.labels = [...labels];
    this._touch(c);
    this._emitConversation(c, 'conversation.updated');
    this._unreadCountsChanged(c, this._unreadForCounts(c), true);
    const who = actor?.name ?? 'System';
    if (added.length > 0) this.activity(c, `${who} added ${added.join(', ')}`);
    if (removed.length > 0) this.activity(c, `${who} removed ${removed.join(', ')}`);
  }

  setMuted(c: Conversation, muted: boolean): void {
    c.muted = muted;
    this._touch(c);
    this._emitConversation(c, 'conversation.updated');
  }

  /** Typing events go to everyone who would see the conversation, except the typist. */
  typing(c: Conversation, on: boolean, typist: { user: User } | { contact: Contact }, isPrivate: boolean): void {
    const event = on ? 'conversation.typing_on' : 'conversation.typing_off';
    const data: JsonObject = {
      conversation: this._present.conversationPush(c),
      user: 'user' in typist ? this._present.userPush(typist.user) : this._present.contactPush(typist.contact),
      is_private: isPrivate,
    };
    this._bus.toConversation(c, event, data, 'user' in typist ? typist.user.pubsubToken : undefined);
  }

  /**
   * An agent's mark-read (`POST …/update_last_seen`). The write is `update_columns`: no callbacks,
   * so updated_at stays and no conversation event is broadcast (`conversation.read` is the
   * contact's, see contactRead). 4.x first marks the agent's notifications for the conversation
   * read (each with notification.updated), skips the write when nothing is unread and both last-
   * seen times are under an hour old, and tells the inbox the unread counts moved.
   * Chatwoot: app/controllers/api/v1/accounts/conversations_controller.rb (update_last_seen,
   * update_last_seen_on_conversation, should_update_last_seen?),
   * app/services/notification/mark_conversation_read_service.rb
   */
  markRead(c: Conversation, user: User): void {
    const now = this._store.now();
    const isAssignee = c.assigneeId === user.id;
    if (this._store.version >= 4) {
      for (const n of this._store.notificationsOf(user.id)) {
        if (n.conversationDbId === c.dbId && n.readAt === null) this.readNotification(n, now);
      }
      const fresh = (t: number) => t > 0 && t >= now - 3600;
      if (this._store.unreadCount(c) === 0 && fresh(c.agentLastSeenAt) && (!isAssignee || fresh(c.assigneeLastSeenAt))) return;
    }
    const wasUnread = this._unreadForCounts(c);
    c.agentLastSeenAt = now;
    if (isAssignee) c.assigneeLastSeenAt = now;
    this._unreadCountsChanged(c, wasUnread);
  }

  /**
   * `POST …/unread`: last seen goes to 1 s before the last incoming message, so it counts as
   * unread again; `update_columns` again, so no conversation event.
   * Chatwoot: app/controllers/api/v1/accounts/conversations_controller.rb (unread)
   */
  markUnread(c: Conversation): void {
    const wasUnread = this._unreadForCounts(c);
    const lastIncoming = [...c.messages].reverse().find((m) => m.messageType === 0);
    if (lastIncoming) {
      c.agentLastSeenAt = lastIncoming.createdAt - 1;
      c.assigneeLastSeenAt = lastIncoming.createdAt - 1;
    }
    this._unreadCountsChanged(c, wasUnread);
  }

  /**
   * The contact read the conversation (the widget's or a channel's read receipt): the save moves
   * contact_last_seen_at, and only that broadcasts `conversation.read`, to the inbox members and
   * administrators. It says nothing about the agents' unread count.
   * Chatwoot: app/models/conversation.rb (notify_status_change), app/listeners/action_cable_listener.rb
   * (conversation_read), app/controllers/api/v1/widget/conversations_controller.rb (update_last_seen)
   */
  contactRead(c: Conversation): void {
    c.contactLastSeenAt = this._store.now();
    this._touch(c);
    this._bus.toConversation(c, 'conversation.read', this._present.conversationPush(c));
  }

  /** Whether the conversation counts in 4.x's sidebar unread counts (Refresher#unread?: open, with unseen incoming messages). */
  private _unreadForCounts(c: Conversation): boolean {
    return c.status === 'open' && this._store.unreadCount(c) > 0;
  }

  /**
   * 4.x (feature `conversation_unread_counts`): a payload-less `conversation.unread_count_changed`
   * to the inbox members and administrators when the conversation's membership in the unread
   * counts changed: it became read or unread, or, being unread, moved between inboxes, assignees,
   * teams or labels (`moved`). The Refresher compares the memberships before and after.
   * Chatwoot: app/services/conversations/unread_counts/listener.rb, notifier.rb, refresher.rb,
   * app/listeners/action_cable_listener.rb (conversation_unread_count_changed)
   */
  private _unreadCountsChanged(c: Conversation, wasUnread: boolean, moved = false): void {
    if (this._store.version < 4) return;
    const isUnread = this._unreadForCounts(c);
    if (wasUnread !== isUnread || (moved && (wasUnread || isUnread))) this._bus.toConversation(c, 'conversation.unread_count_changed', {});
  }

  deleteMessage(c: Conversation, m: Message): void {
    m.content = 'This message was deleted';
    m.contentAttributes = { ...m.contentAttributes, deleted: true };
    m.attachments = [];
    m.updatedAt = this._store.now();
    this._bus.toConversation(c, 'message.updated', this._present.message(m));
  }

  updateMessageStatus(c: Conversation, m: Message, status: Message['status'], error?: string): void {
    m.status = status;
    if (error !== undefined) m.contentAttributes = { ...m.contentAttributes, external_error: error };
    m.updatedAt = this._store.now();
    this._bus.toConversation(c, 'message.updated', this._present.message(m));
  }

  createConversation(input: NewConversationInput): Conversation {
    const store = this._store;
    const now = store.now();
    let contact = input.contactId !== undefined ? store.contacts.get(input.contactId) : undefined;
    const isNewContact = !contact;
    if (!contact) {
      const id = store.nextId('contact');
      contact = {
        id,
        name: input.contactName ?? `Visitor ${id}`,
        email: input.contactEmail ?? null,
        phoneNumber: null,
        identifier: null,
        thumbnail: '',
        additionalAttributes: {},
        customAttributes: {},
        createdAt: now,
        lastActivityAt: now,
        blocked: false,
      };
      store.contacts.set(id, contact);
    }
    const displayId = store.nextId('conversation');
    const inbox = store.inboxes.get(input.inboxId);
    if (!inbox) throw new Error(`no inbox ${input.inboxId}`);
    const c: Conversation = {
      ...blankConversation(store, displayId, inbox, contact, now, {
        uuid: `00000000-0000-4000-a000-${String(displayId).padStart(12, '0')}`,
        sourceId: `${inbox.channelType.slice(9).toLowerCase()}-${contact.id}-${displayId}`,
      }),
      updatedAt: store.nowMs() / 1000,
      waitingSince: now,
    };
    store.conversations.set(displayId, c);
    if (isNewContact) this._bus.toAccount('contact.created', this._present.contactPush(contact));
    this._emitConversation(c, 'conversation.created');
    const m = this._newMessage(c, {
      messageType: 0,
      content: input.content,
      contentType: inbox.channelType === 'Channel::Email' ? 'incoming_email' : 'text',
      senderType: 'Contact',
      senderId: contact.id,
    });
    this._emitMessageCreated(c, m);
    for (const u of store.users.values()) {
      if (u.notificationFlags.includes('conversation_creation') && store.canSee(u, c)) this.notify(u, 'conversation_creation', c, m);
    }
    return c;
  }

  updateContact(contact: Contact, patch: Partial<Pick<Contact, 'name' | 'email' | 'phoneNumber'>>): void {
    Object.assign(contact, patch);
    this._bus.toAccount('contact.updated', this._present.contactPush(contact));
    for (const c of this._store.conversations.values()) {
      if (c.contactId === contact.id) this._emitConversation(c, 'conversation.contact_changed');
    }
  }

  /**
   * In-app notification for one user, if they subscribed to the type. Older notifications for
   * the same conversation are collapsed, as RemoveDuplicateNotificationJob does.
   */
  notify(user: User, type: NotificationType, c: Conversation, message: Message | null): Notification | null {
    if (!user.notificationFlags.includes(type)) return null;
    for (const old of this._store.notificationsOf(user.id)) {
      if (old.conversationDbId === c.dbId) this.deleteNotification(old);
    }
    const now = this._store.now();
    const n: Notification = {
      id: this._store.nextId('notification'),
      userId: user.id,
      type,
      conversationDbId: c.dbId,
      messageId: message?.id ?? null,
      readAt: null,
      snoozedUntil: null,
      createdAt: now,
      lastActivityAt: now,
    };
    this._store.notifications.set(n.id, n);
    this._bus.toUser(user.id, 'notification.created', this._notificationFrame(n));
    return n;
  }

  /**
   * `count` is NotificationFinder.new(user, account)#count with no params: the unread, non-snoozed
   * notifications, the same number as `unread_count`, not the size of any list a client fetched.
   * Chatwoot: app/listeners/base_listener.rb (extract_notification_and_account), app/finders/notification_finder.rb
   */
  private _notificationFrame(n: Notification): JsonObject {
    return {
      notification: this._present.notification(n),
      unread_count: this._store.unreadNotificationCount(n.userId),
      count: this._store.unreadNotificationCount(n.userId),
    };
  }

  /** at=null marks it unread again; either way the owner gets notification.updated. */
  readNotification(n: Notification, at: number | null = this._store.now()): void {
    n.readAt = at;
    this._bus.toUser(n.userId, 'notification.updated', this._notificationFrame(n));
  }

  deleteNotification(n: Notification): void {
    this._store.notifications.delete(n.id);
    // Chatwoot: app/listeners/action_cable_listener.rb (notification_deleted), same finder counts.
    this._bus.toUser(n.userId, 'notification.deleted', {
      notification: { id: n.id },
      unread_count: this._store.unreadNotificationCount(n.userId),
      count: this._store.unreadNotificationCount(n.userId),
    });
  }

  /** Chatwoot: app/controllers/api/v1/accounts/contacts/notes_controller.rb (`create`: user_id is the caller). */
  addContactNote(contactId: number, userId: number | null, content: string): ContactNote {
    const at = this._store.now();
    const note: ContactNote = { id: this._store.nextId('note'), contactId, userId, content, createdAt: at, updatedAt: at };
    this._store.contactNotes.set(note.id, note);
    return note;
  }

  setAvailability(user: User, availability: Availability): void {
    user.availability = availability;
  }

  setAutoOffline(user: User, autoOffline: boolean): void {
    user.autoOffline = autoOffline;
  }

  /** update_presence: refresh this account's presence, then tell the caller who is online. */
  heartbeat(user: User, accountId: number, streamToken: string): void {
    this._store.presence.touchUser(accountId, user.id);
    this._bus.immediate([streamToken], {
      event: 'presence.update',
      data: {
        account_id: accountId,
        users: this._store.presence.onlineUsers(accountId, this._store.users.values()),
        contacts: this._store.presence.onlineContacts(accountId),
      },
    });
  }
}
