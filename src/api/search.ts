import * as z from 'zod/mini';
import { ApiClient } from './client';
import { accountPath } from './paths';

// Chatwoot's global search (`GET …/search/{messages,conversations,contacts}?q=&page=`): one
// endpoint per kind, 15 results a page, only in the inboxes the agent belongs to (all of them for
// an administrator). Chatwoot: app/controllers/api/v1/accounts/search_controller.rb,
// app/services/search_service.rb, app/views/api/v1/accounts/search/*.json.jbuilder.
// A partial rendered for nothing is `{}`, so every field of a nested object is optional.

/** `_inbox.json.jbuilder`. */
const SearchInbox = z.looseObject({ id: z.optional(z.int()), name: z.nullish(z.string()), channel_type: z.nullish(z.string()) });

/** `_contact.json.jbuilder`. */
export const SearchContact = z.looseObject({
  id: z.int(),
  name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phone_number: z.nullish(z.string()),
  identifier: z.nullish(z.string()),
  last_activity_at: z.nullish(z.number()),
});
export type SearchContact = z.infer<typeof SearchContact>;

/**
 * `_message.json.jbuilder`: the integer message_type (no `private` flag, so a note looks like any
 * outgoing message), the conversation's display id, the sender's push data when there is one.
 */
export const SearchMessage = z.looseObject({
  id: z.int(),
  content: z.nullish(z.string()),
  message_type: z.int(),
  conversation_id: z.nullish(z.int()),
  created_at: z.number(),
  sender: z.nullish(z.looseObject({ id: z.optional(z.int()), name: z.nullish(z.string()), available_name: z.nullish(z.string()), type: z.nullish(z.string()) })),
  inbox: z.nullish(SearchInbox),
});
export type SearchMessage = z.infer<typeof SearchMessage>;

/**
 * `_conversation_search_result.json.jbuilder`: the display id, its first message, contact, inbox
 * and assignee. No status: open it through `GET …/conversations/{id}` before showing it.
 */
export const SearchConversation = z.looseObject({
  id: z.int(),
  created_at: z.optional(z.number()),
  message: z.nullish(z.looseObject({ id: z.optional(z.int()), content: z.nullish(z.string()) })),
  contact: z.nullish(z.looseObject({ id: z.optional(z.int()), name: z.nullish(z.string()), email: z.nullish(z.string()), phone_number: z.nullish(z.string()), identifier: z.nullish(z.string()) })),
  inbox: z.nullish(SearchInbox),
  agent: z.nullish(z.looseObject({ id: z.optional(z.int()), name: z.nullish(z.string()), available_name: z.nullish(z.string()) })),
});
export type SearchConversation = z.infer<typeof SearchConversation>;

const MessagesResponse = z.looseObject({ payload: z.looseObject({ messages: z.array(SearchMessage) }) });
const ConversationsResponse = z.looseObject({ payload: z.looseObject({ conversations: z.array(SearchConversation) }) });
const ContactsResponse = z.looseObject({ payload: z.looseObject({ contacts: z.array(SearchContact) }) });

export interface SearchOptions {
  readonly page?: number;
  readonly signal?: AbortSignal;
}

/** Messages whose content contains `q` (last three months, newest first; private notes included). */
export async function searchMessages(client: ApiClient, accountId: number, q: string, options: SearchOptions = {}): Promise<SearchMessage[]> {
  const response = await client.request({ method: 'GET', path: accountPath(accountId, '/search/messages'), query: { q, page: options.page ?? 1 }, schema: MessagesResponse, signal: options.signal });
  return response.payload.messages;
}

/** Conversations whose number, or whose contact's name, e-mail, phone or identifier, contains `q` (newest first). */
export async function searchConversationsByContact(client: ApiClient, accountId: number, q: string, options: SearchOptions = {}): Promise<SearchConversation[]> {
  const response = await client.request({ method: 'GET', path: accountPath(accountId, '/search/conversations'), query: { q, page: options.page ?? 1 }, schema: ConversationsResponse, signal: options.signal });
  return response.payload.conversations;
}

/** Contacts whose name, e-mail, phone or identifier contains `q` (most recently active first). */
export async function searchContactsGlobally(client: ApiClient, accountId: number, q: string, options: SearchOptions = {}): Promise<SearchContact[]> {
  const response = await client.request({ method: 'GET', path: accountPath(accountId, '/search/contacts'), query: { q, page: options.page ?? 1 }, schema: ContactsResponse, signal: options.signal });
  return response.payload.contacts;
}
