// Wire shapes. Each function renders a record the way one Chatwoot jbuilder partial or
// push_event_data method does (source named on each), so REST bodies and cable payloads share
// one definition and stay consistent with each other.

import type { CustomFilter } from './customFilters';
import type { Store } from './store';
import type {
  AgentBot,
  Attachment,
  CannedResponse,
  Contact,
  ContactNote,
  Conversation,
  Inbox,
  JsonObject,
  Label,
  Message,
  Notification,
  Team,
  User,
} from './types';

const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

export function avatarUrl(user: User): string {
  return `https://www.gravatar.com/avatar/${Buffer.from(user.email).toString('hex').slice(0, 32).padEnd(32, '0')}?d=404`;
}

export class Presenters {
  constructor(private readonly _store: Store) {}

  private get _accountId(): number {
    return this._store.account.id;
  }

  /** User#push_event_data. */
  userPush(user: User): JsonObject {
    return {
      id: user.id,
      name: user.name,
      available_name: user.displayName,
      avatar_url: avatarUrl(user),
      type: 'user',
      availability_status: this._store.presence.availabilityStatus(this._accountId, user),
      thumbnail: avatarUrl(user),
    };
  }

  /** api/v1/models/_agent.json.jbuilder. */
  agent(user: User): JsonObject {
    return {
      id: user.id,
      account_id: this._accountId,
      availability_status: this._store.presence.availabilityStatus(this._accountId, user),
      auto_offline: user.autoOffline,
      confirmed: true,
      email: user.email,
      available_name: user.displayName,
      name: user.name,
      role: user.role,
      thumbnail: avatarUrl(user),
      custom_role_id: null,
    };
  }

  /**
   * api/v1/models/_note.json.jbuilder. `account_id` and `contact_id` are written as
   * `json.account_id json.account_id` there, so they come out null; `user` only while the author exists.
   */
  note(n: ContactNote): JsonObject {
    const user = n.userId === null ? undefined : this._store.users.get(n.userId);
    return {
      id: n.id,
      content: n.content,
      account_id: null,
      contact_id: null,
      ...(user ? { user: this.agent(user) } : {}),
      created_at: n.createdAt,
      updated_at: n.updatedAt,
    };
  }

  /** api/v1/models/_user.json.jbuilder (GET /profile). */
  profile(user: User): JsonObject {
    const accountId = this._accountId;
    return {
      id: user.id,
      access_token: user.accessToken,
      account_id: accountId,
      available_name: user.displayName,
      avatar_url: avatarUrl(user),
      confirmed: true,
      display_name: user.displayName,
      message_signature: user.signature,
      email: user.email,
      inviter_id: null,
      name: user.name,
      provider: 'email',
      pubsub_token: user.pubsubToken,
      role: user.role,
      ui_settings: {},
      uid: user.email,
      type: 'User',
      custom_attributes: {},
      accounts: [
        {
          id: accountId,
          name: this._store.account.name,
          status: 'active',
          active_at: iso(this._store.now()),
          role: user.role,
          permissions: user.role === 'administrator' ? ['administrator'] : ['agent'],
          availability: user.availability,
          availability_status: this._store.presence.availabilityStatus(accountId, user),
          auto_offline: user.autoOffline,
        },
      ],
    };
  }

  /** Contact#push_event_data (the small form sent in payloads). */
  contactPush(contact: Contact): JsonObject {
    return {
      additional_attributes: contact.additionalAttributes,
      custom_attributes: contact.customAttributes,
      email: contact.email,
      id: contact.id,
      identifier: contact.identifier,
      name: contact.name,
      phone_number: contact.phoneNumber,
      thumbnail: contact.thumbnail,
      type: 'contact',
      blocked: contact.blocked,
    };
  }

  /** api/v1/models/_contact.json.jbuilder. */
  contact(contact: Contact): JsonObject {
    return {
      ...this.contactPush(contact),
      availability_status: this._store.presence.onlineContacts(this._accountId)[String(contact.id)] ?? 'offline',
      last_activity_at: contact.lastActivityAt,
      created_at: contact.createdAt,
    };
  }

