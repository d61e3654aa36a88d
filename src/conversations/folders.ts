import * as l10n from '@vscode/l10n';
import { bySort, compareBySortKey, ConversationFilter, matchesFilter, SortOrder } from './filters';
import { ConversationRecord } from './records';

/**
 * The tree's folders beside Mine, Unassigned and All: the list API's `conversation_type`s
 * (Mentions, Participating, Unattended) under the tree's filter, and the user's saved views,
 * which run their own conditions through the filter endpoint (docs/chatwoot-rest.md §2).
 * Pure: which conversations a folder holds, what a local change can decide about that, its
 * order and its count.
 */

export type ConversationType = 'mention' | 'participating' | 'unattended';
export const CONVERSATION_TYPES: readonly ConversationType[] = ['mention', 'participating', 'unattended'];

/** `mention`, `participating`, `unattended`, or `view:<custom filter id>`. */
export type FolderId = ConversationType | `view:${number}`;

export interface Folder {
  readonly id: FolderId;
  readonly name: string;
  /** A saved view's conditions, sent back as the server gave them; undefined for a conversation type. */
  readonly conditions?: readonly unknown[];
}

// Names are getters: read when shown, so they follow the display language the bundle was loaded for.
export const TYPE_FOLDERS: readonly Folder[] = [
  {
    id: 'mention',
    get name() {
      return l10n.t('Mentions');
    },
  },
  {
    id: 'participating',
    get name() {
      return l10n.t('Participating');
    },
  },
  {
    id: 'unattended',
    get name() {
      return l10n.t('Unattended');
    },
  },
];

export function viewFolder(id: number, name: string, conditions: readonly unknown[]): Folder {
  return { id: `view:${id}`, name, conditions };
}

export function isView(folder: FolderId): folder is `view:${number}` {
  return folder.startsWith('view:');
}

export function isFolderId(value: unknown): value is FolderId {
  return typeof value === 'string' && (CONVERSATION_TYPES.includes(value as ConversationType) || /^view:\d+$/.test(value));
}

/**
 * Whether a conversation is in a folder, as far as its record can tell; undefined when only the
 * server knows. Mentions and participants are not in any payload, and a view's conditions are
 * the server's to evaluate; the tree's filter (status, label, team, and the inbox except for
 * Participating, whose scope replaces the inbox-scoped one) and "unattended" (no first reply
 * yet, or a contact waiting) are in the record.
 * Chatwoot: app/finders/conversation_finder.rb (filter_by_conversation_type), app/models/conversation.rb (scope :unattended)
 */
export function decideMembership(folder: FolderId, c: ConversationRecord, filter: ConversationFilter): boolean | undefined {
  if (isView(folder)) return undefined;
  const scoped = folder === 'participating' ? { ...filter, inboxId: undefined } : filter;
  if (!matchesFilter(c, scoped)) return false;
  if (folder !== 'unattended' || c.firstReplied === undefined) return undefined;
  return !c.firstReplied || c.waitingSince !== null;
}

/** A view orders as the filter endpoint does, by last activity, whatever the tree's sort. */
export function folderSort(folder: FolderId, filter: ConversationFilter): SortOrder | undefined {
  return isView(folder) ? undefined : filter.sort;
}

/**
 * How a change moves a folder's count: +1 / -1 / 0 when both sides are known, 'unknown' when
 * either side is only the server's to say (then the folder is refetched).
 */
export function countDelta(before: boolean | undefined, after: boolean | undefined): number | 'unknown' {
  if (before === undefined || after === undefined) return 'unknown';
  return (after ? 1 : 0) - (before ? 1 : 0);
}

/**
 * The members a fresh page 1 leaves: its rows, plus those known before that sort below its last
 * row (pages further down, not refetched). When page 1 held the whole folder, its rows alone.
 * `known` maps id → record for what the store holds.
 */
export function mergeFirstPage(
  previous: ReadonlySet<number>,
  page: readonly ConversationRecord[],
  total: number,
  sort: SortOrder | undefined,
  known: (id: number) => ConversationRecord | undefined,
): Set<number> {
  const next = new Set(page.map((c) => c.id));
  if (page.length >= total || page.length === 0) return next;
  const last = page[page.length - 1];
  for (const id of previous) {
    const c = known(id);
    if (c && !next.has(id) && compareBySortKey(sort, c, last) > 0) next.add(id);
  }
  return next;
}

/**
 * What one folder holds: the ids the server listed (or an event named), its count and the pages
 * loaded (0: not loaded yet, rows come when the tree opens it).
 */
export class FolderState {
  listed = new Set<number>();
  count: number | undefined;
  pages = 0;

  constructor(readonly folder: Folder) {}

  /** A record's membership: what it decides locally, else what the server last said. */
  isMember(c: ConversationRecord, filter: ConversationFilter): boolean {
    return decideMembership(this.folder.id, c, filter) ?? this.listed.has(c.id);
  }

  /** The loaded members in the folder's order. */
  members(records: Iterable<ConversationRecord>, filter: ConversationFilter): ConversationRecord[] {
    const out: ConversationRecord[] = [];
    for (const c of records) if (this.isMember(c, filter)) out.push(c);
    return out.sort(bySort(folderSort(this.folder.id, filter)));
  }
}
