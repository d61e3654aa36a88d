/** Account-scoped path prefix (docs/chatwoot-rest.md §0). Ids are numbers, so nothing here needs escaping. */
export function accountPath(accountId: number, rest: string): string {
  return `/api/v1/accounts/${accountId}${rest}`;
}

/** Conversation paths take the per-account display id (the `id` every payload calls it). */
export function conversationPath(accountId: number, conversationId: number, rest = ''): string {
  return accountPath(accountId, `/conversations/${conversationId}${rest}`);
}
