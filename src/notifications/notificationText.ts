import { Notification } from '../model/notification';

/**
 * VS Code turns `[label](target)` in a notification into a link, and runs `command:` targets
 * without asking; text from customers and servers must never become one. A zero-width space
 * between `]` and `(` keeps the text readable and the link inert.
 */
export function plainText(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u200B(');
}

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
 * here from the type, the conversation's display id and the sender (EVENTS.md §3). Types this
 * client does not know (forks add their own) get a generic title rather than none.
 */
export function describeNotification(n: Notification): NotificationText {
  const conversationId = n.primary_actor?.id;
  const conversation = conversationId !== undefined ? `Conversation #${conversationId}` : 'A conversation';
  const sender = (n.primary_actor as ActorMeta | null | undefined)?.meta?.sender?.name;
  const from = typeof sender === 'string' && sender.trim() ? ` — ${plainText(sender.trim())}` : '';
  const body = plainText(n.push_message_title?.trim() ?? '');
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
  const title = titles[n.notification_type] ?? `${conversation}: ${plainText(humanize(n.notification_type))}`;
  return {
    title: title + from,
    body,
    severity: n.notification_type.startsWith('sla_') ? 'warning' : 'info',
    conversationId,
  };
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function humanize(type: string): string {
  return type.replace(/[_.]+/g, ' ').trim() || 'notification';
}
