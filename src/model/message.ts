import { z } from 'zod';

/** `message_type` is an integer on the wire (docs/chatwoot-rest.md §3). */
export const MessageType = {
  incoming: 0,
  outgoing: 1,
  activity: 2,
  template: 3,
} as const;

/**
 * Whoever sent a message: an agent, a contact, a bot. Only what the chat view shows is required;
 * `type` tells a user from a contact.
 */
export const MessageSender = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  type: z.string().optional(),
  avatar_url: z.string().nullish(),
  thumbnail: z.string().nullish(),
});
export type MessageSender = z.infer<typeof MessageSender>;

export const Attachment = z.looseObject({
  id: z.number().int(),
  file_type: z.string(),
  data_url: z.string().nullish(),
  thumb_url: z.string().nullish(),
  file_size: z.number().nullish(),
  extension: z.string().nullish(),
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * A message, as the REST list, the create response and the `message.*` events carry it
 * (`Message#push_event_data`). `conversation_id` is the conversation's display id.
 */
export const Message = z.looseObject({
  id: z.number().int(),
  content: z.string().nullish(),
  account_id: z.number().int().optional(),
  inbox_id: z.number().int().optional(),
  conversation_id: z.number().int(),
  message_type: z.number().int().nonnegative(),
  content_type: z.string().nullish(),
  content_attributes: z.record(z.string(), z.unknown()).nullish(),
  created_at: z.number(),
  // ISO string in push data, a number in some list versions.
  updated_at: z.union([z.string(), z.number()]).nullish(),
  private: z.boolean(),
  status: z.string().nullish(),
  source_id: z.string().nullish(),
  sender_type: z.string().nullish(),
  sender_id: z.number().int().nullish(),
  sender: MessageSender.nullish(),
  // Present only when the client sent one with the create call; used to replace optimistic bubbles.
  echo_id: z.union([z.string(), z.number()]).nullish(),
  attachments: z.array(Attachment).nullish(),
});
export type Message = z.infer<typeof Message>;
