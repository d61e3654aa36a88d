import { ConversationStatus } from '../model/conversation';
import { ConversationRecord } from './records';

/**
 * The list's filter and its three groups, mirrored from Chatwoot's ConversationFinder so local
 * membership agrees with what the server pages and counts (docs/chatwoot-rest.md §2): status and inbox filter
 * first, then the assignee split (`me`, `unassigned`, `all`).
 */

export type StatusFilter = ConversationStatus | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'all'];

export interface ConversationFilter {
  readonly status: StatusFilter;
  /** Undefined: every inbox the agent may see. */
  readonly inboxId: number | undefined;
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

export function sameFilter(a: ConversationFilter, b: ConversationFilter): boolean {
  return a.status === b.status && a.inboxId === b.inboxId;
}
