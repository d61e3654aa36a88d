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

export function spokenConversation(c: SpokenConversation, nowMs: number): string {
  const holder =
    c.holder.kind === 'you' ? 'assigned to you' : c.holder.kind === 'unassigned' ? 'unassigned' : c.holder.kind === 'bot' ? `handled by the bot ${c.holder.name}` : `assigned to ${c.holder.name}`;
  const parts = [c.name, c.online ? 'online now' : '', c.status.toLowerCase(), c.priority ? `${c.priority} priority` : '', c.labels?.length ? `labels ${c.labels.join(', ')}` : '', holder, c.unread > 0 ? `${c.unread} unread` : 'no unread messages', `last activity ${spokenAgo(c.lastActivityAt, nowMs)}`];
  return parts.filter(Boolean).join(', ') + (c.preview ? `: ${c.preview}` : '');
}

/** "just now", "1 minute ago", "3 hours ago", "2 days ago", "6 weeks ago", "1 year ago". */
export function spokenAgo(unixSeconds: number, nowMs: number): string {
  return ago(unixSeconds, nowMs, 'long');
}

/** A group row: "Mine, 12 conversations" (or "loading" before the first count). */
export function spokenGroup(groupName: string, count: number | undefined): string {
  return `${groupName}, ${count === undefined ? 'loading' : `${count} conversation${count === 1 ? '' : 's'}`}`;
}

/** The row at the end of a group that fetches its next page. */
export function spokenLoadMore(groupName: string): string {
  return `Load more conversations in ${groupName}`;
}
