import * as z from 'zod/mini';
import { ApiClient } from './client';
import { accountPath } from './paths';

/**
 * A message of a search hit: only the messages whose content matched are sent (Chatwoot's finder
 * eager-loads them under the same condition), with the integer `message_type` and no `private`
 * flag, so a private note looks like any outgoing message here.
 */
export const SearchHitMessage = z.looseObject({
  id: z.int(),
  content: z.nullish(z.string()),
  message_type: z.int(),
  created_at: z.number(),
  sender_name: z.nullish(z.string()),
});
export type SearchHitMessage = z.infer<typeof SearchHitMessage>;

/**
 * One conversation as `conversations/search` renders it (Chatwoot
 * `app/views/api/v1/models/_conversation.json.jbuilder`): cut down to the display id, contact,
 * inbox and matching messages. No status, inbox_id or meta: open it through `GET
 * …/conversations/{id}` before showing it anywhere. `uuid` exists only in later builds.
 */
export const ConversationSearchHit = z.looseObject({
  id: z.int(),
  uuid: z.optional(z.string()),
  created_at: z.optional(z.number()),
  account_id: z.optional(z.int()),
  contact: z.looseObject({ id: z.int(), name: z.nullish(z.string()) }),
  inbox: z.looseObject({ id: z.int(), name: z.nullish(z.string()), channel_type: z.nullish(z.string()) }),
  messages: z.array(SearchHitMessage),
});
export type ConversationSearchHit = z.infer<typeof ConversationSearchHit>;

/** A top-level `{ meta, payload }`, unlike the list's `{ data: { meta, payload } }`. */
const SearchResponse = z.object({
  meta: z.optional(z.looseObject({})),
  payload: z.array(ConversationSearchHit),
});

/** Chatwoot's page size for this finder (`CONVERSATION_RESULTS_PER_PAGE`, default 25). */
export const SEARCH_PAGE_SIZE = 25;

/**
 * `GET …/conversations/search?q=`: conversations of every status with a message whose content
 * contains `q` (case-insensitive; incoming and outgoing, private notes included; never the
 * contact's name, e-mail or phone), newest activity first, 25 a page. Chatwoot
 * `conversations_controller.rb#search`, `app/finders/conversation_finder.rb`.
 */
export async function searchConversations(
  client: ApiClient,
  accountId: number,
  q: string,
  options: { readonly page?: number; readonly signal?: AbortSignal } = {},
): Promise<ConversationSearchHit[]> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/conversations/search'),
    query: { q, page: options.page ?? 1 },
    schema: SearchResponse,
    signal: options.signal,
  });
  return response.payload;
}
