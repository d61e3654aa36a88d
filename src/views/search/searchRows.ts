import * as l10n from '@vscode/l10n';
import type { QueryOutcome } from '../../common/liveQuery';
import type { SearchContact, SearchConversation, SearchMessage } from '../../api/search';
import { failureNotices, SectionRow } from '../quickPickRows';
import { snippet } from '../tree/search';

/** What `Chatwoot: Search…` asks the server, one search per kind. */
export interface GlobalResults {
  readonly messages: readonly SearchMessage[];
  readonly conversations: readonly SearchConversation[];
  readonly contacts: readonly SearchContact[];
}

/** One line of the quick pick, free of `vscode` so it is tested in plain Node. */
export type SearchRow =
  | SectionRow
  | { readonly kind: 'message'; readonly conversationId: number; readonly messageId: number; readonly label: string; readonly description: string; readonly detail?: string }
  | { readonly kind: 'conversation'; readonly conversationId: number; readonly label: string; readonly description: string; readonly detail?: string }
  | { readonly kind: 'contact'; readonly contactId: number; readonly name: string; readonly label: string; readonly description: string };

/** The separators' labels (getters: translated when read, not at load). */
export const SEARCH_SECTIONS = {
  get messages(): string {
    return l10n.t({ message: 'messages', comment: 'a section of search results' });
  },
  get conversations(): string {
    return l10n.t({ message: 'conversations', comment: 'a section of search results' });
  },
  get contacts(): string {
    return l10n.t({ message: 'contacts', comment: 'a section of search results' });
  },
};

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const join = (...parts: Array<string | null | undefined | false>): string => parts.filter((p): p is string => Boolean(p)).join(' · ');

/** What a conversation was found by: its number, or the contact's field that contains the query. */
export function conversationMatch(c: SearchConversation, query: string): string | undefined {
  const q = query.trim().toLowerCase();
  if (String(c.id).includes(q.replace(/^#/, ''))) return `#${c.id}`;
  const contact = c.contact;
  return [contact?.name, contact?.email, contact?.phone_number, contact?.identifier].find((f): f is string => typeof f === 'string' && f.toLowerCase().includes(q));
}

function messageRow(m: SearchMessage & { conversation_id: number }, query: string): SearchRow {
  const text = collapse(m.content ?? '');
  const sender = m.sender?.available_name || m.sender?.name;
  return {
    kind: 'message',
    conversationId: m.conversation_id,
    messageId: m.id,
    label: `$(comment) ${text ? snippet(text, query) : l10n.t('(no text)')}`,
    // VS Code drops separators while the agent types, so each row also says what it is and where.
    description: join(l10n.t('message in #{0}', m.conversation_id), sender, m.inbox?.name),
  };
}

function conversationRow(c: SearchConversation, query: string): SearchRow {
  const matched = conversationMatch(c, query);
  const first = collapse(c.message?.content ?? '');
  return {
    kind: 'conversation',
    conversationId: c.id,
    label: `$(comment-discussion) ${c.contact?.name?.trim() || l10n.t('Conversation #{0}', c.id)}`,
    description: join(
      l10n.t({ message: 'conversation #{0}', args: [c.id], comment: 'says what a search result is' }),
      matched && matched !== `#${c.id}` && matched !== c.contact?.name ? matched : undefined,
      c.inbox?.name,
      c.agent && (c.agent.available_name || c.agent.name) ? l10n.t('assigned to {0}', c.agent.available_name || c.agent.name || '') : undefined,
    ),
    detail: first ? snippet(first, '', 100) : undefined,
  };
}

function contactRow(c: SearchContact): SearchRow {
  const name = c.name?.trim() || c.email || c.phone_number || c.identifier || l10n.t('Contact #{0}', c.id);
  return {
    kind: 'contact',
    contactId: c.id,
    name,
    label: `$(person) ${name}`,
    description: join(l10n.t({ message: 'contact', comment: 'says what a search result is' }), c.email, c.phone_number, !c.email && !c.phone_number ? c.identifier : undefined),
  };
}

/**
 * The rows for what the agent typed: each kind under its separator (messages: the excerpt around
 * the match and the conversation it is in; conversations: the contact and what matched; contacts),
 * then a notice per failed search, or one saying nothing matched once every search answered.
 * Results of another query than the one typed are not shown.
 */
export function searchRows(outcome: QueryOutcome<GlobalResults> | undefined, value: string): SearchRow[] {
  const query = value.trim();
  const result = outcome && outcome.query === query ? outcome : undefined;
  if (!result) return [];
  const rows: SearchRow[] = failureNotices(result.failures);
  const messages = (result.results.messages ?? []).filter((m): m is SearchMessage & { conversation_id: number } => typeof m.conversation_id === 'number');
  const conversations = result.results.conversations ?? [];
  const contacts = result.results.contacts ?? [];
  if (messages.length) rows.push({ kind: 'separator', label: SEARCH_SECTIONS.messages }, ...messages.map((m) => messageRow(m, query)));
  if (conversations.length) rows.push({ kind: 'separator', label: SEARCH_SECTIONS.conversations }, ...conversations.map((c) => conversationRow(c, query)));
  if (contacts.length) rows.push({ kind: 'separator', label: SEARCH_SECTIONS.contacts }, ...contacts.map(contactRow));
  const busy = Object.values<boolean>(result.pending).some((p) => p);
  if (!busy && rows.length === 0) {
    rows.push({ kind: 'notice', label: l10n.t('No matches'), detail: l10n.t('Nothing in the last three months\' messages, the conversations or the contacts contains "{0}".', query) });
  }
  return rows;
}
