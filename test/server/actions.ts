// Every state change with Chatwoot's side effects: the store mutation, the activity message,
// the notifications and the cable events, in the order the real server emits them. REST
// handlers, the control API and the simulation all go through here, so a contact message sent
// by a test behaves exactly like one from a real customer.

import type { EventBus } from './events';
import type { Presenters } from './presenters';
import { blankConversation, type Store } from './store';
import type {
  Attachment,
  Availability,
  Contact,
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

/** Mentions in private notes are markdown links: [@Name](mention://user/<id>/<name>). */
const MENTION = /mention:\/\/user\/(\d+)\//g;

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
      echoId: null,
      attachments: [],
      ...fields,
    };
    this._store.addMessage(c, message);
    if (message.messageType !== 2) c.lastActivityAt = now;
    this._touch(c);
    return message;
  }

  private _emitMessageCreated(c: Conversation, m: Message): void {
    this._bus.toConversation(c, 'message.created', this._present.message(m));
  }

  private _emitConversation(c: Conversation, event: string): void {
    this._bus.toConversation(c, event, this._present.conversationPush(c));
  }

  /** Activity lines ("Conversation was marked resolved by …") arrive as message.created. */
  activity(c: Conversation, content: string): Message {
    const m = this._newMessage(c, { messageType: 2, content, contentType: 'text' });
    this._emitMessageCreated(c, m);
    return m;
  }

  agentMessage(c: Conversation, user: User, input: AgentMessageInput): Message {
    const isPrivate = input.private === true;
    const m = this._newMessage(c, {
      messageType: 1,
      content: input.content,
      private: isPrivate,
      contentType: input.contentType ?? 'text',
      contentAttributes: input.contentAttributes ?? {},
      senderType: 'User',
      senderId: user.id,
      echoId: input.echoId ?? null,
      attachments: input.attachments ?? [],
    });
    this._emitMessageCreated(c, m);
    if (!isPrivate) {
      let changed = false;
      if (c.firstReplyCreatedAt === null) {
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

  private _mentions(c: Conversation, author: User, m: Message): void {
    const ids = new Set<number>();
    for (const match of (m.content ?? '').matchAll(MENTION)) ids.add(Number(match[1]));
    for (const id of ids) {
      const mentioned = this._store.users.get(id);
      if (!mentioned || mentioned.id === author.id) continue;
      this._bus.toUser(mentioned.id, 'conversation.mentioned', this._present.conversationPush(c));
      this.notify(mentioned, 'conversation_mention', c, m);
    }
  }

  /** A customer writes: reopens a resolved/snoozed conversation and notifies the assignee. */
  contactMessage(c: Conversation, content: string, attachments: Attachment[] = []): Message {
    const contact = this._store.contacts.get(c.contactId);
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
    if (c.assigneeId !== null) {
      const assignee = this._store.users.get(c.assigneeId);
      if (assignee) this.notify(assignee, 'assigned_conversation_new_message', c, m);
    }
    return m;
  }

  /** status undefined toggles open ⇄ resolved, as toggle_status without a body does. */
  setStatus(c: Conversation, status: ConversationStatus | undefined, snoozedUntil: number | null, actor: User | null): void {
    const next = status ?? (c.status === 'open' ? 'resolved' : 'open');
    c.status = next;
    c.snoozedUntil = next === 'snoozed' ? snoozedUntil : null;
    this._touch(c);
    this._emitConversation(c, 'conversation.status_changed');
    this._emitConversation(c, 'conversation.updated');
    this.activity(c, actor ? STATUS_ACTIVITY[next].replace('%s', actor.name) : `Conversation was marked ${next} by system`);
  }

  setPriority(c: Conversation, priority: Priority, actor: User | null): void {
    if (c.priority === priority) return;
    c.priority = priority;
    this._touch(c);
    this._emitConversation(c, 'conversation.updated');
    const who = actor?.name ?? 'System';
    this.activity(c, priority === null ? `${who} removed the priority` : `${who} set the priority to ${priority}`);
  }

  assign(c: Conversation, assignee: User | null, actor: User | null): void {
    if (c.assigneeId === (assignee?.id ?? null)) return;
    c.assigneeId = assignee?.id ?? null;
    this._touch(c);
    this._emitConversation(c, 'assignee.changed');
    this._emitConversation(c, 'conversation.updated');
    const who = actor?.name ?? 'System';
    if (!assignee) this.activity(c, `Conversation unassigned by ${who}`);
    else if (actor && assignee.id === actor.id) this.activity(c, `${who} self-assigned this conversation`);
    else this.activity(c, `Assigned to ${assignee.name} by ${who}`);
    // Nobody is notified of assigning a conversation to themselves.
    if (assignee && assignee.id !== actor?.id) this.notify(assignee, 'conversation_assignment', c, null);
  }

  assignTeam(c: Conversation, team: Team | null, actor: User | null): void {
    const previous = c.teamId !== null ? this._store.teams.get(c.teamId) : undefined;
    if (c.teamId === (team?.id ?? null)) return;
    c.teamId = team?.id ?? null;
    this._touch(c);
    this._emitConversation(c, 'team.changed');
    this._emitConversation(c, 'conversation.updated');
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

  markRead(c: Conversation, user: User): void {
    const now = this._store.now();
    c.agentLastSeenAt = now;
    if (c.assigneeId === user.id) c.assigneeLastSeenAt = now;
    this._touch(c);
    // Recent versions mark the conversation's notifications read too (MarkConversationReadService).
    for (const n of this._store.notificationsOf(user.id)) {
      if (n.conversationDbId === c.dbId && n.readAt === null) this.readNotification(n, now);
    }
    this._emitConversation(c, 'conversation.read');
  }

  /** Last seen goes to 1 s before the last incoming message, so it counts as unread again. */
  markUnread(c: Conversation): void {
    const lastIncoming = [...c.messages].reverse().find((m) => m.messageType === 0);
    if (lastIncoming) c.agentLastSeenAt = lastIncoming.createdAt - 1;
    this._touch(c);
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

  private _notificationFrame(n: Notification): JsonObject {
    return {
      notification: this._present.notification(n),
      unread_count: this._store.unreadNotificationCount(n.userId),
      count: this._store.notificationsOf(n.userId).length,
    };
  }

  /** at=null marks it unread again; either way the owner gets notification.updated. */
  readNotification(n: Notification, at: number | null = this._store.now()): void {
    n.readAt = at;
    this._bus.toUser(n.userId, 'notification.updated', this._notificationFrame(n));
  }

  deleteNotification(n: Notification): void {
    this._store.notifications.delete(n.id);
    this._bus.toUser(n.userId, 'notification.deleted', {
      notification: { id: n.id },
      unread_count: this._store.unreadNotificationCount(n.userId),
      count: this._store.notificationsOf(n.userId).length,
    });
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
    this._bus.raw([streamToken], {
      event: 'presence.update',
      data: {
        account_id: accountId,
        users: this._store.presence.onlineUsers(accountId, this._store.users.values()),
        contacts: this._store.presence.onlineContacts(accountId),
      },
    });
  }
}
