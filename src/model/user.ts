import * as z from 'zod/mini';

/** What an agent chose for themselves in an account, and what others see (docs/chatwoot-events.md §5). */
export const Availability = z.enum(['online', 'busy', 'offline']);
export type Availability = z.infer<typeof Availability>;

/**
 * An agent as push payloads embed it (`meta.assignee`, a message's `sender`, typing's `user`).
 * Loose: installations and forks add fields, and the client only relies on id and name.
 */
export const UserSummary = z.looseObject({
  id: z.int(),
  name: z.string(),
  available_name: z.nullish(z.string()),
  avatar_url: z.nullish(z.string()),
  thumbnail: z.nullish(z.string()),
  type: z.optional(z.string()),
  availability_status: z.nullish(Availability),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** A team as `meta.team` carries it. */
export const TeamSummary = z.looseObject({
  id: z.int(),
  name: z.string(),
});
export type TeamSummary = z.infer<typeof TeamSummary>;
