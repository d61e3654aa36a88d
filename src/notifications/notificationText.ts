import * as l10n from '@vscode/l10n';
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
  const sender = actor?.meta?.sender?.name;
  const from = typeof sender === 'string' && sender.trim() ? ` — ${plainText(sender.trim())}` : '';
  const body = plainText(pushBody.trim());
  return {
    title: titleOf(type, conversationId) + from,
    body,
    severity: type.startsWith('sla_') ? 'warning' : 'info',
    conversationId,
  };
}

/** Whole sentences per type, with and without the conversation's number, so each language orders its own words. */
function titleOf(type: string, id: number | undefined): string {
  const known = id !== undefined;
  switch (type) {
    case 'conversation_creation':
      return l10n.t('New conversation #{0}', id ?? '?');
    case 'conversation_assignment':
      return known ? l10n.t('Conversation #{0} assigned to you', id) : l10n.t('A conversation assigned to you');
    case 'assigned_conversation_new_message':
      return known ? l10n.t('New message in conversation #{0}', id) : l10n.t('New message in a conversation');
    case 'conversation_mention':
      return known ? l10n.t('You were mentioned in conversation #{0}', id) : l10n.t('You were mentioned in a conversation');
    case 'participating_conversation_new_message':
      return known ? l10n.t('New message in conversation #{0} you take part in', id) : l10n.t('New message in a conversation you take part in');
    case 'sla_missed_first_response':
      return known ? l10n.t('SLA missed: first response in conversation #{0}', id) : l10n.t('SLA missed: first response in a conversation');
    case 'sla_missed_next_response':
      return known ? l10n.t('SLA missed: next response in conversation #{0}', id) : l10n.t('SLA missed: next response in a conversation');
    case 'sla_missed_resolution':
      return known ? l10n.t('SLA missed: resolution of conversation #{0}', id) : l10n.t('SLA missed: resolution of a conversation');
    default: {
      const what = plainText(humanize(type));
      return known ? l10n.t('Conversation #{0}: {1}', id, what) : l10n.t('A conversation: {0}', what);
    }
  }
}

function humanize(type: string): string {
  return type.replace(/[_.]+/g, ' ').trim() || l10n.t('notification');
}
