/**
 * The one way to name a conversation outside a single store: its account and its per-account
 * display id (the `id` of every payload and `/conversations/{id}` path). Tree rows, chat views,
 * notifications, read marks and every conversation command use it; it is also the argument
 * `chatwoot.openConversation` and the conversation commands take (`{ accountId, conversationId }`).
 * Display ids repeat across accounts and installations: within one signed-in session the
 * account is enough, and what outlives a session (drafts, unsent replies, restored tabs) is also
 * keyed by the installation through `scopeOf`.
 */
export interface ConversationKey {
  readonly accountId: number;
  readonly conversationId: number;
}

export function conversationKey(accountId: number, conversationId: number): ConversationKey {
  return { accountId, conversationId };
}

/** `<account id>/<display id>`, for maps and sets. */
export function keyString(key: ConversationKey): string {
  return `${key.accountId}/${key.conversationId}`;
}

export function isSameConversation(a: ConversationKey | undefined, b: ConversationKey | undefined): boolean {
  return a !== undefined && b !== undefined && a.accountId === b.accountId && a.conversationId === b.conversationId;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * Reads a command argument: a key (or anything carrying one, such as a tree node), or a bare
 * display id meaning `currentAccountId`. Undefined for anything else, so a malformed argument from
 * a keybinding or another extension is refused rather than guessed at.
 */
export function toConversationKey(arg: unknown, currentAccountId: number | undefined): ConversationKey | undefined {
  if (isId(arg)) return currentAccountId === undefined ? undefined : conversationKey(currentAccountId, arg);
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as { accountId?: unknown; conversationId?: unknown };
  if (!isId(o.conversationId)) return undefined;
  const accountId = o.accountId === undefined ? currentAccountId : o.accountId;
  return isId(accountId) ? conversationKey(accountId, o.conversationId) : undefined;
}

/** An installation and account as one string, `<base URL>#<account id>`. */
export function scopeOf(account: { readonly baseUrl: string; readonly accountId: number }): string {
  return `${account.baseUrl}#${account.accountId}`;
}

/** `<base URL>#<account id>/<display id>`: what is persisted per conversation (drafts, the outbox). */
export function scopedKeyString(scope: string, key: ConversationKey): string {
  return `${scope}/${key.conversationId}`;
}
