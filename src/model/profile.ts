import { z } from 'zod';
import { Availability } from './user';

export const ProfileAccount = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.string().nullish(),
  availability: Availability.nullish(),
  availability_status: Availability.nullish(),
  auto_offline: z.boolean().nullish(),
});
export type ProfileAccount = z.infer<typeof ProfileAccount>;

/**
 * `GET /api/v1/profile` (docs/chatwoot-rest.md §1). Unlike the push payloads this schema *strips* unknown keys:
 * the response also carries `access_token`, the user's API token, and a parsed profile travels
 * further (state, views, logs) than the raw body should. `pubsub_token` is kept because the cable
 * needs it, and whoever fetches it registers it with the Redactor.
 */
export const Profile = z.object({
  id: z.number().int(),
  name: z.string(),
  available_name: z.string().nullish(),
  display_name: z.string().nullish(),
  email: z.string().nullish(),
  avatar_url: z.string().nullish(),
  account_id: z.number().int().nullish(),
  role: z.string().nullish(),
  pubsub_token: z.string().min(1),
  accounts: z.array(ProfileAccount),
});
export type Profile = z.infer<typeof Profile>;
