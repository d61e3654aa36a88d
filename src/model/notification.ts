import { z } from 'zod';

/**
 * An in-app notification (docs/chatwoot-events.md §3, docs/chatwoot-rest.md §8). `notification_type` stays a string because
 * forks add their own types; show unknown ones generically. `primary_actor` is the conversation's
 * push data in current versions but only `{id, meta, inbox_id}` in older ones, so only its display
 * id is required. `push_message_title` holds the body text despite its name.
 */
export const Notification = z.looseObject({
  id: z.number().int(),
  notification_type: z.string(),
  primary_actor_type: z.string().nullish(),
  primary_actor_id: z.number().int().nullish(),
  primary_actor: z.looseObject({ id: z.number().int() }).nullish(),
  secondary_actor: z.unknown().optional(),
  push_message_title: z.string().nullish(),
  read_at: z.union([z.string(), z.number()]).nullish(),
  snoozed_until: z.union([z.string(), z.number()]).nullish(),
  created_at: z.number(),
  last_activity_at: z.number().nullish(),
  account_id: z.number().int().optional(),
});
export type Notification = z.infer<typeof Notification>;

/** The one field `notification.deleted` is guaranteed to carry. */
export const NotificationRef = z.looseObject({ id: z.number().int() });
export type NotificationRef = z.infer<typeof NotificationRef>;
