import { ApiClient } from '../api/client';
import { getContact, listContactConversations, listContactLabels, listContactNotes } from '../api/contacts';
import { getConversation } from '../api/conversations';
import { listParticipants } from '../api/participants';
import { ContactSources } from './contactCard';

/** What the fetch needs besides the server: presence and inbox names, which the host already holds. */
export interface ContactLookups {
  readonly online: (contactId: number) => boolean | undefined;
  readonly inboxName: (inboxId: number) => string | undefined;
}

/**
 * Fetches everything the Contact view shows for one conversation: the conversation (for its
 * contact and what its channel recorded) and its participants, then the contact, its notes,
 * labels and other conversations. The conversation and the contact must arrive; the rest shows
 * as "could not be loaded" when it fails, so one refused endpoint does not blank the view.
 */
export async function fetchContactSources(api: ApiClient, accountId: number, conversationId: number, lookups: ContactLookups, signal?: AbortSignal): Promise<ContactSources> {
  // Started first (it needs only the conversation id); settled either way, so a failed conversation leaves no stray rejection.
  const participants = orNull(listParticipants(api, accountId, conversationId, { signal }));
  const conversation = await getConversation(api, accountId, conversationId);
  const contactId = conversation.meta.sender.id;
  const [contact, notes, labels, conversations, who] = await Promise.all([
    getContact(api, accountId, contactId, { signal }),
    orNull(listContactNotes(api, accountId, contactId, { signal })),
    orNull(listContactLabels(api, accountId, contactId, { signal })),
    orNull(listContactConversations(api, accountId, contactId, { signal })),
    participants,
  ]);
  return { conversation, contact, notes, labels: labels ?? [], conversations, participants: who, online: lookups.online(contactId), inboxName: lookups.inboxName };
}

function orNull<T>(p: Promise<T>): Promise<T | null> {
  return p.catch(() => null);
}
