import { listAgents, listAssignableAgents, listInboxes, listLabels, listTeams } from '../api/catalogLists';
import { ApiClient } from '../api/client';
import {
  assignAgent,
  assignTeam,
  ConversationCounts,
  getConversation,
  getConversationCounts,
  listConversations,
  setConversationLabels,
  StatusChange,
  togglePriority,
  toggleStatus,
} from '../api/conversations';
import { markRead, markUnread, ReadState } from '../api/readState';
import { Agent, Inbox, Label, Team } from '../model/catalog';
import { Conversation, ConversationPriority, ConversationStatus } from '../model/conversation';
import { ASSIGNEE_TYPE, ConversationFilter, DEFAULT_SORT, Group, GroupCounts } from './filters';

export interface ConversationPage {
  readonly counts: GroupCounts;
  readonly conversations: readonly Conversation[];
}

/**
 * Everything the conversation state needs from the server, as one narrow interface: the REST
 * implementation below in the extension, scripted fakes in unit tests and the benchmark.
 */
export interface ConversationsBackend {
  list(filter: ConversationFilter, group: Group, page: number): Promise<ConversationPage>;
  counts(filter: ConversationFilter): Promise<GroupCounts>;
  get(id: number): Promise<Conversation>;
  inboxes(): Promise<readonly Inbox[]>;
  agents(): Promise<readonly Agent[]>;
  assignableAgents(inboxIds: readonly number[]): Promise<readonly Agent[]>;
  teams(): Promise<readonly Team[]>;
  labels(): Promise<readonly Label[]>;
  setStatus(id: number, change: StatusChange): Promise<{ readonly status: ConversationStatus }>;
  assign(id: number, assigneeId: number | null): Promise<void>;
  /** Answers the team the server set: null when it removed it (also for an id it does not know). */
  assignTeam(id: number, teamId: number | null): Promise<number | null>;
  setPriority(id: number, priority: ConversationPriority | null): Promise<void>;
  /** Answers the labels the server kept (titles the account has no label for are dropped). */
  setLabels(id: number, labels: readonly string[]): Promise<readonly string[]>;
  markRead(id: number): Promise<ReadState>;
  markUnread(id: number): Promise<ReadState>;
}

export function toGroupCounts(c: ConversationCounts): GroupCounts {
  return { mine: c.mine_count, unassigned: c.unassigned_count, all: c.all_count };
}

/** The backend over Chatwoot's REST API for one account. */
export function restBackend(api: ApiClient, accountId: number): ConversationsBackend {
  const query = (filter: ConversationFilter) => ({
    status: filter.status,
    inboxId: filter.inboxId,
    teamId: filter.teamId,
    labels: filter.label === undefined ? undefined : [filter.label],
  });
  return {
    async list(filter, group, page) {
      // The default order goes unsaid: servers older than `sort_by` order so anyway.
      const sortBy = filter.sort === undefined || filter.sort === DEFAULT_SORT ? undefined : filter.sort;
      const r = await listConversations(api, accountId, { ...query(filter), assigneeType: ASSIGNEE_TYPE[group], page, sortBy });
      return { counts: toGroupCounts(r.meta), conversations: r.payload };
    },
    async counts(filter) {
      return toGroupCounts(await getConversationCounts(api, accountId, query(filter)));
    },
    get: (id) => getConversation(api, accountId, id),
    inboxes: () => listInboxes(api, accountId),
    agents: () => listAgents(api, accountId),
    assignableAgents: (inboxIds) => listAssignableAgents(api, accountId, inboxIds),
    teams: () => listTeams(api, accountId),
    labels: () => listLabels(api, accountId),
    async setStatus(id, change) {
      const r = await toggleStatus(api, accountId, id, change);
      return { status: r.current_status };
    },
    async assign(id, assigneeId) {
      await assignAgent(api, accountId, id, assigneeId);
    },
    async assignTeam(id, teamId) {
      return (await assignTeam(api, accountId, id, teamId))?.id ?? null;
    },
    setPriority: (id, priority) => togglePriority(api, accountId, id, priority),
    setLabels: (id, labels) => setConversationLabels(api, accountId, id, labels),
    markRead: (id) => markRead(api, accountId, id),
    markUnread: (id) => markUnread(api, accountId, id),
  };
}
