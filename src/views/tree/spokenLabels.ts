import * as l10n from '@vscode/l10n';

/**
 * What a screen reader says for the rows of the Conversations tree: who, in what state, how many
 * unread, when. The rows' visible text is terse ("2 new · 5m"), so these are written out in words.
 * Pure, so unit-tested.
 */
import { ago } from '../../common/displayLanguage';

export interface SpokenConversation {
  /** The contact's display name. */
  readonly name: string;
  /** The status as shown ("Open", "Snoozed"…). */
  readonly status: string;
  readonly priority?: string | null;
  /** The customer has the chat widget open right now. */
  readonly online?: boolean;
  readonly labels?: readonly string[];
  /** Who holds it: the agent, a colleague (by name), a bot (by name), or nobody. */
  readonly holder: { readonly kind: 'you' } | { readonly kind: 'unassigned' } | { readonly kind: 'agent' | 'bot'; readonly name: string };
  readonly unread: number;
  /** Unix seconds of the last activity. */
  readonly lastActivityAt: number;
  /** The last message as one line (already shortened), or ''. */
  readonly preview: string;
}

function spokenHolder(holder: SpokenConversation['holder']): string {
  switch (holder.kind) {
    case 'you':
      return l10n.t('assigned to you');
    case 'unassigned':
      return l10n.t({ message: 'unassigned', comment: 'spoken: the conversation is assigned to nobody' });
    case 'bot':
      return l10n.t('handled by the bot {0}', holder.name);
    case 'agent':
      return l10n.t('assigned to {0}', holder.name);
  }
}

function spokenPriority(priority: string): string {
  switch (priority) {
    case 'urgent':
      return l10n.t('urgent priority');
    case 'high':
      return l10n.t('high priority');
    case 'medium':
      return l10n.t('medium priority');
    case 'low':
      return l10n.t('low priority');
    default:
      return l10n.t('{0} priority', priority);
  }
}

function spokenUnread(unread: number): string {
  if (unread <= 0) return l10n.t('no unread messages');
  return unread === 1 ? l10n.t('1 unread') : l10n.t('{0} unread', unread);
}

export function spokenConversation(c: SpokenConversation, nowMs: number): string {
  const parts = [
    c.name,
    c.online ? l10n.t('online now') : '',
    c.status.toLowerCase(),
    c.priority ? spokenPriority(c.priority) : '',
    c.labels?.length ? l10n.t('labels {0}', c.labels.join(', ')) : '',
    spokenHolder(c.holder),
    spokenUnread(c.unread),
    l10n.t('last activity {0}', spokenAgo(c.lastActivityAt, nowMs)),
  ];
  return parts.filter(Boolean).join(', ') + (c.preview ? `: ${c.preview}` : '');
}

/** "just now", "1 minute ago", "3 hours ago", "2 days ago", "6 weeks ago", "1 year ago". */
export function spokenAgo(unixSeconds: number, nowMs: number): string {
  return ago(unixSeconds, nowMs, 'long');
}

/** A group row: "Mine, 12 conversations" (or "loading" before the first count). */
export function spokenGroup(groupName: string, count: number | undefined): string {
  if (count === undefined) return l10n.t('{0}, loading', groupName);
  return count === 1 ? l10n.t('{0}, 1 conversation', groupName) : l10n.t('{0}, {1} conversations', groupName, count);
}

/** The row at the end of a group that fetches its next page. */
export function spokenLoadMore(groupName: string): string {
  return l10n.t('Load more conversations in {0}', groupName);
}
