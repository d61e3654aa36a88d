// Domain records held by the stand-in server. They mirror the database rows Chatwoot keeps, not
// the JSON it sends: presenters.ts turns them into wire shapes, so one record can be rendered
// as a list item, a push payload or a REST body exactly like the real server does.

export type Role = 'administrator' | 'agent';

/**
 * The Chatwoot release line the stand-in imitates. Shapes that differ between lines are listed
 * in docs/chatwoot-compatibility.md; each presenter or finder that differs checks this.
 */
export type ChatwootVersion = 3 | 4;

/** What `startServer` uses when a test does not say: CHATWOOT_STANDIN_VERSION=3|4, else 4. */
export function defaultChatwootVersion(env: NodeJS.ProcessEnv = process.env): ChatwootVersion {
  const v = env.CHATWOOT_STANDIN_VERSION;
  if (v === undefined || v === '') return 4;
  if (v === '3' || v === '4') return Number(v) as ChatwootVersion;
  throw new Error(`CHATWOOT_STANDIN_VERSION must be 3 or 4, not ${v}`);
}
export type Availability = 'online' | 'busy' | 'offline';
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type Priority = 'low' | 'medium' | 'high' | 'urgent' | null;
export type ChannelType = 'Channel::WebWidget' | 'Channel::Email' | 'Channel::Whatsapp' | 'Channel::Api';

/** 0 incoming, 1 outgoing, 2 activity, 3 template: Chatwoot sends the integer, not the name. */
export type MessageType = 0 | 1 | 2 | 3;

export type NotificationType =
  | 'conversation_creation'
  | 'conversation_assignment'
  | 'assigned_conversation_new_message'
  | 'conversation_mention'
  | 'participating_conversation_new_message';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Account {
  id: number;
  name: string;
}

export interface User {
  id: number;
  name: string;
  displayName: string;
  email: string;
  role: Role;
  accessToken: string;
  pubsubToken: string;
  /** What the agent chose; presence decides whether others see it (docs/chatwoot-events.md §5). */
  availability: Availability;
  autoOffline: boolean;
  signature: string;
  /** Notification types the user is subscribed to (in-app notifications are only made for these). */
  notificationFlags: NotificationType[];
}

/**
 * An AgentBot. Its ids come from its own table, so one may equal a user's id.
 * Chatwoot: app/models/agent_bot.rb
 */
export interface AgentBot {
  id: number;
  name: string;
  description: string;
}

export interface Inbox {
  id: number;
  name: string;
  channelType: ChannelType;
  channelId: number;
  memberIds: number[];
  phoneNumber: string | null;
  email: string | null;
  enableAutoAssignment: boolean;
  greetingEnabled: boolean;
  workingHoursEnabled: boolean;
}

export interface Team {
  id: number;
  name: string;
  description: string;
  allowAutoAssign: boolean;
  memberIds: number[];
}

export interface Label {
  id: number;
  title: string;
  description: string;
  color: string;
  showOnSidebar: boolean;
}

export interface Contact {
  id: number;
  name: string;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  thumbnail: string;
  additionalAttributes: JsonObject;
  customAttributes: JsonObject;
  createdAt: number;
  lastActivityAt: number;
  blocked: boolean;
}

/** A note agents keep on a contact. Chatwoot: app/models/note.rb */
export interface ContactNote {
  id: number;
  contactId: number;
  /** Null once the agent is deleted (the partial then leaves `user` out). */
  userId: number | null;
  content: string;
  createdAt: number;
  updatedAt: number;
}

export interface Attachment {
  id: number;
  fileType: 'image' | 'audio' | 'video' | 'file';
  extension: string;
  dataUrl: string;
  thumbUrl: string;
  fileSize: number;
  width: number | null;
  height: number | null;
}

export interface Message {
  id: number;
  conversationDisplayId: number;
  inboxId: number;
  content: string | null;
  messageType: MessageType;
  contentType: string;
  contentAttributes: JsonObject;
  private: boolean;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  sourceId: string | null;
  senderType: 'User' | 'Contact' | null;
  senderId: number | null;
  /** Unix seconds. */
  createdAt: number;
  updatedAt: number;
  attachments: Attachment[];
}

export interface Conversation {
  /** Database primary key: notifications point at it (primary_actor_id), paths never do. */
  dbId: number;
  /** The per-account id every path and payload calls `id`. */
  displayId: number;
  uuid: string;
  inboxId: number;
  contactId: number;
  contactInboxId: number;
  sourceId: string;
  status: ConversationStatus;
  priority: Priority;
  /** assignee_id: a user. */
  assigneeId: number | null;
  /**
   * assignee_agent_bot_id (4.x only): an AgentBot owns the conversation; assignee_id is then nil,
   * since saving a user assignee clears the bot (Conversation#reset_agent_bot_when_assignee_present).
   * Chatwoot: app/models/conversation.rb (assignee_agent_bot, assignee_type, assigned_entity)
   */
  assigneeBotId: number | null;
  teamId: number | null;
  labels: string[];
  muted: boolean;
  snoozedUntil: number | null;
  createdAt: number;
  lastActivityAt: number;
  /** Float seconds, as Chatwoot's push data sends it. */
  updatedAt: number;
  agentLastSeenAt: number;
  assigneeLastSeenAt: number;
  contactLastSeenAt: number;
  firstReplyCreatedAt: number | null;
  waitingSince: number | null;
  canReply: boolean;
  additionalAttributes: JsonObject;
  customAttributes: JsonObject;
  messages: Message[];
  /**
   * ConversationParticipant rows: agents taking part (a private note's mentions add them).
   * Chatwoot: app/services/messages/mention_service.rb (add_mentioned_users_as_participants)
   */
  participantIds: number[];
}

export interface Notification {
  id: number;
  userId: number;
  type: NotificationType;
  conversationDbId: number;
  messageId: number | null;
  readAt: number | null;
  snoozedUntil: number | null;
  createdAt: number;
  lastActivityAt: number;
}

export interface CannedResponse {
  id: number;
  shortCode: string;
  content: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A macro: named steps an agent runs on conversations. `personal` ones are listed to their creator
 * only. Chatwoot: app/models/macro.rb, app/views/api/v1/models/_macro.json.jbuilder
 */
export interface Macro {
  id: number;
  name: string;
  visibility: 'global' | 'personal';
  createdById: number;
  actions: { action_name: string; action_params: unknown[] }[];
}
