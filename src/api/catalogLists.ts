import * as z from 'zod/mini';
import { Agent, Inbox, Label, Team } from '../model/catalog';
import { ApiClient } from './client';
import { accountPath } from './paths';

/** Reference data for names and icons (docs/chatwoot-rest.md §10–11). Agents see only the inboxes they belong to. */
export async function listInboxes(client: ApiClient, accountId: number): Promise<Inbox[]> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/inboxes'),
    schema: z.object({ payload: z.array(Inbox) }),
  });
  return response.payload;
}

/** A bare array, unlike most lists. */
export function listAgents(client: ApiClient, accountId: number): Promise<Agent[]> {
  return client.request({ method: 'GET', path: accountPath(accountId, '/agents'), schema: z.array(Agent) });
}

/** Who may take conversations of these inboxes: the "Assign to…" picker (docs/chatwoot-rest.md §5). */
export async function listAssignableAgents(client: ApiClient, accountId: number, inboxIds: readonly number[]): Promise<Agent[]> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/assignable_agents'),
    query: { inbox_ids: inboxIds },
    schema: z.object({ payload: z.array(Agent) }),
  });
  return response.payload;
}

export function listTeams(client: ApiClient, accountId: number): Promise<Team[]> {
  return client.request({ method: 'GET', path: accountPath(accountId, '/teams'), schema: z.array(Team) });
}

export async function listLabels(client: ApiClient, accountId: number): Promise<Label[]> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/labels'),
    schema: z.object({ payload: z.array(Label) }),
  });
  return response.payload;
}
