import * as z from 'zod/mini';

/**
 * A contact (customer) as push payloads and `meta.sender` carry it. `name` may be empty or null on
 * contacts created by channels that know only a phone number or e-mail address.
 */
export const Contact = z.looseObject({
  id: z.int(),
  name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phone_number: z.nullish(z.string()),
  identifier: z.nullish(z.string()),
  thumbnail: z.nullish(z.string()),
  type: z.optional(z.string()),
  additional_attributes: z.nullish(z.record(z.string(), z.unknown())),
  custom_attributes: z.nullish(z.record(z.string(), z.unknown())),
});
export type Contact = z.infer<typeof Contact>;

/**
 * A contact as `GET …/contacts/{id}` returns it (the REST partial: push fields plus presence and
 * times). Chatwoot: app/views/api/v1/models/_contact.json.jbuilder.
 */
export const ContactDetails = z.extend(Contact, {
  availability_status: z.nullish(z.string()),
  created_at: z.nullish(z.number()),
  last_activity_at: z.nullish(z.number()),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

/**
 * A note agents keep on a contact: plain text, with its author (absent once the agent is deleted).
 * Times are Unix seconds. Chatwoot: app/views/api/v1/models/_note.json.jbuilder.
 */
export const ContactNote = z.looseObject({
  id: z.int(),
  content: z.string(),
  created_at: z.number(),
  user: z.nullish(z.looseObject({ id: z.int(), name: z.string(), available_name: z.nullish(z.string()) })),
});
export type ContactNote = z.infer<typeof ContactNote>;
