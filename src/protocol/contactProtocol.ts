/**
 * The message protocol between the extension host and the Contact webview (`src/webview/contact`).
 * Types only, like chatProtocol.ts: the webview bundle imports it, and the host checks every
 * `FromContactWebview` with zod (src/views/contact/fromContactWebview.ts) whose inferred type
 * must equal the union below. Everything shown is text; the host has already decided which
 * values may be links (http, https, mailto, tel) and checks the scheme again before opening one.
 */

/** One labelled value. `link`, when set, is an http(s), mailto: or tel: URL the host built or checked. */
export interface ContactField {
  readonly label: string;
  readonly value: string;
  readonly link?: string | null;
}

export interface ContactNoteView {
  readonly id: number;
  readonly text: string;
  /** The agent who wrote it; null once that agent is gone. */
  readonly author: string | null;
  /** Unix milliseconds. */
  readonly createdAt: number;
}

/** One of the contact's other conversations. */
export interface ContactConversationView {
  /** Display id. */
  readonly id: number;
  readonly status: string;
  readonly inboxName: string | null;
  /** Unix milliseconds, or null when the server did not say. */
  readonly lastActivityAt: number | null;
  /** The last message's first line, or empty. */
  readonly preview: string;
}

/** Everything the view shows about the customer of one conversation. */
export interface ContactCard {
  /** The conversation the card belongs to (display id). */
  readonly conversationId: number;
  readonly contactId: number;
  readonly name: string;
  /** An https avatar URL, or null. Loaded at once only from the installation (see `ContactShow.baseUrl`). */
  readonly avatarUrl: string | null;
  /** Online now (presence.update); null: not known yet. */
  readonly online: boolean | null;
  /** E-mail, phone, company, location, identifier: those the contact has. */
  readonly details: readonly ContactField[];
  readonly customAttributes: readonly ContactField[];
  readonly labels: readonly string[];
  /** Newest first. Null when they could not be fetched. */
  readonly notes: readonly ContactNoteView[] | null;
  /** The contact's other conversations, newest first. Null when they could not be fetched. */
  readonly previousConversations: readonly ContactConversationView[] | null;
  /** Browser, referrer, initiated at: what the conversation's channel recorded. */
  readonly conversationInfo: readonly ContactField[];
  /** The agents taking part. Null when they could not be fetched. */
  readonly participants: readonly string[] | null;
}

// ---------------------------------------------------------------------------------------------
// Host → webview.

/** Shows a contact: replaces everything shown, except a note being written for the same contact. */
export interface ContactShow {
  readonly type: 'show';
  readonly card: ContactCard;
  /** The installation's URL: images from its origin load at once, others after a click. */
  readonly baseUrl: string;
}

/** Fetching the contact of this conversation. */
export interface ContactLoading {
  readonly type: 'loading';
  readonly conversationId: number;
}

/** No conversation is open, or it could not be loaded (`retry`: offer a `refresh`). */
export interface ContactEmpty {
  readonly type: 'empty';
  readonly text: string;
  readonly retry?: boolean;
}

/** The answer to `addNote`: the note made (it joins the list and the input clears), or why not. */
export interface NoteAdded {
  readonly type: 'noteAdded';
  readonly contactId: number;
  readonly note?: ContactNoteView;
  readonly error?: string;
}

export type ToContactWebview = ContactShow | ContactLoading | ContactEmpty | NoteAdded;

// ---------------------------------------------------------------------------------------------
// Webview → host.

export interface ContactReady {
  readonly type: 'ready';
}

/** Fetch the contact again (after a failure). */
export interface ContactRefresh {
  readonly type: 'refresh';
}

/** A link was clicked; the host opens only http, https, mailto and tel. */
export interface ContactOpenLink {
  readonly type: 'openLink';
  readonly url: string;
}

/** Open one of the contact's conversations in the chat. */
export interface ContactOpenConversation {
  readonly type: 'openConversation';
  readonly conversationId: number;
}

/** `POST …/contacts/{contactId}/notes {content}`. */
export interface AddNote {
  readonly type: 'addNote';
  readonly contactId: number;
  readonly content: string;
}

export type FromContactWebview = ContactReady | ContactRefresh | ContactOpenLink | ContactOpenConversation | AddNote;
