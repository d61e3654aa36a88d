import { z } from 'zod';
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
  assignee: UserSummary.nullish(),
  /**
   * Who `assignee` is: `User` or `AgentBot` (`Captain::Assistant` in enterprise builds). 4.x sends
   * it (`Conversations::EventDataPresenter#push_meta`: null when unassigned; the REST partial
   * `api/v1/conversations/partials/_conversation.json.jbuilder` only beside an assignee); 3.x,
   * which has no bot assignees, never does. A string: an unknown value must not drop the payload.
   */
  assignee_type: z.string().nullish(),
  team: TeamSummary.nullish(),
  channel: z.string().optional(),
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
  id: z.number().int(),
  account_id: z.number().int().optional(),
  inbox_id: z.number().int(),
  status: ConversationStatus,
  priority: ConversationPriority.nullish(),
  unread_count: z.number().int().nonnegative().optional(),
  labels: z.array(z.string()).optional(),
  can_reply: z.boolean().optional(),
  channel: z.string().optional(),
  muted: z.boolean().optional(),
  snoozed_until: z.union([z.string(), z.number()]).nullish(),
  messages: z.array(Message).optional(),
  meta: ConversationMeta,
  timestamp: z.number().optional(),
  last_activity_at: z.number().optional(),
  created_at: z.number().optional(),
  updated_at: z.number().optional(),
  agent_last_seen_at: z.number().nullish(),
  contact_last_seen_at: z.number().nullish(),
});
export type Conversation = z.infer<typeof Conversation>;
