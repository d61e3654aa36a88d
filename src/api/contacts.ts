import * as z from 'zod/mini';
import { Contact, ContactDetails, ContactNote } from '../model/contact';
import { Conversation } from '../model/conversation';
import { ApiClient } from './client';
import { accountPath } from './paths';

/**
 * `count` is every match in 3.x but only this page's size in 4.x, which says `has_more` instead;
 * `current_page` echoes the `page` parameter, so it is a string whenever one was sent.
 */
const ContactSearchResponse = z.object({
  meta: z.optional(
    z.looseObject({
      count: z.optional(z.int()),
      current_page: z.optional(z.union([z.number(), z.string()])),
      has_more: z.optional(z.boolean()),
    }),
  ),
  payload: z.array(Contact),
});

/** `ContactsController::RESULTS_PER_PAGE`. */
export const CONTACTS_PAGE_SIZE = 15;

export interface ContactSearchPage {
  readonly contacts: readonly Contact[];
  /** Whether a later page has more; derived from `count` on servers that do not say `has_more`. */
  readonly hasMore: boolean;
}

/**
 * `GET …/contacts/search?q=`: contacts whose name, e-mail or phone number contains `q`
 * (case-insensitive) or whose identifier does (case-sensitive), 15 a page, in no particular
 * order. 3.x leaves out contacts with none of e-mail, phone and identifier. A blank `q` is a 422.
 * Chatwoot `contacts_controller.rb#search`, `app/views/api/v1/accounts/contacts/search.json.jbuilder`.
 */
export async function searchContacts(
  client: ApiClient,
  accountId: number,
  q: string,
  options: { readonly page?: number; readonly signal?: AbortSignal } = {},
): Promise<ContactSearchPage> {
  const page = options.page ?? 1;
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, '/contacts/search'),
    query: { q, page, include_contact_inboxes: false },
    schema: ContactSearchResponse,
    signal: options.signal,
  });
  const meta = response.meta;
  const hasMore = meta?.has_more ?? (meta?.count !== undefined && meta.count > page * CONTACTS_PAGE_SIZE);
  return { contacts: response.payload, hasMore };
}

const ContactConversationsResponse = z.object({ payload: z.array(Conversation) });

/**
 * `GET …/contacts/{id}/conversations`: the contact's conversations (full list items) in the
 * inboxes this agent may see, at most 20, newest activity first (4.x) or newest first (3.x).
 * Chatwoot `contacts/conversations_controller.rb`, `contacts/conversations/index.json.jbuilder`.
 */
export async function listContactConversations(
  client: ApiClient,
  accountId: number,
  contactId: number,
  options: { readonly signal?: AbortSignal } = {},
): Promise<Conversation[]> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, `/contacts/${contactId}/conversations`),
    schema: ContactConversationsResponse,
    signal: options.signal,
  });
  return response.payload;
}

const ContactResponse = z.object({ payload: ContactDetails });

/** `GET …/contacts/{id}`: the contact, 404 once deleted. Chatwoot: contacts_controller.rb (`show`), contacts/show.json.jbuilder. */
export async function getContact(client: ApiClient, accountId: number, contactId: number, options: { readonly signal?: AbortSignal } = {}): Promise<ContactDetails> {
  const response = await client.request({
    method: 'GET',
    path: accountPath(accountId, `/contacts/${contactId}`),
    query: { include_contact_inboxes: false },
    schema: ContactResponse,
    signal: options.signal,
  });
  return response.payload;
}

/** `GET …/contacts/{id}/notes`: a bare array, newest first. Chatwoot: contacts/notes_controller.rb (`index`, `latest`). */
export function listContactNotes(client: ApiClient, accountId: number, contactId: number, options: { readonly signal?: AbortSignal } = {}): Promise<ContactNote[]> {
  return client.request({ method: 'GET', path: accountPath(accountId, `/contacts/${contactId}/notes`), schema: z.array(ContactNote), signal: options.signal });
}

/**
 * `POST …/contacts/{id}/notes {content}`: answers the note it made (the `show` partial).
 * Chatwoot: contacts/notes_controller.rb (`create`), models/_note.json.jbuilder.
 */
export function createContactNote(client: ApiClient, accountId: number, contactId: number, content: string): Promise<ContactNote> {
  return client.request({ method: 'POST', path: accountPath(accountId, `/contacts/${contactId}/notes`), body: { content }, schema: ContactNote });
}

const LabelsResponse = z.object({ payload: z.array(z.string()) });

/** `GET …/contacts/{id}/labels`: the contact's label titles. Chatwoot: contacts/labels_controller.rb (LabelConcern), contacts/labels/index.json.jbuilder. */
export async function listContactLabels(client: ApiClient, accountId: number, contactId: number, options: { readonly signal?: AbortSignal } = {}): Promise<string[]> {
  const response = await client.request({ method: 'GET', path: accountPath(accountId, `/contacts/${contactId}/labels`), schema: LabelsResponse, signal: options.signal });
  return response.payload;
}