  /**
   * The contact with `contact_inboxes` (`include_contact_inboxes` defaults to true on the
   * /contacts endpoints). Chatwoot: api/v1/models/_contact.json.jbuilder (`with_contact_inboxes`),
   * api/v1/models/_contact_inbox.json.jbuilder.
   */
  contactWithInboxes(contact: Contact): JsonObject {
    const seen = new Map<number, string>();
    for (const c of this._store.conversations.values()) if (c.contactId === contact.id && !seen.has(c.inboxId)) seen.set(c.inboxId, c.sourceId);
    const contactInboxes: JsonObject[] = [];
    for (const [inboxId, sourceId] of seen) {
      const inbox = this._store.inboxes.get(inboxId);
      if (inbox) contactInboxes.push({ source_id: sourceId, inbox: this.inbox(inbox) });
    }
    return { ...this.contact(contact), contact_inboxes: contactInboxes };
  }

  /**
   * A conversation search hit: a cut-down conversation whose `messages` are only the ones that
   * matched (ConversationFinder eager-loads them under the same ILIKE condition), each with the
   * integer message_type and no `private` flag. No status, inbox_id or meta.
   * Chatwoot: api/v1/models/_conversation.json.jbuilder ("used to render conversation data
   * search API response"); `uuid` appears in later builds only, so clients must not need it.
   */
  searchConversation(c: Conversation, matched: readonly Message[]): JsonObject {
    const contact = this._store.contacts.get(c.contactId);
    const inbox = this._inbox(c);
    return {
      id: c.displayId,
      uuid: c.uuid,
      created_at: c.createdAt,
      contact: { id: c.contactId, name: contact?.name ?? '' },
      inbox: { id: inbox.id, name: inbox.name, channel_type: inbox.channelType },
      messages: matched.map((m) => {
        const sender = this._sender(m);
        const out: JsonObject = { content: m.content, id: m.id, message_type: m.messageType, created_at: m.createdAt };
        if (sender && typeof sender.name === 'string') out.sender_name = sender.name;
        return out;
      }),
      account_id: this._accountId,
    };
  }

  /**
   * A message as the global search renders it: integer message_type, the conversation's display
   * id, the sender's push data (only when there is one) and a cut-down inbox.
   * Chatwoot: app/views/api/v1/accounts/search/_message.json.jbuilder, _inbox.json.jbuilder.
   */
  searchMessage(c: Conversation, m: Message): JsonObject {
    const out: JsonObject = {
      id: m.id,
      content: m.content,
      message_type: m.messageType,
      content_type: m.contentType,
      source_id: m.sourceId,
      inbox_id: m.inboxId,
      conversation_id: c.displayId,
      created_at: m.createdAt,
      inbox: this._searchInbox(this._inbox(c)),
    };
    const sender = this._sender(m);
    if (sender) out.sender = sender;
    return out;
  }

  /**
   * A conversation as the global search renders it: `message` is its first message (`{}` when it
   * has none), with the contact, inbox and assignee cut down the same way (`{}` when absent).
   * Chatwoot: app/views/api/v1/accounts/search/_conversation_search_result.json.jbuilder,
   * _contact.json.jbuilder, _agent.json.jbuilder.
   */
  searchConversationResult(c: Conversation): JsonObject {
    const contact = this._store.contacts.get(c.contactId);
    const assignee = c.assigneeId === null ? undefined : this._store.users.get(c.assigneeId);
    const first = c.messages[0];
    return {
      id: c.displayId,
      account_id: this._accountId,
      created_at: c.createdAt,
      message: first ? this.searchMessage(c, first) : {},
      contact: contact ? this.searchContact(contact) : {},
      inbox: this._searchInbox(this._inbox(c)),
      agent: assignee ? { id: assignee.id, available_name: assignee.displayName, email: assignee.email, name: assignee.name, role: assignee.role } : {},
    };
  }

  /** Chatwoot: app/views/api/v1/accounts/search/_contact.json.jbuilder. */
  searchContact(contact: Contact): JsonObject {
    return {
      email: contact.email,
      id: contact.id,
      name: contact.name,
      phone_number: contact.phoneNumber,
      identifier: contact.identifier,
      additional_attributes: contact.additionalAttributes,
      last_activity_at: contact.lastActivityAt,
    };
  }

