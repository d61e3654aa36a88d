import { z } from 'zod';

/**
 * A contact (customer) as push payloads and `meta.sender` carry it. `name` may be empty or null on
 * contacts created by channels that know only a phone number or e-mail address.
 */
export const Contact = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
  identifier: z.string().nullish(),
  thumbnail: z.string().nullish(),
  type: z.string().optional(),
  additional_attributes: z.record(z.string(), z.unknown()).nullish(),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
});
export type Contact = z.infer<typeof Contact>;
