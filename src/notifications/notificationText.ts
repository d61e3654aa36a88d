import { plainText } from '../common/plainText';
import { Notification } from '../model/notification';

/** The types that pop up unless the user chose otherwise (`chatwoot.notifications.popupTypes`). */
export const DEFAULT_POPUP_TYPES = [
  'conversation_assignment',
  'conversation_mention',
  'assigned_conversation_new_message',
  'sla_missed_first_response',
  'sla_missed_next_response',
  'sla_missed_resolution',
] as const;

export type Severity = 'info' | 'warning';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
  readonly severity: Severity;
  readonly conversationId: number | undefined;
}

interface ActorMeta {
  meta?: { sender?: { name?: unknown } };
}

/**
 * What a person should read for a notification. Chatwoot builds its real titles only for push
 * services, and `push_message_title` holds the body ("Jane: first words…"), so the title is made
 * here from the type, the conversation's display id and the sender (docs/chatwoot-events.md §3). Types this
 * client does not know (forks add their own) get a generic title rather than none.
 */
export function describeNotification(n: Notification): NotificationText {
  return describe(n.notification_type, n.primary_actor?.id, n.primary_actor as ActorMeta | null | undefined, n.push_message_title ?? '');
}

interface AlertConversation extends ActorMeta {
  readonly id: number;
  readonly messages?: ReadonlyArray<{ readonly content?: string | null; readonly sender?: { readonly name?: unknown } | null }>;
}

/**
 * The same words for a cable event standing in for a notification (`conversation.mentioned`,
 * `conversation.bot_handoff`): the body is built as Chatwoot builds `push_message_title`, from
 * the conversation's latest message, "<sender>: <first 10 words>", mentions as plain `@name`.
 * Chatwoot: app/models/notification.rb (push_message_body)
 */
export function describeConversationAlert(type: string, conversation: AlertConversation): NotificationText {
  const last = conversation.messages?.[conversation.messages.length - 1];
  const words = (last?.content ?? '').replace(/\[(@[^\]]+)\]\(mention:\/\/[^)]+\)/g, '$1').split(/\s+/).filter(Boolean).slice(0, 10).join(' ');
  const name = last?.sender?.name;
  const body = words ? (typeof name === 'string' && name.trim() ? `${name.trim()}: ${words}` : words) : '';
  return describe(type, conversation.id, conversation, body);
}

function describe(type: string, conversationId: number | undefined, actor: ActorMeta | null | undefined, pushBody: string): NotificationText {
  const conversation = conversationId !== undefined ? `Conversation #${conversationId}` : 'A conversation';
  const sender = actor?.meta?.sender?.name;
  const from = typeof sender === 'string' && sender.trim() ? ` — ${plainText(sender.trim())}` : '';
  const body = plainText(pushBody.trim());
  const titles: Record<string, string> = {
    conversation_creation: `New conversation #${conversationId ?? '?'}`,
    conversation_assignment: `${conversation} assigned to you`,
    assigned_conversation_new_message: `New message in ${lower(conversation)}`,
    conversation_mention: `You were mentioned in ${lower(conversation)}`,
    participating_conversation_new_message: `New message in ${lower(conversation)} you take part in`,
    sla_missed_first_response: `SLA missed: first response in ${lower(conversation)}`,
    sla_missed_next_response: `SLA missed: next response in ${lower(conversation)}`,
    sla_missed_resolution: `SLA missed: resolution of ${lower(conversation)}`,
  };
  const title = titles[type] ?? `${conversation}: ${plainText(humanize(type))}`;
  return {
    title: title + from,
    body,
    severity: type.startsWith('sla_') ? 'warning' : 'info',
    conversationId,
  };
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function humanize(type: string): string {
  return type.replace(/[_.]+/g, ' ').trim() || 'notification';
}
