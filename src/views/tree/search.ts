import * as l10n from '@vscode/l10n';
import { ConversationSearchHit, SearchHitMessage } from '../../api/conversationSearch';
import { byActivity } from '../../conversations/filters';
import { ConversationRecord, toConversationRecord } from '../../conversations/records';
import { ConversationStore } from '../../conversations/store';
import { Contact } from '../../model/contact';
import { Conversation } from '../../model/conversation';
import { failureNotices, SectionRow } from '../quickPickRows';
import { contactName, messagePreview, statusName } from './presentation';

/**
 * Fuzzy matching for Go to Conversation: the query's characters in order, scored higher when
 * they are contiguous or start words. Undefined when the text does not contain the query.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let previous = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return undefined;
    score += 1;
    if (found === previous + 1) score += 2;
    if (found === 0 || /[\s@._#-]/.test(t[found - 1])) score += 3;
    previous = found;
    ti = found + 1;
  }
  // Shorter texts with the same match are better matches.
  return score - t.length / 1000;
}

/** The text a conversation is found by: contact name, e-mail, phone, `#id`, inbox, last message. */
export function searchText(store: ConversationStore, c: ConversationRecord): string {
  const contact = store.contact(c.contactId);
  return [contact?.name, contact?.email, contact?.phoneNumber, `#${c.id}`, store.inbox(c.inboxId)?.name, c.lastMessage?.text]
    .filter((s): s is string => Boolean(s))
    .join(' ');
}

/** Held conversations matching `query`, best first; an exact `#id` or id comes first of all. */
export function rankConversations(store: ConversationStore, query: string, limit = 50): ConversationRecord[] {
  const idMatch = /^#?(\d+)$/.exec(query.trim());
  const scored: Array<{ c: ConversationRecord; score: number }> = [];
  for (const c of store.conversations.values()) {
    if (idMatch && c.id === Number(idMatch[1])) {
      scored.push({ c, score: Number.POSITIVE_INFINITY });
      continue;
    }
    const score = fuzzyScore(query, searchText(store, c));
    if (score !== undefined) scored.push({ c, score });
  }
  scored.sort((a, b) => b.score - a.score || byActivity(a.c, b.c));
  return scored.slice(0, limit).map((s) => s.c);
}

/** `#123` or `123`: a display id typed to jump straight to it. */
export function idQuery(value: string): number | undefined {
  const m = /^#?(\d{1,9})$/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
}

/** A conversation found by the text of one of its messages. */
export interface MessageMatch {
  readonly conversationId: number;
  readonly contactName: string;
  readonly inboxName: string | undefined;
  /** The message to show: the newest one whose text contains the query. */
  readonly message: SearchHitMessage | undefined;
}

/** A customer found by name, e-mail or phone, with their conversations not already listed above. */
export interface CustomerMatch {
  readonly contact: Contact;
  readonly conversations: readonly Conversation[];
}

export interface SearchOutcome {
  readonly query: string;
  readonly messages: readonly MessageMatch[];
  readonly customers: readonly CustomerMatch[];
  /** Which searches have not answered yet. */
  readonly pending: { readonly messages: boolean; readonly customers: boolean };
  /** One sentence per search that failed, for the agent; the details are in the log. */
  readonly failures: readonly string[];
}

export function emptyOutcome(query: string): SearchOutcome {
  return { query, messages: [], customers: [], pending: { messages: false, customers: false }, failures: [] };
}

