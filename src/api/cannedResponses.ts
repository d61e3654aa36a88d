import * as z from 'zod/mini';
import { ApiClient } from './client';
import { accountPath, conversationPath } from './paths';
import { AnyBody } from './client';

export const CannedResponse = z.looseObject({
  id: z.int(),
  short_code: z.string(),
  content: z.string(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

/** `GET …/canned_responses[?search=]`: a bare array (docs/chatwoot-rest.md §9). */
export function listCannedResponses(client: ApiClient, accountId: number, search?: string): Promise<CannedResponse[]> {
  return client.request({
    method: 'GET',
    path: accountPath(accountId, '/canned_responses'),
    query: { search },
    schema: z.array(CannedResponse),
  });
}

/** Asks Chatwoot to deliver a message the channel reported as `failed` again. */
export async function retryMessage(client: ApiClient, accountId: number, conversationId: number, messageId: number): Promise<void> {
  await client.request({
    method: 'POST',
    path: conversationPath(accountId, conversationId, `/messages/${messageId}/retry`),
    schema: AnyBody,
  });
}
