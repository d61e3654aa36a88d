import * as z from 'zod/mini';

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
  id: z.int(),
  name: z.nullish(z.string()),
  type: z.optional(z.string()),
  avatar_url: z.nullish(z.string()),
  thumbnail: z.nullish(z.string()),
});
export type MessageSender = z.infer<typeof MessageSender>;

export const Attachment = z.looseObject({
  id: z.int(),
  file_type: z.string(),
  data_url: z.nullish(z.string()),
  thumb_url: z.nullish(z.string()),
  file_size: z.nullish(z.number()),
  extension: z.nullish(z.string()),
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * A message, as the REST list, the create response and the `message.*` events carry it
 * (`Message#push_event_data`). `conversation_id` is the conversation's display id.
 */
export const Message = z.looseObject({
  id: z.int(),
  content: z.nullish(z.string()),
  account_id: z.optional(z.int()),
  inbox_id: z.optional(z.int()),
  conversation_id: z.int(),
  message_type: z.int().check(z.nonnegative()),
  content_type: z.nullish(z.string()),
  content_attributes: z.nullish(z.record(z.string(), z.unknown())),
  created_at: z.number(),
  // ISO string in push data, a number in some list versions.
  updated_at: z.nullish(z.union([z.string(), z.number()])),
  private: z.boolean(),
  status: z.nullish(z.string()),
  source_id: z.nullish(z.string()),
  sender_type: z.nullish(z.string()),
  sender_id: z.nullish(z.int()),
  sender: z.nullish(MessageSender),
  // Present only when the client sent one with the create call; used to replace optimistic bubbles.
  echo_id: z.nullish(z.union([z.string(), z.number()])),
  attachments: z.nullish(z.array(Attachment)),
});
export type Message = z.infer<typeof Message>;