  private _searchInbox(inbox: Inbox): JsonObject {
    return { id: inbox.id, channel_id: inbox.channelId, name: inbox.name, channel_type: inbox.channelType };
  }

  attachment(message: Message, a: Attachment): JsonObject {
    return {
      id: a.id,
      message_id: message.id,
      file_type: a.fileType,
      account_id: this._accountId,
      extension: a.extension,
      data_url: a.dataUrl,
      thumb_url: a.thumbUrl,
      file_size: a.fileSize,
      width: a.width,
      height: a.height,
    };
  }

  private _sender(message: Message): JsonObject | null {
    if (message.senderType === 'User' && message.senderId !== null) {
      const u = this._store.users.get(message.senderId);
      return u ? this.userPush(u) : null;
    }
    if (message.senderType === 'Contact' && message.senderId !== null) {
      const c = this._store.contacts.get(message.senderId);
      return c ? this.contactPush(c) : null;
    }
    return null;
  }

  /**
   * Message#push_event_data; the REST message partial has the same fields. `echoId` is given only
   * by the create call and its message.created / first.reply.created: Chatwoot keeps it in an
   * `attr_accessor` of the in-memory message (no column in the messages table), so a message read
   * back from the database, as every list and later event reads it, has none.
   * Chatwoot: app/models/message.rb (attr_accessor :echo_id, push_event_data), db/schema.rb,
   * app/builders/messages/message_builder.rb, app/views/api/v1/models/_message.json.jbuilder
   */
  message(message: Message, echoId: string | null = null): JsonObject {
    const conversation = this._store.conversations.get(message.conversationDisplayId);
    const out: JsonObject = {
      id: message.id,
      content: message.content,
      account_id: this._accountId,
      inbox_id: message.inboxId,
      conversation_id: message.conversationDisplayId,
      message_type: message.messageType,
      created_at: message.createdAt,
      updated_at: iso(message.updatedAt),
      private: message.private,
      status: message.status,
      source_id: message.sourceId,
      content_type: message.contentType,
      content_attributes: message.contentAttributes,
      sender_type: message.senderType,
      sender_id: message.senderId,
      external_source_ids: {},
      additional_attributes: {},
      processed_message_content: message.content,
      sentiment: {},
    };
    if (echoId) out.echo_id = echoId;
    if (message.attachments.length > 0) out.attachments = message.attachments.map((a) => this.attachment(message, a));
    const sender = this._sender(message);
    if (sender) out.sender = sender;
    if (conversation) {
      out.conversation = {
        assignee_id: conversation.assigneeId,
        unread_count: this._store.unreadCount(conversation),
        last_activity_at: conversation.lastActivityAt,
        contact_inbox: { source_id: conversation.sourceId },
      };
    }
    return out;
  }

  private _lastMessage(c: Conversation, nonActivity: boolean): Message | undefined {
    for (let i = c.messages.length - 1; i >= 0; i--) {
      const m = c.messages[i];
      if (!nonActivity || m.messageType !== 2) return m;
    }
    return undefined;
  }

  private _inbox(c: Conversation): Inbox {
    const inbox = this._store.inboxes.get(c.inboxId);
    if (!inbox) throw new Error(`conversation ${c.displayId} points at a missing inbox ${c.inboxId}`);
    return inbox;
  }

  /** AgentBot#push_event_data. Chatwoot: app/models/agent_bot.rb */
  agentBotPush(bot: AgentBot): JsonObject {
    return { id: bot.id, name: bot.name, avatar_url: '', type: 'agent_bot' };
  }

  /** A bot as the REST partial names an assignee. Chatwoot: api/v1/models/_agent_bot_slim.json.jbuilder */
  agentBotSlim(bot: AgentBot): JsonObject {
    return { id: bot.id, name: bot.name, description: bot.description, thumbnail: '', outgoing_url: `https://bots.example.invalid/${bot.id}`, bot_type: 'webhook', assignee_type: 'AgentBot' };
  }

