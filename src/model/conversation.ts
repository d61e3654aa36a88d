import * as z from 'zod/mini';
import { Contact } from './contact';
import { Message } from './message';
import { TeamSummary, UserSummary } from './user';

export const ConversationStatus = z.enum(['open', 'resolved', 'pending', 'snoozed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const ConversationPriority = z.enum(['low', 'medium', 'high', 'urgent']);
export type ConversationPriority = z.infer<typeof ConversationPriority>;

export const ConversationMeta = z.looseObject({
  sender: Contact,
  /** A user's push data, or (4.x) an AgentBot's: `AgentBot#push_event_data`, `api/v1/models/_agent_bot_slim`. */
  assignee: z.nullish(UserSummary),
  /**
   * Who `assignee` is: `User` or `AgentBot` (`Captain::Assistant` in enterprise builds). 4.x sends
   * it (`Conversations::EventDataPresenter#push_meta`: null when unassigned; the REST partial
   * `api/v1/conversations/partials/_conversation.json.jbuilder` only beside an assignee); 3.x,
   * which has no bot assignees, never does. A string: an unknown value must not drop the payload.
   */
  assignee_type: z.nullish(z.string()),
  team: z.nullish(TeamSummary),
  channel: z.optional(z.string()),
});
export type ConversationMeta = z.infer<typeof ConversationMeta>;

/**
 * A conversation as the list API and the conversation push events carry it. `id` is the
 * per-account display id every `/conversations/{id}` path takes (docs/chatwoot-rest.md §0). `updated_at` (a float)
 * is what a store compares before overwriting, so late events never win over newer state; REST
 * rows carry it only from 4.0.2 (the list partial) and 3.x push data not at all, so it may be
 * missing (docs/chatwoot-compatibility.md).
 */
export const Conversation = z.looseObject({
  id: z.int(),
  account_id: z.optional(z.int()),
  inbox_id: z.int(),
  status: ConversationStatus,
  priority: z.nullish(ConversationPriority),
  unread_count: z.optional(z.int().check(z.nonnegative())),
  labels: z.optional(z.array(z.string())),
  can_reply: z.optional(z.boolean()),
  channel: z.optional(z.string()),
  muted: z.optional(z.boolean()),
  snoozed_until: z.nullish(z.union([z.string(), z.number()])),
  messages: z.optional(z.array(Message)),
  meta: ConversationMeta,
  timestamp: z.optional(z.number()),
  last_activity_at: z.optional(z.number()),
  created_at: z.optional(z.number()),
  updated_at: z.optional(z.number()),
  agent_last_seen_at: z.nullish(z.number()),
  contact_last_seen_at: z.nullish(z.number()),
  /** Unix seconds, 0 when nobody waits (`waiting_since.to_i`); a time in versions that sent it raw. */
  waiting_since: z.nullish(z.union([z.number(), z.string()])),
  /** A time in push data, its integer in the list partial; null or 0 before the first reply. */
  first_reply_created_at: z.nullish(z.union([z.number(), z.string()])),
});
export type Conversation = z.infer<typeof Conversation>;
