import * as z from 'zod/mini';
import { Macro } from '../model/macro';
import { AnyBody, ApiClient } from './client';
import { accountPath } from './paths';

/**
 * The macros the agent may run: their own private ones and the account's global ones
 * (Chatwoot: app/controllers/api/v1/accounts/macros_controller.rb `index` → `Macro.with_visibility`;
 * the list is wrapped in `payload`, app/views/api/v1/accounts/macros/index.json.jbuilder).
 */
export async function listMacros(client: ApiClient, accountId: number): Promise<Macro[]> {
  const response = await client.request({ method: 'GET', path: accountPath(accountId, '/macros'), schema: z.object({ payload: z.array(Macro) }) });
  return response.payload;
}

/**
 * Runs a macro on conversations, by display id. Chatwoot answers `head :ok` at once and applies
 * the actions in a background job (app/jobs/macros_execution_job.rb looks conversations up by
 * `display_id`); the changes then arrive as ordinary events.
 */
export async function executeMacro(client: ApiClient, accountId: number, macroId: number, conversationIds: readonly number[]): Promise<void> {
  await client.request({ method: 'POST', path: accountPath(accountId, `/macros/${macroId}/execute`), body: { conversation_ids: conversationIds }, schema: AnyBody });
}