  /**
   * Conversation#assigned_entity and #assignee_type: the bot when one owns it (4.x), else the
   * user. Chatwoot: app/models/conversation.rb
   */
  private _assigned(c: Conversation): { bot: AgentBot } | { user: User } | undefined {
    const bot = c.assigneeBotId !== null && this._store.version >= 4 ? this._store.bots.get(c.assigneeBotId) : undefined;
    if (bot) return { bot };
    const user = c.assigneeId !== null ? this._store.users.get(c.assigneeId) : undefined;
    return user ? { user } : undefined;
  }

  /**
   * EventDataPresenter#push_meta: `assignee` is `assigned_entity&.push_event_data` with
   * `assignee_type` beside it (nil when unassigned) in 4.x; 3.x sends the user only and no type.
   * No `channel` here: push data has it at the top level.
   * Chatwoot: app/presenters/conversations/event_data_presenter.rb
   */
  private _pushMeta(c: Conversation): JsonObject {
    const contact = this._store.contacts.get(c.contactId);
    const assigned = this._assigned(c);
    const team = c.teamId !== null ? this._store.teams.get(c.teamId) : undefined;
    const meta: JsonObject = {
      sender: contact ? this.contactPush(contact) : null,
      assignee: !assigned ? null : 'bot' in assigned ? this.agentBotPush(assigned.bot) : this.userPush(assigned.user),
    };
    if (this._store.version >= 4) meta.assignee_type = !assigned ? null : 'bot' in assigned ? 'AgentBot' : 'User';
    meta.team = team ? { id: team.id, name: team.name } : null;
    meta.hmac_verified = false;
    return meta;
  }

  /**
   * The list partial's meta: `assignee` (and, in 4.x, `assignee_type`) and `team` only when
   * there is one, so an unassigned row has no `assignee` key at all.
   * Chatwoot: api/v1/conversations/partials/_conversation.json.jbuilder
   */
  private _restMeta(c: Conversation): JsonObject {
    const contact = this._store.contacts.get(c.contactId);
    const assigned = this._assigned(c);
    const team = c.teamId !== null ? this._store.teams.get(c.teamId) : undefined;
    const meta: JsonObject = { sender: contact ? this.contactPush(contact) : null, channel: this._inbox(c).channelType };
    if (assigned && 'bot' in assigned) {
      meta.assignee = this.agentBotSlim(assigned.bot);
      meta.assignee_type = 'AgentBot';
    } else if (assigned) {
      meta.assignee = this.userPush(assigned.user);
      if (this._store.version >= 4) meta.assignee_type = 'User';
    }
    if (team) meta.team = { id: team.id, name: team.name };
    meta.hmac_verified = false;
    return meta;
  }

  /** Conversations::EventDataPresenter#push_data: the `data` of every conversation.* event. */
  conversationPush(c: Conversation): JsonObject {
    const last = this._lastMessage(c, true);
    return {
      additional_attributes: c.additionalAttributes,
      can_reply: c.canReply,
      channel: this._inbox(c).channelType,
      contact_inbox: {
        id: c.contactInboxId,
        contact_id: c.contactId,
        inbox_id: c.inboxId,
        source_id: c.sourceId,
        created_at: iso(c.createdAt),
        updated_at: iso(c.createdAt),
        hmac_verified: false,
      },
      id: c.displayId,
      inbox_id: c.inboxId,
      messages: last ? [this.message(last)] : [],
      labels: [...c.labels],
      meta: this._pushMeta(c),
      status: c.status,
      custom_attributes: c.customAttributes,
      snoozed_until: c.snoozedUntil !== null ? iso(c.snoozedUntil) : null,
      unread_count: this._store.unreadCount(c),
      first_reply_created_at: c.firstReplyCreatedAt,
      priority: c.priority,
      // `waiting_since.to_i`: 0 when nobody waits. Chatwoot: app/presenters/conversations/event_data_presenter.rb
      waiting_since: c.waitingSince ?? 0,
      agent_last_seen_at: c.agentLastSeenAt,
      contact_last_seen_at: c.contactLastSeenAt,
      last_activity_at: c.lastActivityAt,
      timestamp: c.lastActivityAt,
      created_at: c.createdAt,
      // A float from 4.0.2 on (chatwoot PR #10873); 3.x push data has no updated_at.
      ...(this._store.version >= 4 ? { updated_at: c.updatedAt } : {}),
    };
  }

