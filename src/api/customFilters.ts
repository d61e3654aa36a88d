import * as z from 'zod/mini';
import { Conversation } from '../model/conversation';
import { ApiClient } from './client';
import { ConversationCounts } from './conversations';
import { accountPath } from './paths';

/**
 * A saved view (custom filter): its conditions are the advanced filter's payload, kept as the
 * server sent them and sent back unchanged. Chatwoot: app/views/api/v1/models/_custom_filter.json.jbuilder
 */
export const CustomFilter = z.looseObject({
  id: z.int(),
  name: z.string(),
  filter_type: z.optional(z.string()),
  query: z.looseObject({ payload: z.array(z.unknown()) }),
});
export type CustomFilter = z.infer<typeof CustomFilter>;

/**
 * The signed-in user's saved conversation views. Chatwoot: custom_filters_controller.rb#index
 * (the user's own, of `filter_type`), index.json.jbuilder (a bare array).
 */
export function listCustomFilters(client: ApiClient, accountId: number): Promise<CustomFilter[]> {
  return client.request({
    method: 'GET',
    path: accountPath(accountId, '/custom_filters'),
    query: { filter_type: 'conversation' },
    schema: z.array(CustomFilter),
  });
}

const FilterResponse = z.object({ meta: ConversationCounts, payload: z.array(Conversation) });
export type FilteredConversations = z.infer<typeof FilterResponse>;

/**
 * Runs a saved view's conditions: `{ meta: counts, payload }`, no `data` wrapper, 25 a page,
 * by last activity whatever `sort_by` says. Chatwoot: conversations_controller.rb#filter,
 * conversations/filter.json.jbuilder, app/services/conversations/filter_service.rb
 */
export function filterConversations(client: ApiClient, accountId: number, payload: readonly unknown[], page: number): Promise<FilteredConversations> {
  return client.request({
    method: 'POST',
    path: accountPath(accountId, '/conversations/filter'),
    body: { payload, page },
    schema: FilterResponse,
  });
}
