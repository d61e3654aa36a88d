import * as z from 'zod/mini';
import { UserSummary } from '../model/user';
import { ApiClient } from './client';
import { conversationPath } from './paths';

/**
 * `GET …/conversations/{id}/participants`: the agents taking part in a conversation, as a bare
 * array of the agent partial. Chatwoot: conversations/participants_controller.rb (`show`),
 * app/views/api/v1/accounts/conversations/participants/show.json.jbuilder.
 */
export function listParticipants(client: ApiClient, accountId: number, conversationId: number, options: { readonly signal?: AbortSignal } = {}): Promise<UserSummary[]> {
  return client.request({ method: 'GET', path: conversationPath(accountId, conversationId, '/participants'), schema: z.array(UserSummary), signal: options.signal });
}
