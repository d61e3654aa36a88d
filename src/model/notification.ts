import * as z from 'zod/mini';

/**
 * An in-app notification (docs/chatwoot-events.md §3, docs/chatwoot-rest.md §8). `notification_type` stays a string because
 * forks add their own types; show unknown ones generically. `primary_actor` is the conversation's
 * push data in current versions but only `{id, meta, inbox_id}` in older ones, so only its display
 * id is required. `push_message_title` holds the body text despite its name.
 */
export const Notification = z.looseObject({
  id: z.int(),
  notification_type: z.string(),
  primary_actor_type: z.nullish(z.string()),
  primary_actor_id: z.nullish(z.int()),
  primary_actor: z.nullish(z.looseObject({ id: z.int() })),
  secondary_actor: z.optional(z.unknown()),
  push_message_title: z.nullish(z.string()),
  read_at: z.nullish(z.union([z.string(), z.number()])),
  snoozed_until: z.nullish(z.union([z.string(), z.number()])),
  created_at: z.number(),
  last_activity_at: z.nullish(z.number()),
  account_id: z.optional(z.int()),
});
export type Notification = z.infer<typeof Notification>;

/** The one field `notification.deleted` is guaranteed to carry. */
export const NotificationRef = z.looseObject({ id: z.int() });
export type NotificationRef = z.infer<typeof NotificationRef>;
