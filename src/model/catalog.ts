import { z } from 'zod';
import { Availability } from './user';

/**
 * The account's reference data the conversation list names things with (docs/chatwoot-rest.md §10–11): inboxes
 * (name, channel icon), agents (assignee names, the "Assign to…" picker), teams and labels. All
 * loose: installations and forks add fields, and only ids and names are relied on.
 */
export const Inbox = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  channel_type: z.string().nullish(),
});
export type Inbox = z.infer<typeof Inbox>;

/** `api/v1/models/_agent.json.jbuilder`. */
export const Agent = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  available_name: z.string().nullish(),
  email: z.string().nullish(),
  role: z.string().nullish(),
  availability_status: Availability.nullish(),
});
export type Agent = z.infer<typeof Agent>;

export const Team = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullish(),
});
export type Team = z.infer<typeof Team>;

export const Label = z.looseObject({
  id: z.number().int(),
  title: z.string(),
  color: z.string().nullish(),
  description: z.string().nullish(),
});
export type Label = z.infer<typeof Label>;
