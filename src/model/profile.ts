import * as z from 'zod/mini';
import { Availability } from './user';

export const ProfileAccount = z.object({
  id: z.int(),
  name: z.string(),
  role: z.nullish(z.string()),
  availability: z.nullish(Availability),
  availability_status: z.nullish(Availability),
  auto_offline: z.nullish(z.boolean()),
});
export type ProfileAccount = z.infer<typeof ProfileAccount>;

/**
 * `GET /api/v1/profile` (docs/chatwoot-rest.md §1). Unlike the push payloads this schema *strips* unknown keys:
 * the response also carries `access_token`, the user's API token, and a parsed profile travels
 * further (state, views, logs) than the raw body should. `pubsub_token` is kept because the cable
 * needs it, and whoever fetches it registers it with the Redactor.
 */
export const Profile = z.object({
  id: z.int(),
  name: z.string(),
  available_name: z.nullish(z.string()),
  display_name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  avatar_url: z.nullish(z.string()),
  /** Appended to replies when `chatwoot.chat.appendSignature` is on (Chatwoot: api/v1/models/_user.json.jbuilder). */
  message_signature: z.nullish(z.string()),
  account_id: z.nullish(z.int()),
  role: z.nullish(z.string()),
  pubsub_token: z.string().check(z.minLength(1)),
  accounts: z.array(ProfileAccount),
});
export type Profile = z.infer<typeof Profile>;
