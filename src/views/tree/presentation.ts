import * as l10n from '@vscode/l10n';
import { age, ago } from '../../common/displayLanguage';
import { escapeMarkdown } from '../../common/markdownText';
import { ConversationFilter, DEFAULT_SORT, Group, GroupCounts, isAssignedTo, SortOrder } from '../../conversations/filters';
import { ConversationRecord } from '../../conversations/records';
import { ConversationStore } from '../../conversations/store';
import { MessageType } from '../../model/message';
import { priorityIcon, priorityName } from './triage';
import { spokenConversation } from './spokenLabels';

/**
 * How a conversation reads in the list, computed without vscode so it is unit-tested: the label,
 * the one-line description, the Markdown tooltip, the codicon and the `contextValue` that menus
 * match. The tree glue only maps this onto a TreeItem.
 */
export interface ConversationPresentation {
  readonly label: string;
  readonly description: string;
  /** Markdown; every piece of customer text in it is escaped. */
  readonly tooltip: string;
  /** A codicon id: `hubot` while a bot holds the conversation, else the priority's, else the channel's. */
  readonly icon: string;
  /** A theme colour id for the icon: urgent and high priorities, else unread. */
  readonly iconColor: string | undefined;
  readonly unread: number;
  /** `conversation:<status>:<mine|unassigned|assigned>:<unread|read>`. */
  readonly contextValue: string;
  /** A sentence for screen readers. */
  readonly accessibilityLabel: string;
}

/** The tree's refresh window: 100 ms keeps a 1,000 events/s burst at ≤ 10 refreshes/s (STYLE.md §3.5). */
export const TREE_REFRESH_WINDOW_MS = 100;

/** The first line the description shows, in characters. */
export const PREVIEW_LENGTH = 80;

const CHANNEL_ICONS: Readonly<Record<string, string>> = {
  'Channel::WebWidget': 'globe',
  'Channel::Email': 'mail',
  'Channel::Whatsapp': 'device-mobile',
  'Channel::Sms': 'device-mobile',
  'Channel::TwilioSms': 'device-mobile',
  'Channel::Api': 'plug',
  'Channel::FacebookPage': 'comment-discussion',
  'Channel::Instagram': 'device-camera',
  'Channel::Telegram': 'send',
  'Channel::Line': 'comment',
  'Channel::TwitterProfile': 'mention',
  'Channel::Voice': 'call-incoming',
};

export function channelIcon(channelType: string | undefined): string {
  return (channelType && CHANNEL_ICONS[channelType]) || 'comment';
}

export function statusName(status: string): string {
  switch (status) {
    case 'open':
      return l10n.t({ message: 'Open', comment: 'a conversation status' });
    case 'pending':
      return l10n.t({ message: 'Pending', comment: 'a conversation status' });
    case 'snoozed':
      return l10n.t({ message: 'Snoozed', comment: 'a conversation status' });
    case 'resolved':
      return l10n.t({ message: 'Resolved', comment: 'a conversation status' });
    case 'all':
      return l10n.t('All statuses');
    default:
      return status;
  }
}

/** The name of a group of the tree (its row reads "Mine (12)"). */
export function groupName(group: Group): string {
  switch (group) {
    case 'mine':
      return l10n.t({ message: 'Mine', comment: 'the tree group of conversations assigned to the signed-in agent' });
    case 'unassigned':
      return l10n.t({ message: 'Unassigned', comment: 'the tree group of conversations assigned to nobody' });
    case 'all':
      return l10n.t({ message: 'All', comment: 'the tree group of all conversations' });
  }
}

