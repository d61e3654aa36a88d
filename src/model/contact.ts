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
