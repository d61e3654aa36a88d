import { z } from 'zod';
import { Conversation } from '../model/conversation';
import { ApiClient } from './client';
import { accountPath } from './paths';

const SearchResponse = z.object({
  data: z.object({ payload: z.array(Conversation) }),
});

/**
 * `GET …/conversations/search?q=`: the list envelope, matching contact name, e-mail, phone and
 * message text across every status (API.md §2). One page; Go to Conversation needs no more.
 */
export async function searchConversations(client: ApiClient, accountId: number, q: string, page = 1): Promise<Conversation[]> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/conversations/search'),
    query: { q, page },
    schema: SearchResponse,
  });
  return response.data.payload;
}
