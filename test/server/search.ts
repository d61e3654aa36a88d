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

/** `SearchService`'s page size, for every kind. */
export const GLOBAL_SEARCH_PER_PAGE = 15;

/** 3.months.ago, as Rails counts months (the same day, three calendar months back). */
function threeMonthsAgo(nowMs: number): number {
  const d = new Date(nowMs);
  d.setMonth(d.getMonth() - 3);
  return Math.floor(d.getTime() / 1000);
}

const pageOf = <T>(list: readonly T[], page: number): T[] => list.slice((page - 1) * GLOBAL_SEARCH_PER_PAGE, page * GLOBAL_SEARCH_PER_PAGE);

/**
 * `GET …/search/messages?q=`: the account's messages in the user's inboxes from the last three
 * months whose content ILIKE `%q%` (every message type, private notes included), newest first,
 * 15 a page. The stand-in has no GIN index (`search_with_gin`), so this is the ILIKE path.
 * Chatwoot: app/services/search_service.rb (`filter_messages_with_like`, `message_base_query`).
 */
export function searchMessagesGlobally(store: Store, user: User, rawQ: string, page: number, nowMs = Date.now()): Array<{ conversation: Conversation; message: Message }> {
  const q = rawQ.trim();
  const visible = store.visibleInboxIds(user);
  const since = threeMonthsAgo(nowMs);
  const found: Array<{ conversation: Conversation; message: Message }> = [];
  for (const conversation of store.conversations.values()) {
    if (!visible.has(conversation.inboxId)) continue;
    for (const message of conversation.messages) {
      if (message.createdAt >= since && message.content !== null && ilike(message.content, q)) found.push({ conversation, message });
    }
  }
  found.sort((a, b) => b.message.createdAt - a.message.createdAt || b.message.id - a.message.id);
  return pageOf(found, page);
}

/**
 * `GET …/search/conversations?q=`: conversations in the user's inboxes whose display id (as
 * text), or whose contact's name, e-mail, phone or identifier, ILIKE `%q%`; newest created
 * first, 15 a page. Message text is not searched here (that is `search/messages`).
 * Chatwoot: app/services/search_service.rb (`filter_conversations`).
 */
export function searchConversationsGlobally(store: Store, user: User, rawQ: string, page: number): Conversation[] {
  const q = rawQ.trim();
  const visible = store.visibleInboxIds(user);
  const found = [...store.conversations.values()].filter((c) => {
    if (!visible.has(c.inboxId)) return false;
    const contact = store.contacts.get(c.contactId);
    return ilike(String(c.displayId), q) || ilike(contact?.name, q) || ilike(contact?.email, q) || ilike(contact?.phoneNumber, q) || ilike(contact?.identifier, q);
  });
  found.sort((a, b) => b.createdAt - a.createdAt || b.dbId - a.dbId);
  return pageOf(found, page);
}

/**
 * `GET …/search/contacts?q=`: contacts whose name, e-mail, phone or identifier ILIKE `%q%`,
 * "resolved" ones only (see `isResolved`), most recent activity first, 15 a page.
 * Chatwoot: app/services/search_service.rb (`filter_contacts`).
 */
export function searchContactsGlobally(store: Store, rawQ: string, page: number): Contact[] {
  const q = rawQ.trim();
  const found = [...store.contacts.values()].filter((c) => isResolved(c) && (ilike(c.name, q) || ilike(c.email, q) || ilike(c.phoneNumber, q) || ilike(c.identifier, q)));
  found.sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id);
  return pageOf(found, page);
}