/** "5m", "3h", "2d", "6w", "1y": short, since it shares a line with the message. */
export function relativeTime(unixSeconds: number, nowMs: number): string {
  return age(unixSeconds, nowMs);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function contactName(store: ConversationStore, c: ConversationRecord): string {
  const contact = store.contact(c.contactId);
  return contact?.name?.trim() || contact?.email || contact?.phoneNumber || l10n.t('Contact #{0}', c.contactId);
}

/** A bot holding a conversation counts as assigned (it can be taken over or unassigned), never as mine. */
function assignment(store: ConversationStore, c: ConversationRecord): 'mine' | 'unassigned' | 'assigned' {
  if (c.assigneeId === null) return 'unassigned';
  return isAssignedTo(c, store.meId) ? 'mine' : 'assigned';
}

/** What a row's description starts with while its contact is online (descriptions show no codicons). */
export function onlineMark(): string {
  return l10n.t('● Online');
}

/** The codicon a row shows while an AgentBot holds the conversation. */
export const BOT_ICON = 'hubot';

/** The last message as one line: private notes and outgoing replies marked. */
export function messagePreview(c: ConversationRecord): string {
  const m = c.lastMessage;
  if (!m) return '';
  const text = m.deleted ? l10n.t('This message was deleted') : m.text || (m.hasAttachments ? l10n.t('Attachment') : '');
  const line = m.private ? l10n.t('Private note: {0}', text) : m.messageType === MessageType.outgoing ? l10n.t('You: {0}', text) : text;
  return truncate(line, PREVIEW_LENGTH);
}

export function presentConversation(store: ConversationStore, c: ConversationRecord, nowMs: number): ConversationPresentation {
  const name = contactName(store, c);
  const preview = messagePreview(c);
  const time = relativeTime(c.lastActivityAt, nowMs);
  const inbox = store.inbox(c.inboxId);
  const channel = c.channel ?? inbox?.channelType;
  const assigned = assignment(store, c);
  const unread = c.unreadCount;
  // A bot's conversation says so on its row: the bot's name first, and the bot icon.
  const bot = store.assigneeOf(c);
  const botName = bot?.type === 'AgentBot' ? bot.name : undefined;
  const labels = c.labels.map((l) => `[${l}]`).join(' ');
  // The customer is on the site now (the widget is open): worth answering at once.
  const online = store.isContactOnline(c.contactId) === true;
  const fresh = unread === 1 ? l10n.t('1 new') : unread > 0 ? l10n.t('{0} new', unread) : '';
  const description = [online ? onlineMark() : '', botName ?? '', fresh, time, labels, preview].filter(Boolean).join(' · ');
  const pressing = c.priority === 'urgent' || c.priority === 'high';
  return {
    label: name,
    description,
    tooltip: tooltip(store, c, name, nowMs),
    icon: botName !== undefined ? BOT_ICON : c.priority ? priorityIcon(c.priority) : channelIcon(channel),
    iconColor: pressing ? 'errorForeground' : unread > 0 ? 'list.highlightForeground' : undefined,
    unread,
    contextValue: `conversation:${c.status}:${assigned}:${unread > 0 ? 'unread' : 'read'}`,
    accessibilityLabel: spokenConversation(
      {
        name,
        online,
        status: statusName(c.status),
        priority: c.priority,
        labels: c.labels,
        holder:
          botName !== undefined
            ? { kind: 'bot', name: botName }
            : assigned === 'assigned'
              ? { kind: 'agent', name: bot?.name ?? l10n.t('agent {0}', String(c.assigneeId)) }
              : { kind: assigned === 'mine' ? 'you' : 'unassigned' },
        unread,
        lastActivityAt: c.lastActivityAt,
        preview,
      },
      nowMs,
    ),
  };
}

function tooltip(store: ConversationStore, c: ConversationRecord, name: string, nowMs: number): string {
  const contact = store.contact(c.contactId);
  const inbox = store.inbox(c.inboxId);
  const who = store.assigneeOf(c);
  const assignee = !who ? l10n.t('Unassigned') : who.type === 'AgentBot' ? l10n.t('{0} (bot)', who.name) : who.name;
  const team = c.teamId === null ? undefined : store.team(c.teamId)?.name ?? l10n.t('Team #{0}', c.teamId);
  const online = store.isContactOnline(c.contactId) === true ? ` · ${l10n.t('online now')}` : '';
  const lines = [`**${escapeMarkdown(name)}**${contact?.email ? ` · ${escapeMarkdown(contact.email)}` : ''}${online} · #${c.id}`, ''];
  const row = (key: string, value: string) => lines.push(`${key}: ${value}  `);
  row(l10n.t('Inbox'), escapeMarkdown(inbox?.name ?? `#${c.inboxId}`));
  const status = statusName(c.status);
  row(l10n.t('Status'), c.status === 'snoozed' && c.snoozedUntil ? l10n.t('{0} until {1}', status, escapeMarkdown(String(c.snoozedUntil))) : status);
  row(l10n.t('Priority'), priorityName(c.priority));
  row(l10n.t('Assignee'), escapeMarkdown(assignee));
  if (team) row(l10n.t('Team'), escapeMarkdown(team));
  if (c.labels.length > 0) row(l10n.t('Labels'), c.labels.map(escapeMarkdown).join(', '));
  if (c.unreadCount > 0) row(l10n.t('Unread'), String(c.unreadCount));
  row(l10n.t('Last activity'), ago(c.lastActivityAt, nowMs, 'narrow'));
  const preview = messagePreview(c);
  if (preview) lines.push('', '---', '', escapeMarkdown(preview));
  return lines.join('\n');
}

export function groupLabel(group: Group, counts: GroupCounts | undefined): string {
  return counts ? `${groupName(group)} (${counts[group]})` : groupName(group);
}

export function sortName(sort: SortOrder): string {
  switch (sort) {
    case 'last_activity_at_desc':
      return l10n.t('Last activity');
    case 'created_at_desc':
      return l10n.t('Newest first');
    case 'priority_desc':
      return l10n.t('Priority');
    case 'waiting_since_asc':
      return l10n.t('Waiting longest');
  }
}

/**
 * The view's description: the filter in effect, e.g. "Open · Website", then the label, the team
 * and an order other than the default, when chosen ("Open · All inboxes · billing · Sales · Priority").
 */
export function filterDescription(filter: ConversationFilter, inboxName: string | undefined, teamName?: string): string {
  const inbox = filter.inboxId === undefined ? l10n.t('All inboxes') : inboxName ?? l10n.t('Inbox #{0}', filter.inboxId);
  const parts = [statusName(filter.status), inbox];
  if (filter.label !== undefined) parts.push(filter.label);
  if (filter.teamId !== undefined) parts.push(teamName ?? l10n.t('Team #{0}', filter.teamId));
  if (filter.sort !== undefined && filter.sort !== DEFAULT_SORT) parts.push(sortName(filter.sort));
  return parts.join(' · ');
}

/** `<base>/app/accounts/<account>/conversations/<display id>`: the conversation in Chatwoot's dashboard. */
export function conversationUrl(baseUrl: string, accountId: number, conversationId: number): string {
  return `${baseUrl.replace(/\/+$/, '')}/app/accounts/${accountId}/conversations/${conversationId}`;
}
