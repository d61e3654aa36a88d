import { retryMessage } from '../api/cannedResponses';
import { ApiClient } from '../api/client';
import { toggleTyping } from '../api/conversations';
import { createMessage, listMessages, MessagePage } from '../api/messages';
import type { UploadFile } from '../api/multipart';
import { Message } from '../model/message';
import type { WireCannedResponse } from '../protocol/chatProtocol';

/** One reply or note as the chat sends it; the optional parts are the composer's extras. */
export interface SendRequest {
  readonly content: string;
  readonly private: boolean;
  readonly echoId: string;
  readonly inReplyTo?: number;
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

/**
 * What a chat needs of the server beyond the conversation itself (which the conversation store
 * holds): its messages, sending, typing, canned responses. The REST implementation below in the
 * extension, an independent in-memory fake in unit tests.
 */
export interface ChatBackend {
  /**
   * Messages, oldest first (Chatwoot: app/finders/message_finder.rb): the latest 20 with no
   * cursor, up to 20 older than `before`, or up to 100 newer than `after`.
   */
  messages(conversationId: number, page?: MessagePage): Promise<readonly Message[]>;
  /** `POST …/messages` (multipart with `files`); the answer carries the echo id. */
  send(conversationId: number, message: OutgoingMessage): Promise<Message>;
  /** `POST …/messages/{id}/retry`: a message the channel failed to deliver. */
  retryMessage(conversationId: number, messageId: number): Promise<void>;
  typing(conversationId: number, on: boolean, isPrivate: boolean): Promise<void>;
  cannedResponses(): Promise<readonly WireCannedResponse[]>;
}

/** A SendRequest as it goes to the server, with the files it carries. */
export interface OutgoingMessage extends SendRequest {
  readonly files?: readonly UploadFile[];
  /** Bytes of the upload handed to the network so far. */
  readonly onProgress?: (sent: number, total: number) => void;
}

/** The chat backend over Chatwoot's REST API for one account; canned responses come from a shared cache. */
export function restChatBackend(api: ApiClient, accountId: number, cannedResponses: () => Promise<readonly WireCannedResponse[]>): ChatBackend {
  return {
    messages: async (id, page) => (await listMessages(api, accountId, id, page)).payload,
    send: (id, m) =>
      createMessage(api, accountId, id, { content: m.content, private: m.private, echoId: m.echoId, inReplyTo: m.inReplyTo, ccEmails: m.ccEmails, bccEmails: m.bccEmails, files: m.files, onProgress: m.onProgress }),
    retryMessage: async (id, messageId) => {
      await retryMessage(api, accountId, id, messageId);
    },
    typing: (id, on, isPrivate) => toggleTyping(api, accountId, id, on, isPrivate),
    cannedResponses,
  };
}