  /** api/v1/conversations/partials/_conversation.json.jbuilder: list items and GET one. */
  conversation(c: Conversation): JsonObject {
    const last = this._lastMessage(c, false);
    const lastChat = this._lastMessage(c, true);
    return {
      // updated_at: in the partial from 4.0.2 on, as in push data (spread from it); never in 3.x.
      ...this.conversationPush(c),
      meta: this._restMeta(c),
      account_id: this._accountId,
      uuid: c.uuid,
      muted: c.muted,
      assignee_last_seen_at: c.assigneeLastSeenAt,
      sla_policy_id: null,
      messages: last ? [this.message(last)] : [],
      last_non_activity_message: lastChat ? this.message(lastChat) : null,
    };
  }

  /** Chatwoot: app/views/api/v1/models/_custom_filter.json.jbuilder (times as Rails renders them). */
  customFilter(f: CustomFilter): JsonObject {
    return { id: f.id, name: f.name, filter_type: f.filterType, query: f.query as JsonObject, created_at: iso(f.createdAt), updated_at: iso(f.updatedAt) };
  }

  inbox(inbox: Inbox): JsonObject {
    return {
      id: inbox.id,
      account_id: this._accountId,
      name: inbox.name,
      channel_type: inbox.channelType,
      channel_id: inbox.channelId,
      avatar_url: '',
      greeting_enabled: inbox.greetingEnabled,
      greeting_message: inbox.greetingEnabled ? 'Hi there! How can we help?' : null,
      working_hours_enabled: inbox.workingHoursEnabled,
      enable_auto_assignment: inbox.enableAutoAssignment,
      phone_number: inbox.phoneNumber,
      email: inbox.email,
      provider: inbox.channelType === 'Channel::Whatsapp' ? 'whatsapp_cloud' : null,
      allow_messages_after_resolved: true,
    };
  }

  team(team: Team, viewer: User): JsonObject {
    return {
      id: team.id,
      name: team.name,
      description: team.description,
      allow_auto_assign: team.allowAutoAssign,
      account_id: this._accountId,
      is_member: team.memberIds.includes(viewer.id),
    };
  }

  label(label: Label): JsonObject {
    return { id: label.id, title: label.title, description: label.description, color: label.color, show_on_sidebar: label.showOnSidebar };
  }

  canned(c: CannedResponse): JsonObject {
    return { id: c.id, account_id: this._accountId, short_code: c.shortCode, content: c.content, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt) };
  }

  /** Notification#push_event_data; push_message_title holds the body text (docs/chatwoot-events.md §3). */
  notification(n: Notification): JsonObject {
    const conversation = this._store.conversationByDbId(n.conversationDbId);
    const message = n.messageId !== null ? this._store.message(n.messageId) : undefined;
    const user = this._store.users.get(n.userId);
    return {
      id: n.id,
      notification_type: n.type,
      push_message_title: this._pushBody(conversation, message),
      primary_actor_type: 'Conversation',
      primary_actor_id: n.conversationDbId,
      primary_actor: conversation ? this.conversationPush(conversation) : null,
      read_at: n.readAt !== null ? iso(n.readAt) : null,
      secondary_actor: message ? this.message(message) : null,
      user: user ? this.userPush(user) : null,
      created_at: n.createdAt,
      last_activity_at: n.lastActivityAt,
      snoozed_until: n.snoozedUntil !== null ? iso(n.snoozedUntil) : null,
      meta: {},
      account_id: this._accountId,
    };
  }

  private _pushBody(conversation: Conversation | undefined, message: Message | undefined): string {
    if (message) {
      const sender = this._sender(message);
      const name = sender && typeof sender.name === 'string' ? sender.name : 'Someone';
      if (!message.content) return `${name}: ${message.attachments.length > 0 ? 'Attachment' : 'No content'}`;
      const plain = message.content.replace(/\[(@[^\]]+)\]\(mention:\/\/[^)]+\)/g, '$1');
      return `${name}: ${plain.split(/\s+/).slice(0, 10).join(' ')}`;
    }
    return conversation ? `A conversation (#${conversation.displayId}) has been assigned to you` : 'No content';
  }
}