export function isBusy(outcome: SearchOutcome | undefined): boolean {
  return outcome !== undefined && (outcome.pending.messages || outcome.pending.customers);
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The message of a hit to show. Every message the server sends with a hit matched, but the
 * comparison is repeated here so a server that sends more (or a differently folded match) still
 * shows the right one; the newest match wins, then the newest message.
 */
export function matchedMessage(hit: ConversationSearchHit, query: string): SearchHitMessage | undefined {
  const q = query.trim().toLowerCase();
  const newestFirst = [...hit.messages].sort((a, b) => b.created_at - a.created_at || b.id - a.id);
  return newestFirst.find((m) => (m.content ?? '').toLowerCase().includes(q)) ?? newestFirst[0];
}

/** Text around the first occurrence of `query`, on one line, at most `max` characters. */
export function snippet(text: string, query: string, max = 120): string {
  const line = collapse(text);
  const at = line.toLowerCase().indexOf(query.trim().toLowerCase());
  // Keep some words before the match so it reads as a sentence, not a fragment.
  const lead = 30;
  let start = at > lead ? line.lastIndexOf(' ', at - lead) + 1 : 0;
  if (start < 0 || at - start > lead * 2) start = Math.max(0, at - lead);
  const head = start > 0 ? '…' : '';
  const body = line.slice(start);
  return head + (head.length + body.length > max ? `${body.slice(0, max - head.length - 1)}…` : body);
}

/** "Name <email>", or the name with the phone number, or whatever the contact has. */
export function describeContact(contact: Contact): string {
  const name = contact.name?.trim();
  const reach = contact.email || contact.phone_number || contact.identifier || undefined;
  if (name && reach) return contact.email ? `${name} <${contact.email}>` : `${name} · ${reach}`;
  return name || reach || l10n.t('Contact #{0}', contact.id);
}

/**
 * One list without duplicates: message matches first (in the server's order, newest activity
 * first), then each customer's conversations that are not already listed.
 */
export function mergeResults(
  query: string,
  hits: readonly ConversationSearchHit[],
  customers: ReadonlyArray<{ readonly contact: Contact; readonly conversations: readonly Conversation[] }>,
): Pick<SearchOutcome, 'messages' | 'customers'> {
  const listed = new Set<number>();
  const messages: MessageMatch[] = [];
  for (const hit of hits) {
    if (listed.has(hit.id)) continue;
    listed.add(hit.id);
    messages.push({
      conversationId: hit.id,
      contactName: hit.contact.name?.trim() || l10n.t('Contact #{0}', hit.contact.id),
      inboxName: hit.inbox.name ?? undefined,
      message: matchedMessage(hit, query),
    });
  }
  const seenContacts = new Set<number>();
  const found: CustomerMatch[] = [];
  for (const { contact, conversations } of customers) {
    if (seenContacts.has(contact.id)) continue;
    seenContacts.add(contact.id);
    const own = conversations.filter((c) => !listed.has(c.id));
    for (const c of own) listed.add(c.id);
    found.push({ contact, conversations: own });
  }
  return { messages, customers: found };
}

/** One line of Go to Conversation's list, free of `vscode` so it is tested in plain Node. */
export type PickRow =
  | SectionRow
  | {
      readonly kind: 'conversation';
      readonly conversationId: number;
      readonly label: string;
      readonly description: string;
      readonly detail: string | undefined;
      /** Found by the server on text the quick pick's own filter cannot see. */
      readonly alwaysShow: boolean;
    };

/** The separators' labels (getters: translated when read, not at load). */
export const SECTION = {
  get messages(): string {
    return l10n.t('message matches');
  },
  customer: (contact: Contact) => l10n.t('customer: {0}', describeContact(contact)),
  get loaded(): string {
    return l10n.t('loaded conversations');
  },
};

/**
 * What matched, also in each row's description: VS Code drops separators and sorts by label
 * while the agent types (`sortByLabel` is not available to extensions).
 */
export const MATCHED = {
  get message(): string {
    return l10n.t('message match');
  },
  customer: (contact: Contact) => l10n.t('customer: {0}', describeContact(contact)),
};

function conversationRow(store: ConversationStore, c: ConversationRecord, alwaysShow: boolean): PickRow {
  return {
    kind: 'conversation',
    conversationId: c.id,
    label: contactName(store, c),
    description: `#${c.id} · ${store.inbox(c.inboxId)?.name ?? l10n.t('inbox {0}', c.inboxId)} · ${statusName(c.status)}`,
    detail: messagePreview(c) || undefined,
    alwaysShow,
  };
}

/**
 * The rows for what the agent typed: a jump to a typed `#id`, then the server's message matches
 * (detail: the matching message), then each matching customer's conversations, then the loaded
 * conversations not listed above (VS Code's own filter narrows those). No conversation twice.
 */
export function pickRows(store: ConversationStore, loaded: readonly ConversationRecord[], value: string, outcome: SearchOutcome | undefined): PickRow[] {
  const rows: PickRow[] = [];
  const listed = new Set<number>();
  const id = idQuery(value);
  if (id !== undefined) {
    const held = store.get(id);
    rows.push({ kind: 'conversation', conversationId: id, label: l10n.t('Go to #{0}', id), description: held ? contactName(store, held) : l10n.t('conversation number'), detail: undefined, alwaysShow: true });
    listed.add(id);
  }
  const query = value.trim();
  const result = outcome && outcome.query === query ? outcome : undefined;
  rows.push(...failureNotices(result?.failures ?? []));
  const messages = (result?.messages ?? []).filter((m) => !listed.has(m.conversationId));
  if (messages.length > 0) rows.push({ kind: 'separator', label: SECTION.messages });
  for (const m of messages) {
    listed.add(m.conversationId);
    const text = m.message?.content ? snippet(m.message.content, query) : undefined;
    rows.push({
      kind: 'conversation',
      conversationId: m.conversationId,
      label: m.contactName,
      description: `#${m.conversationId}${m.inboxName ? ` · ${m.inboxName}` : ''} · ${MATCHED.message}`,
      detail: text && m.message?.sender_name ? `${m.message.sender_name}: ${text}` : text,
      alwaysShow: true,
    });
  }
  for (const customer of result?.customers ?? []) {
    const own = customer.conversations.filter((c) => !listed.has(c.id));
    if (own.length === 0) continue;
    rows.push({ kind: 'separator', label: SECTION.customer(customer.contact) });
    for (const c of own) {
      listed.add(c.id);
      const record = toConversationRecord(c);
      const row = conversationRow(store, record, true);
      // The store may not know this contact yet; the payload does.
      if (row.kind === 'conversation') rows.push({ ...row, label: customer.contact.name?.trim() || row.label, description: `${row.description} · ${MATCHED.customer(customer.contact)}` });
    }
  }
  const rest = loaded.filter((c) => !listed.has(c.id));
  if (rows.length > 0 && rest.length > 0) rows.push({ kind: 'separator', label: SECTION.loaded });
  for (const c of rest) rows.push(conversationRow(store, c, false));
  return rows;
}
