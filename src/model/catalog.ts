import * as z from 'zod/mini';
import { Availability } from './user';

/**
 * The account's reference data the conversation list names things with (docs/chatwoot-rest.md §10–11): inboxes
 * (name, channel icon), agents (assignee names, the "Assign to…" picker), teams and labels. All
 * loose: installations and forks add fields, and only ids and names are relied on.
 */
export const Inbox = z.looseObject({
  id: z.int(),
  name: z.string(),
  channel_type: z.nullish(z.string()),
});
export type Inbox = z.infer<typeof Inbox>;

/** `api/v1/models/_agent.json.jbuilder`. */
export const Agent = z.looseObject({
  id: z.int(),
  name: z.string(),
  available_name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  role: z.nullish(z.string()),
  availability_status: z.nullish(Availability),
});
export type Agent = z.infer<typeof Agent>;

export const Team = z.looseObject({
  id: z.int(),
  name: z.string(),
  description: z.nullish(z.string()),
});
export type Team = z.infer<typeof Team>;

export const Label = z.looseObject({
  id: z.int(),
  title: z.string(),
  color: z.nullish(z.string()),
  description: z.nullish(z.string()),
});
export type Label = z.infer<typeof Label>;
