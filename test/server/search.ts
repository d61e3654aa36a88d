// The stand-in's three ways of finding conversations and customers, each as the Chatwoot
// query it imitates (files named beside each). Read-only: nothing here changes the store.

import type { Store } from './store';
import type { Contact, Conversation, Message, User } from './types';

/** `CONVERSATION_RESULTS_PER_PAGE` (default 25) in 4.x, Kaminari's default 25 in 3.x. */
export const SEARCH_RESULTS_PER_PAGE = 25;
/** `ContactsController::RESULTS_PER_PAGE`. */
export const CONTACTS_PER_PAGE = 15;
/** `Contacts::ConversationsController#index`: `.limit(20)`, no pagination. */
export const CONTACT_CONVERSATIONS_LIMIT = 20;

/** Case-insensitive `%q%`; the wildcards `%` and `_` in a query are not treated specially here. */
const ilike = (text: string | null | undefined, q: string): boolean => (text ?? '').toLowerCase().includes(q.toLowerCase());

/**
 * The messages `q` finds in a conversation: content ILIKE `%q%` among incoming and outgoing
 * messages, so private notes (outgoing with `private: true`) count and activity lines and
 * templates do not. Contact name, e-mail and phone are never looked at.
 * Chatwoot: app/finders/conversation_finder.rb (`filter_by_query`).
 */
export function matchingMessages(c: Conversation, q: string): Message[] {
  return c.messages.filter((m) => messageMatches(m, q));
}

export function matchesQuery(c: Conversation, q: string): boolean {
  return c.messages.some((m) => messageMatches(m, q));
}

function messageMatches(m: Message, q: string): boolean {
  return (m.messageType === 0 || m.messageType === 1) && m.content !== null && ilike(m.content, q);
}

/**
 * 3.x lists only "resolved" contacts (an e-mail, a phone number or an identifier), so anonymous
 * widget visitors are never found. Chatwoot: app/models/contact.rb (`resolved_contacts`).
 */
function isResolved(c: Contact): boolean {
  return Boolean(c.email) || Boolean(c.phoneNumber) || Boolean(c.identifier);
}

export interface ContactSearchPage {
  contacts: Contact[];
  /** 3.x: every match (`contacts.count`); 4.x: the size of this page. */
  count: number;
  /** 4.x only: whether a 16th row was there (`fetch_contacts_with_has_more`). */
  hasMore: boolean;
}

/**
 * `GET …/contacts/search?q=`: name, e-mail or phone ILIKE `%q%`, or identifier LIKE `%q%` (case
 * matters there), 15 per page. There is no ORDER BY, so rows come in the database's order; ids
 * ascending here. Chatwoot: app/controllers/api/v1/accounts/contacts_controller.rb (`search`).
 */
export function searchContacts(store: Store, rawQ: string, page: number): ContactSearchPage {
  const q = rawQ.trim();
  const all = [...store.contacts.values()]
    .filter((c) => store.version === 4 || isResolved(c))
    .filter((c) => ilike(c.name, q) || ilike(c.email, q) || ilike(c.phoneNumber, q) || (c.identifier ?? '').includes(q))
    .sort((a, b) => a.id - b.id);
  const from = (page - 1) * CONTACTS_PER_PAGE;
  const contacts = all.slice(from, from + CONTACTS_PER_PAGE);
  return store.version === 4
    ? { contacts, count: contacts.length, hasMore: all.length > from + CONTACTS_PER_PAGE }
    : { contacts, count: all.length, hasMore: false };
}

/**
 * `GET …/contacts/{id}/conversations`: the contact's conversations in the inboxes the user may
 * see, 20 at most; newest activity first in 4.x, newest id first in 3.x (ids grow with creation).
 * Chatwoot: app/controllers/api/v1/accounts/contacts/conversations_controller.rb.
 */
export function contactConversations(store: Store, user: User, contactId: number): Conversation[] {
  const visible = store.visibleInboxIds(user);
  const list = [...store.conversations.values()].filter((c) => c.contactId === contactId && visible.has(c.inboxId));
  if (store.version === 4) list.sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.dbId - a.dbId);
  else list.sort((a, b) => b.dbId - a.dbId);
  return list.slice(0, CONTACT_CONVERSATIONS_LIMIT);
}
