import * as z from 'zod/mini';
import { Message } from '../model/message';
import { ApiClient } from './client';
import { FormField, multipartBody, newBoundary, UploadFile } from './multipart';
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
  /** Sent as `multipart/form-data`; then `content` may be empty. */
  readonly files?: readonly UploadFile[];
  /** Bytes of the upload handed to the network so far. */
  readonly onProgress?: (sent: number, total: number) => void;
  /**
   * E-mail inboxes: comma-separated addresses, as the dashboard sends them; Chatwoot ignores them
   * elsewhere (message_builder.rb `process_emails`).
   */
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

/** An upload may take this long at the least, plus UPLOAD_MS_PER_MIB per MiB (about 256 kbit/s). */
const UPLOAD_BASE_MS = 20_000;
const UPLOAD_MS_PER_MIB = 32_000;

export function createMessage(
  client: ApiClient,
  accountId: number,
  conversationId: number,
  message: NewMessage,
): Promise<Message> {
  if (message.files?.length) return createMessageWithFiles(client, accountId, conversationId, message, message.files);
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

/**
 * A reply with files, as the dashboard sends one: `multipart/form-data` with `content` (only when
 * there is text), one `attachments[]` per file, `private` and `echo_id`; MessageBuilder reads
 * exactly these and makes each file an attachment (Chatwoot: app/javascript/dashboard/api/inbox/message.js
 * `buildCreatePayload`, app/builders/messages/message_builder.rb `process_attachments`).
 * `message_type` is left out, as there: the builder defaults to outgoing.
 */
function createMessageWithFiles(client: ApiClient, accountId: number, conversationId: number, message: NewMessage, files: readonly UploadFile[]): Promise<Message> {
  const fields: FormField[] = [];
  if (message.content) fields.push(['content', message.content]);
  for (const f of files) fields.push(['attachments[]', f]);
  fields.push(['private', String(message.private ?? false)]);
  if (message.echoId !== undefined) fields.push(['echo_id', message.echoId]);
  // The dashboard sends these as form fields too (buildCreatePayload). The quoted message goes as
  // a bracketed field, which Rails makes a nested hash: MessageBuilder digs `in_reply_to` out of
  // it, and older versions cannot dig into the JSON text the dashboard sends there.
  if (message.ccEmails) fields.push(['cc_emails', message.ccEmails]);
  if (message.bccEmails) fields.push(['bcc_emails', message.bccEmails]);
  if (message.inReplyTo !== undefined) fields.push(['content_attributes[in_reply_to]', String(message.inReplyTo)]);
  const body = multipartBody(fields, newBoundary());
  return client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, '/messages'),
    upload: {
      contentType: body.contentType,
      length: body.length,
      body: () => body.stream(message.onProgress),
      timeoutMs: UPLOAD_BASE_MS + Math.ceil(body.length / (1024 * 1024)) * UPLOAD_MS_PER_MIB,
    },
    schema: Message,
  });
}
