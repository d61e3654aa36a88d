import * as z from 'zod/mini';
import { Message } from '../model/message';
import { ApiClient } from './client';
import { conversationPath } from './paths';

/** Not wrapped in `data`, unlike the conversation list (docs/chatwoot-rest.md §3). */
const MessageListResponse = z.object({
  meta: z.optional(z.looseObject({})),
  payload: z.array(Message),
});
export type MessageList = z.infer<typeof MessageListResponse>;

export interface MessagePage {
  /** Older page: up to 20 messages with id < before. */
  readonly before?: number;
  /** Catch-up after a reconnect: up to 100 messages with id > after; loop while a full page comes back. */
  readonly after?: number;
}

/** Messages, oldest first. No cursor gives the latest 20. */
export function listMessages(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  page: MessagePage = {},
): Promise<MessageList> {
  return client.request({
    method: 'GET',
    path: conversationPath(accountId, conversationId, '/messages'),
    query: { before: page.before, after: page.after },
    schema: MessageListResponse,
  });
}

export interface NewMessage {
  readonly content: string;
  /** A private note: never delivered to the contact. */
  readonly private?: boolean;
  /**
   * A client-generated id echoed in the response and in the `message.created` event, so the
   * optimistic bubble is replaced rather than duplicated.
   */
  readonly echoId?: string;
  /** Quotes that message (Chatwoot: app/builders/messages/message_builder.rb reads `content_attributes.in_reply_to`). */
  readonly inReplyTo?: number;
  /**
   * E-mail inboxes: comma-separated addresses, as the dashboard sends them; Chatwoot ignores them
   * elsewhere (message_builder.rb `process_emails`).
   */
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

export function createMessage(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  message: NewMessage,
): Promise<Message> {
  return client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/messages'),
    body: {
      content: message.content,
      private: message.private ?? false,
      message_type: 'outgoing',
      ...(message.echoId === undefined ? {} : { echo_id: message.echoId }),
      ...(message.inReplyTo === undefined ? {} : { content_attributes: { in_reply_to: message.inReplyTo } }),
      ...(message.ccEmails ? { cc_emails: message.ccEmails } : {}),
      ...(message.bccEmails ? { bcc_emails: message.bccEmails } : {}),
    },
    schema: Message,
  });
}
