import { ConversationPriority, ConversationStatus } from '../model/conversation';
import { ConversationRecord } from './records';

/**
 * The list's filter and its three groups, mirrored from Chatwoot's ConversationFinder so local
 * membership agrees with what the server pages and counts (docs/chatwoot-rest.md §2): status,
 * inbox, label and team filter first, then the assignee split (`me`, `unassigned`, `all`); and
 * the order the server pages in (`sort_by`), which the local order of rows follows.
 */

export type StatusFilter = ConversationStatus | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'all'];

/**
 * The list API's `sort_by` values the tree offers (ConversationFinder::SORT_OPTIONS; the scopes
 * are app/models/concerns/sort_handler.rb): the dashboard's default, newest first, most urgent
 * first, and longest waiting first.
 */
export type SortOrder = 'last_activity_at_desc' | 'created_at_desc' | 'priority_desc' | 'waiting_since_asc';
export const SORT_ORDERS: readonly SortOrder[] = ['last_activity_at_desc', 'created_at_desc', 'priority_desc', 'waiting_since_asc'];
export const DEFAULT_SORT: SortOrder = 'last_activity_at_desc';

export interface ConversationFilter {
  readonly status: StatusFilter;
  /** Undefined: every inbox the agent may see. */
  readonly inboxId: number | undefined;
  /** A label's title (the list API's `labels[]`, with one label). Undefined: any or none. */
  readonly label?: string;
  /** Undefined: any team or none. */
  readonly teamId?: number;
  /** Undefined: DEFAULT_SORT. */
  readonly sort?: SortOrder;
}

export const DEFAULT_FILTER: ConversationFilter = { status: 'open', inboxId: undefined };

export type Group = 'mine' | 'unassigned' | 'all';
export const GROUPS: readonly Group[] = ['mine', 'unassigned', 'all'];

/** The list API's `assignee_type` for a group; note `me`, not "mine". */
export const ASSIGNEE_TYPE: Readonly<Record<Group, 'me' | 'unassigned' | 'all'>> = { mine: 'me', unassigned: 'unassigned', all: 'all' };

export interface GroupCounts {
  readonly mine: number;
  readonly unassigned: number;
  readonly all: number;
}

export function matchesFilter(c: ConversationRecord, filter: ConversationFilter): boolean {
  if (filter.status !== 'all' && c.status !== filter.status) return false;
  if (filter.label !== undefined && !c.labels.includes(filter.label)) return false;
  if (filter.teamId !== undefined && c.teamId !== filter.teamId) return false;
  return filter.inboxId === undefined || c.inboxId === filter.inboxId;
}

/** Assigned to this user: a bot never is, even one whose id equals the user's (ids come from two tables). */
export function isAssignedTo(c: ConversationRecord, userId: number | undefined): boolean {
  return userId !== undefined && c.assigneeType === 'User' && c.assigneeId === userId;
}

/**
 * The groups as the list API pages them (ConversationFinder#filter_by_assignee_type): `me` is
 * `assignee_id` = the user, `unassigned` is `assignee_id` nil, which includes what an AgentBot
 * owns (its id is in `assignee_agent_bot_id`), so a bot's conversation is listed as unassigned.
 */
export function inGroup(c: ConversationRecord, group: Group, meId: number | undefined): boolean {
  switch (group) {
    case 'mine':
      return isAssignedTo(c, meId);
    case 'unassigned':
      return c.assigneeType !== 'User';
    case 'all':
      return true;
  }
}

export function isMember(c: ConversationRecord, group: Group, filter: ConversationFilter, meId: number | undefined): boolean {
  return matchesFilter(c, filter) && inGroup(c, group, meId);
}

/**
 * Last activity first, then the higher id. The server sorts by `last_activity_at desc` alone (no
 * tie-break, so equal times come in any order, even between two pages of one listing); the id
 * only keeps the local order stable. Never use it to decide where a page of the server ends.
 */
export function byActivity(a: ConversationRecord, b: ConversationRecord): number {
  return b.lastActivityAt - a.lastActivityAt || b.id - a.id;
}

/** The enum's integers (app/models/conversation.rb: low 0 … urgent 3); what the server orders by. */
const PRIORITY_RANK: Readonly<Record<ConversationPriority, number>> = { low: 0, medium: 1, high: 2, urgent: 3 };

/** Nulls after every value, whichever the direction (`NULLS LAST`). */
function nullsLast(a: number | null, b: number | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return direction * (a - b);
}

/**
 * Where the server puts `a` against `b` for a `sort_by`, by its sort keys alone: 0 for rows it may
 * return in either order (SQL has no further tie-break). Chatwoot: app/models/concerns/sort_handler.rb
 * (`priority DESC NULLS LAST, last_activity_at DESC`; `waiting_since ASC NULLS LAST, created_at ASC`).
 */
export function compareBySortKey(sort: SortOrder | undefined, a: ConversationRecord, b: ConversationRecord): number {
  switch (sort ?? DEFAULT_SORT) {
    case 'last_activity_at_desc':
      return b.lastActivityAt - a.lastActivityAt;
    case 'created_at_desc':
      return b.createdAt - a.createdAt;
    case 'priority_desc':
      return (
        nullsLast(a.priority === null ? null : PRIORITY_RANK[a.priority], b.priority === null ? null : PRIORITY_RANK[b.priority], -1) ||
        b.lastActivityAt - a.lastActivityAt
      );
    case 'waiting_since_asc':
      return nullsLast(a.waitingSince, b.waitingSince, 1) || a.createdAt - b.createdAt;
  }
}

/** The order of a sort, with the higher id breaking ties so the local order is stable (see `byActivity`). */
export function bySort(sort: SortOrder | undefined): (a: ConversationRecord, b: ConversationRecord) => number {
  return (a, b) => compareBySortKey(sort, a, b) || b.id - a.id;
}

export function sameFilter(a: ConversationFilter, b: ConversationFilter): boolean {
  return (
    a.status === b.status &&
    a.inboxId === b.inboxId &&
    a.label === b.label &&
    a.teamId === b.teamId &&
    (a.sort ?? DEFAULT_SORT) === (b.sort ?? DEFAULT_SORT)
  );
}
