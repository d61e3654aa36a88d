import * as z from 'zod/mini';
import { Conversation, ConversationPriority, ConversationStatus } from '../model/conversation';
import { UserSummary } from '../model/user';
import { AnyBody, ApiClient } from './client';
import { accountPath, conversationPath } from './paths';

/** Tab counts; computed before the assignee filter, so one call serves Mine/Unassigned/All (docs/chatwoot-rest.md §2). */
export const ConversationCounts = z.looseObject({
  mine_count: z.int(),
  unassigned_count: z.int(),
  all_count: z.int(),
  assigned_count: z.optional(z.int()),
});
export type ConversationCounts = z.infer<typeof ConversationCounts>;

const ConversationListResponse = z.object({
  data: z.object({ meta: ConversationCounts, payload: z.array(Conversation) }),
});
export type ConversationList = z.infer<typeof ConversationListResponse>['data'];

const ConversationMetaResponse = z.object({ data: z.object({ meta: ConversationCounts }) });

export type AssigneeType = 'me' | 'unassigned' | 'assigned' | 'all';

export interface ConversationQuery {
  readonly status?: ConversationStatus | 'all';
  /** Note: `me`, not "mine" (docs/chatwoot-rest.md §2). */
  readonly assigneeType?: AssigneeType;
  readonly inboxId?: number;
  readonly teamId?: number;
  readonly labels?: readonly string[];
  readonly q?: string;
  /** 1-based. */
  readonly page?: number;
  readonly sortBy?: string;
  /** `mention`, `participating` or `unattended` (ConversationFinder#filter_by_conversation_type). */
  readonly conversationType?: string;
}

function listQuery(query: ConversationQuery) {
  return {
    status: query.status,
    assignee_type: query.assigneeType,
    inbox_id: query.inboxId,
    team_id: query.teamId,
    labels: query.labels,
    q: query.q,
    page: query.page,
    sort_by: query.sortBy,
    conversation_type: query.conversationType,
  };
}

export async function listConversations(
  client: ApiClient,
  accountId: number,
  query: ConversationQuery = {},
): Promise<ConversationList> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/conversations'),
    query: listQuery(query),
    schema: ConversationListResponse,
  });
  return response.data;
}

/** Counts only: the cheap badge refresh after conversation events. */
export async function getConversationCounts(
  client: ApiClient,
  accountId: number,
  query: Omit<ConversationQuery, 'assigneeType' | 'page'> = {},
): Promise<ConversationCounts> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/conversations/meta'),
    query: listQuery(query),
    schema: ConversationMetaResponse,
  });
  return response.data.meta;
}

export function getConversation(client: ApiClient, accountId: number, conversationId: number): Promise<Conversation> {
  return client.request({ method: 'GET', path: conversationPath(accountId, conversationId), schema: Conversation });
}

const ToggleStatusResponse = z.object({
  payload: z.looseObject({
    success: z.boolean(),
    conversation_id: z.int(),
    current_status: ConversationStatus,
    snoozed_until: z.nullish(z.union([z.string(), z.number()])),
  }),
});
export type ToggleStatusResult = z.infer<typeof ToggleStatusResponse>['payload'];

export interface StatusChange {
  readonly status: ConversationStatus;
  /** Unix seconds; with `snoozed` and none, the conversation snoozes until the contact replies. */
  readonly snoozedUntil?: number;
}

export async function toggleStatus(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  change: StatusChange,
): Promise<ToggleStatusResult> {
  const response = await client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/toggle_status'),
    body: change.snoozedUntil === undefined ? { status: change.status } : { status: change.status, snoozed_until: change.snoozedUntil },
    schema: ToggleStatusResponse,
  });
  return response.payload;
}

/** Assigns an agent, or unassigns with `null` (the key must be present). Answers the agent, or null. */
export function assignAgent(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  assigneeId: number | null,
): Promise<UserSummary | null> {
  return client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/assignments'),
    body: { assignee_id: assigneeId },
    schema: z.nullable(UserSummary),
  });
}

/**
 * Sets the team, or removes it with `null`: an id that matches no team of the account also
 * removes it. Answers the team, or null (Chatwoot: conversations/assignments_controller.rb#set_team).
 */
export async function assignTeam(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  teamId: number | null,
): Promise<{ readonly id: number } | null> {
  return client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/assignments'),
    body: { team_id: teamId },
    schema: z.nullable(z.looseObject({ id: z.int() })),
  });
}

/**
 * Sets the priority, or clears it with `null`; the answer is an empty 200, and the change comes
 * back as `conversation.updated` (Chatwoot: conversations_controller.rb#toggle_priority).
 */
export async function togglePriority(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  priority: ConversationPriority | null,
): Promise<void> {
  await client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/toggle_priority'),
    body: { priority },
    schema: AnyBody,
  });
}

/**
 * Replaces the conversation's labels with `labels` (titles). Titles the account has no label for
 * are dropped by the server, which answers the labels it kept
 * (Chatwoot: app/controllers/concerns/label_concern.rb, conversations/labels_controller.rb).
 */
export async function setConversationLabels(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  labels: readonly string[],
): Promise<string[]> {
  const response = await client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/labels'),
    body: { labels },
    schema: z.object({ payload: z.array(z.string()) }),
  });
  return response.payload;
}

export async function toggleTyping(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  typing: boolean,
  isPrivate: boolean,
): Promise<void> {
  await client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/toggle_typing_status'),
    body: { typing_status: typing ? 'on' : 'off', is_private: isPrivate },
    schema: AnyBody,
  });
}
