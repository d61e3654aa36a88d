/**
 * The message protocol between the extension host and the chat webview (`src/webview/chat`).
 *
 * Types only: the webview bundle imports this file, and it must stay free of zod and of any
 * runtime code. The host validates every `FromWebview` message with a zod schema whose inferred
 * type must equal the union below (a webview showing customers' content is where an injection
 * would surface, so nothing it sends is trusted). Messages the webview receives come from the
 * host, which has already validated the Chatwoot payloads with `src/model/*`.
 *
 * Naming: `type` values are camelCase verbs. Fields in snake_case belong to Chatwoot's own objects
 * (messages, attachments, canned responses), which the host passes through unchanged: the model
 * types `Message` / `Attachment` (`src/model/message.ts`) are assignable to `WireMessage` /
 * `WireAttachment`. camelCase fields are this protocol's own view models.
 *
 * Every message about one conversation carries `conversationId` (the display id) so that a late
 * reply for a conversation the view has already left is dropped instead of shown in the wrong chat.
 */

// ---------------------------------------------------------------------------------------------
// Chatwoot objects, passed through from the REST API and the cable (docs/chatwoot-rest.md §3).

/** Who sent a message. `type` is `"user"` (agent), `"contact"` or a bot's type. */
export interface WireSender {
  readonly id?: number;
  readonly name?: string | null;
  readonly available_name?: string | null;
  readonly type?: string;
  readonly thumbnail?: string | null;
}

/**
 * A file attached to a message. `data_url` is the full file, `thumb_url` a preview for images.
 * The webview derives the file name from the last segment of `data_url`.
 */
export interface WireAttachment {
  readonly id: number;
  /** `image`, `audio`, `video`, `file`, `location`, `fallback`, … Unknown kinds render as files. */
  readonly file_type: string;
  readonly data_url?: string | null;
  readonly thumb_url?: string | null;
  /** Bytes. */
  readonly file_size?: number | null;
  readonly extension?: string | null;
  /** Pixels; when present they reserve the image's space before it loads, so scrolling stays put. */
  readonly width?: number | null;
  readonly height?: number | null;
  /** Location attachments have no file, only a title. */
  readonly fallback_title?: string | null;
  /** Location attachments: where (Chatwoot: app/models/attachment.rb, `location_metadata`). */
  readonly coordinates_lat?: number | null;
  readonly coordinates_long?: number | null;
  /** Contact cards: the shared contact's details (names, phone numbers…), as the channel gave them. */
  readonly meta?: Readonly<Record<string, unknown>> | null;
}

/**
 * A file the agent attached in the composer. The host holds its bytes (the webview only shows it)
 * from staging until Chatwoot confirms the reply or the agent removes or discards it.
 */
export interface StagedFile {
  /** The host's id for the held bytes. */
  readonly id: string;
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  readonly mimeType: string;
  /** A `data:` URL preview of a small image; never kept in the outbox. */
  readonly thumbnail?: string | null;
}

/** How much one reply may carry (Chatwoot's limits, docs/chatwoot-rest.md §3). */
export interface AttachmentLimits {
  readonly maxFiles: number;
  readonly maxBytes: number;
}

/** `message_type` on the wire: 0 incoming, 1 outgoing, 2 activity, 3 template. */
export type WireMessageType = number;

/**
 * A message as `Message#push_event_data` carries it. Only the fields the chat shows are listed;
 * others may be present and are ignored.
 */
export interface WireMessage {
  readonly id: number;
  /** Markdown from agents, plain text from most channels; untrusted either way. */
  readonly content?: string | null;
  readonly conversation_id: number;
  readonly message_type: WireMessageType;
  /** `text`, `incoming_email`, `input_select`, … `incoming_email` renders as plain text. */
  readonly content_type?: string | null;
  /**
   * Free-form on the wire, so the webview narrows each key it reads: `deleted` (true → placeholder),
   * `external_error` (why `status` is `failed`), `email` (`{subject, from[], text_content{full, reply}}`).
   */
  readonly content_attributes?: Readonly<Record<string, unknown>> | null;
  /** Unix seconds. */
  readonly created_at: number;
  /** Unix seconds or an ISO string, depending on the source; only used to tell versions apart. */
  readonly updated_at?: string | number | null;
  /** true = private note, visible to agents only. */
  readonly private: boolean;
  /** `sent` | `delivered` | `read` | `failed` (outgoing messages only). */
  readonly status?: string | null;
  /** `User` | `Contact` | `AgentBot` | `Captain::Assistant`. */
  readonly sender_type?: string | null;
  readonly sender?: WireSender | null;
  /** Set only on the message created from a `send` with this echo id; replaces the pending bubble. */
  readonly echo_id?: string | number | null;
  readonly attachments?: readonly WireAttachment[] | null;
}

/** A canned response as `GET …/canned_responses` returns it. `content` may hold `{{contact.name}}` etc. */
export interface WireCannedResponse {
  readonly id: number;
  readonly short_code: string;
  readonly content: string;
}

// ---------------------------------------------------------------------------------------------
// View models built by the host.

export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type ConversationPriority = 'low' | 'medium' | 'high' | 'urgent';

/** The contact the conversation is with; also the source of canned-response variables. */
export interface ChatContact {
  readonly id: number;
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phoneNumber?: string | null;
  /** Online now (presence.update's `contacts`); null or absent: not known yet. */
  readonly online?: boolean | null;
}

/** The signed-in agent: shown as `{{agent.name}}`; "Assign to me" hides when already assigned. */
export interface ChatAgent {
  readonly id: number;
  readonly name: string;
  readonly email?: string | null;
}

/** An agent a private note can @mention (the account's agents, `GET …/agents`). */
export interface ChatMentionable {
  readonly id: number;
  readonly name: string;
}

/** What the header shows about the open conversation. */
export interface ChatConversation {
  /** Display id (the one in `/conversations/{id}` paths). */
  readonly id: number;
  readonly status: ConversationStatus;
  readonly priority?: ConversationPriority | null;
  readonly contact: ChatContact;
  readonly inboxId?: number;
  /** The inbox's name, when the host knows its inboxes. */
  readonly inboxName?: string | null;
  /** `Channel::WebWidget`, `Channel::Email`, … (`meta.channel`). */
  readonly channel?: string | null;
  /**
   * A person (`User`, the default when absent) or an `AgentBot`; ids of the two may coincide, so
   * "assigned to you" needs the type as well as the id.
   */
  readonly assignee?: { readonly id: number; readonly name: string; readonly type?: 'User' | 'AgentBot' } | null;
  readonly team?: { readonly id: number; readonly name: string } | null;
  /** Unix seconds; when a snoozed conversation reopens on its own (absent: on the next reply). */
  readonly snoozedUntil?: number | null;
  /** false when the channel's reply window has closed (e.g. WhatsApp 24 h): only notes can be sent. */
  readonly canReply?: boolean;
  readonly labels?: readonly string[];
}

/** A reply the host has accepted but Chatwoot has not yet confirmed (the host's outbox). */
export interface OutboxItem {
  readonly echoId: string;
  readonly content: string;
  readonly private: boolean;
  /** Unix milliseconds, when the agent pressed send. */
  readonly createdAt: number;
  /**
   * The newest message id the chat held when it was sent: the reply, if Chatwoot created it, has a
   * greater id. Lets a lost answer be recognised without comparing this machine's clock with the server's.
   */
  readonly afterId?: number;
  /** Set when the last attempt failed; the webview then offers Retry and Discard. */
  readonly error?: string | null;
  /**
   * true while it waits for the connection: sent offline, or its send never reached the server.
   * The host sends it by itself when the connection returns; nothing to retry.
   */
  readonly queued?: boolean | null;
  /** Files sent with it (multipart); their bytes stay with the host until it is confirmed or discarded. */
  readonly attachments?: readonly StagedFile[];
  /** The message this one replies to (`content_attributes.in_reply_to`). */
  readonly inReplyTo?: number;
  /** E-mail inboxes: comma-separated addresses (Chatwoot's `cc_emails` / `bcc_emails`). */
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

// ---------------------------------------------------------------------------------------------
// Host → webview.

/** Opens a conversation: replaces everything the view shows. Sent after `ready` and on every switch. */
export interface Init {
  readonly type: 'init';
  readonly conversation: ChatConversation;
  /** The newest page, oldest first (as `GET …/messages` returns it). */
  readonly messages: readonly WireMessage[];
  /** Whether older messages exist (false once a page came back shorter than 20). */
  readonly hasOlder: boolean;
  readonly agent: ChatAgent;
  readonly cannedResponses: readonly WireCannedResponse[];
  /** The host's unsent replies for this conversation, so a reloaded view shows them again. */
  readonly outbox?: readonly OutboxItem[];
  /** The draft the host kept (from `draftChanged`); the webview prefers its own saved state. */
  readonly draft?: Draft | null;
  /**
   * The setting `chatwoot.chat.sendOnEnter`. true (the default, also when absent): Enter sends and
   * Shift+Enter is a new line. false: Enter is a new line and Ctrl+Enter (Cmd+Enter on macOS) sends.
   */
  readonly sendOnEnter?: boolean;
  /**
   * The installation and account the conversation belongs to. Conversation ids repeat across
   * them, so the webview keys what it keeps (drafts, unsent replies) by scope and id.
   */
  readonly scope?: string;
  /** Files staged in this conversation's composer (the host holds them across reloads of the view). */
  readonly stagedFiles?: readonly StagedFile[];
  /** Checked before anything is read or sent; absent: attaching is not offered. */
  readonly attachmentLimits?: AttachmentLimits;
  /**
   * The agent's message signature, when `chatwoot.chat.appendSignature` is on and the profile has
   * one: appended to replies (never notes) after a `--` line, as Chatwoot's dashboard appends it.
   */
  readonly signature?: string | null;
  /** Who `@` offers in private notes; absent or empty until the account's agents are known. */
  readonly agents?: readonly ChatMentionable[];
}

/** An older page, answering `loadOlder`. */
export interface MessagesPrepended {
  readonly type: 'messagesPrepended';
  readonly conversationId: number;
  /** Oldest first. Empty with `error` when the page could not be fetched. */
  readonly messages: readonly WireMessage[];
  readonly hasOlder: boolean;
  readonly error?: string;
}

/** New messages (e.g. the catch-up after a reconnect). Applied by id, so repeats are harmless. */
export interface MessagesAppended {
  readonly type: 'messagesAppended';
  readonly conversationId: number;
  readonly messages: readonly WireMessage[];
}

/**
 * One new or changed message (`message.created` / `message.updated`, or the REST answer to a
 * send). When `echo_id` matches a pending bubble, the bubble becomes this message.
 */
export interface MessageUpserted {
  readonly type: 'messageUpserted';
  readonly conversationId: number;
  readonly message: WireMessage;
}

/** The header changed (status, priority, assignee, …). */
export interface ConversationUpdated {
  readonly type: 'conversationUpdated';
  readonly conversation: ChatConversation;
}

/**
 * Someone (contact or another agent) started or stopped typing. The webview clears an `on`
 * after 30 s without news, as Chatwoot's own clients do (docs/chatwoot-rest.md §6).
 */
export interface TypingChanged {
  readonly type: 'typing';
  readonly conversationId: number;
  readonly name: string;
  readonly on: boolean;
}

/** A `send` (or `retry`) failed; the pending bubble shows `error` with Retry and Discard. */
export interface SendFailed {
  readonly type: 'sendFailed';
  readonly conversationId: number;
  readonly echoId: string;
  readonly error: string;
}

/**
 * Put `text` into the composer at the caret, replacing the selection ("Send Selection to
 * Conversation": a fenced code block to edit and send). The composer takes focus and the draft
 * is saved (`draftChanged`); nothing is ever sent by this. Multi-line text is placed on lines of
 * its own. Dropped unless `conversationId` is the open conversation, so the host sends it after
 * the `init` that opens it.
 */
export interface InsertText {
  readonly type: 'insertText';
  readonly conversationId: number;
  readonly text: string;
}

/**
 * Files were staged for this conversation's composer (from the attach button, a drop, a paste
 * or "Send File to Conversation"), and `refused` ones were not, with why (too big, too many).
 */
export interface FilesStaged {
  readonly type: 'filesStaged';
  readonly conversationId: number;
  readonly files: readonly StagedFile[];
  readonly refused?: readonly { readonly name: string; readonly error: string }[];
}

/** How far the upload of a reply with files has got; shown on its pending bubble. */
export interface SendProgress {
  readonly type: 'sendProgress';
  readonly conversationId: number;
  readonly echoId: string;
  /** Bytes handed to the network so far, of `total`. */
  readonly sent: number;
  readonly total: number;
}

/** A setting the webview uses changed; applies at once, whatever conversation is open. */
export interface SettingsChanged {
  readonly type: 'settings';
  /** As `Init.sendOnEnter`. */
  readonly sendOnEnter: boolean;
  /** As `Init.signature`; absent leaves the signature as it is. */
  readonly signature?: string | null;
}

/**
 * The connection is down (or the server unreachable): the reply waits in the host's outbox and
 * is sent when the connection returns. The bubble says "Queued", not "failed".
 */
export interface SendQueued {
  readonly type: 'sendQueued';
  readonly conversationId: number;
  readonly echoId: string;
}

/**
 * Catching up with the server after a reconnect failed and is being retried (`behind`: what the
 * view shows may be out of date), or it succeeded after failing. The view shows a banner with
 * "Retry now" (a `refresh`) while behind.
 */
export interface BehindChanged {
  readonly type: 'behind';
  readonly conversationId: number;
  readonly behind: boolean;
}

/** No conversation is selected (or the user signed out); `text` overrides the default hint. */
export interface Empty {
  readonly type: 'empty';
  readonly text?: string;
  /** The agent signed out: the view forgets the drafts and unsent replies it keeps. */
  readonly signedOut?: boolean;
  /** The conversation could not be opened: offer Retry (a `refresh`). */
  readonly retry?: boolean;
}

/** Connection state. When `stale`, the view shows `text` in a banner: what it shows may be old. */
export interface ConnectionChanged {
  readonly type: 'connection';
  readonly text: string;
  readonly stale: boolean;
}

/**
 * The answer to `resolveCodeRefs`: of the paths `asked` about, those `found` name a file in the
 * open workspace (the chat makes their references links); the others stay text.
 */
export interface CodeRefsResolved {
  readonly type: 'codeRefsResolved';
  readonly asked: readonly string[];
  readonly found: readonly string[];
}

/**
 * Switch the composer between Reply and Private note (the `chatwoot.toggleNoteMode` keybinding),
 * as its own switch does; the composer takes focus. Dropped unless `conversationId` is open.
 */
export interface ToggleNoteMode {
  readonly type: 'toggleNoteMode';
  readonly conversationId: number;
}

/**
 * Scroll to a message and highlight it for a moment (`Chatwoot: Search…` picked it). The view
 * loads older pages (`loadOlder`) until it holds the message or there are none left. Sent after
 * the `init` that opens the conversation; dropped unless `conversationId` is open.
 */
export interface RevealMessage {
  readonly type: 'revealMessage';
  readonly conversationId: number;
  readonly messageId: number;
}

/** The account's agents changed (or arrived after `init`): who `@` offers in private notes. */
export interface AgentsChanged {
  readonly type: 'agents';
  readonly agents: readonly ChatMentionable[];
}

export type ToWebview =
| Init
| MessagesPrepended
| MessagesAppended
| MessageUpserted
| ConversationUpdated
| TypingChanged
| SendFailed
| SendQueued
| BehindChanged
| Empty
| ConnectionChanged
| InsertText
| SettingsChanged
| FilesStaged
| SendProgress
| CodeRefsResolved
| ToggleNoteMode
| RevealMessage

| AgentsChanged;

// ---------------------------------------------------------------------------------------------
// Webview → host. The host checks each one with zod and drops anything else.

/** The composer's unsent text. */
export interface Draft {
readonly text: string;
readonly private: boolean;
}

/** The header's buttons. */
export type ChatActionName = 'resolve' | 'reopen' | 'snooze' | 'assignToMe' | 'openInBrowser' | 'assign' | 'editLabels' | 'setPriority' | 'assignTeam';

/** The app's message listener is installed; the host may now post (earlier posts are lost). */
export interface Ready {
  readonly type: 'ready';
}

/** The reader scrolled to the top: fetch `GET …/messages?before=<beforeId>`. */
export interface LoadOlder {
  readonly type: 'loadOlder';
  readonly conversationId: number;
  /** The id of the oldest message the view has. */
  readonly beforeId: number;
}

/**
 * Send a reply or a private note: `POST …/messages {content, private, echo_id: echoId}`.
 * The host answers with `messageUpserted` (echo_id set) or `sendFailed`.
 */
export interface Send {
  readonly type: 'send';
  readonly conversationId: number;
  /** Non-empty after trimming; at most what the composer holds. */
  readonly content: string;
  readonly private: boolean;
  /** A fresh `crypto.randomUUID()`; the host uses it to de-duplicate. */
  readonly echoId: string;
  /**
   * Staged files to send with it (`StagedFile.id`); then `content` may be empty and the host
   * posts `multipart/form-data` with repeated `attachments[]`, as Chatwoot's dashboard does.
   */
  readonly attachmentIds?: readonly string[];
  /** Quote this message: sent as `content_attributes: { in_reply_to }`. */
  readonly inReplyTo?: number;
  /** E-mail inboxes only: comma-separated addresses, sent as `cc_emails` / `bcc_emails`. */
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

/**
 * Retry an unsent reply after `sendFailed`. It carries the text again because the host's outbox
 * may have been lost (a reload of the window) while the webview kept it; the host sends it as a
 * `send` with this echo id, de-duplicating against its outbox.
 */
export interface RetrySend {
  readonly type: 'retry';
  readonly conversationId: number;
  readonly echoId: string;
  readonly content: string;
  readonly private: boolean;
  /** The files it carries (the host still holds them unless VS Code was reloaded). */
  readonly attachmentIds?: readonly string[];
  readonly inReplyTo?: number;
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

/** Retry a message Chatwoot reports as `failed`: `POST …/messages/{messageId}/retry`. */
export interface RetryMessage {
  readonly type: 'retry';
  readonly conversationId: number;
  readonly messageId: number;
}

/** Drop an unsent reply from the host's outbox (the agent chose Discard). */
export interface Discard {
  readonly type: 'discard';
  readonly conversationId: number;
  readonly echoId: string;
}

/** The agent is (not) typing: `POST …/toggle_typing_status {typing_status, is_private}`. */
export interface AgentTyping {
  readonly type: 'typing';
  readonly conversationId: number;
  readonly on: boolean;
  /** Typing a private note: contacts are not told. */
  readonly private: boolean;
}

/** A link was clicked. The host checks the scheme (http, https, mailto) before opening it. */
export interface OpenLink {
  readonly type: 'openLink';
  readonly url: string;
}

/**
 * A header button. `snooze` carries no time: the host asks (QuickPick: until next reply, 1 hour,
 * tomorrow, next week). `openInBrowser` opens the conversation in the Chatwoot dashboard.
 */
export interface Action {
  readonly type: 'action';
  readonly conversationId: number;
  readonly name: ChatActionName;
}

/** The composer changed (sent at most every 500 ms). The host keeps it for other views of the chat. */
export interface DraftChanged {
  readonly type: 'draftChanged';
  readonly conversationId: number;
  readonly draft: Draft;
}

/**
 * "Retry now": bring the conversation up to date at once, instead of at the next scheduled
 * retry. Opens it again if opening it failed.
 */
export interface Refresh {
  readonly type: 'refresh';
}

/** The composer's attach button: the host shows VS Code's file picker and stages what is chosen. */
export interface PickFiles {
  readonly type: 'pickFiles';
  readonly conversationId: number;
}

/** Files dropped on or pasted into the composer, read by the webview; each at most `AttachmentLimits.maxBytes`. */
export interface StageFiles {
  readonly type: 'stageFiles';
  readonly conversationId: number;
  readonly files: readonly { readonly name: string; readonly mimeType: string; /** Base64. */ readonly data: string }[];
}

/** The agent removed a staged file; the host lets its bytes go. */
export interface UnstageFile {
  readonly type: 'unstageFile';
  readonly conversationId: number;
  readonly fileId: string;
}

/** "Save As…" on a received file: the host asks where, then downloads it with progress. */
export interface SaveAttachment {
  readonly type: 'saveAttachment';
  readonly url: string;
  /** Suggested file name. */
  readonly name: string;
}

/**
 * Messages shown name these files (`src/app.ts:42`, a stack frame's path): which are in the
 * open workspace? Answered with `codeRefsResolved`. At most 50 paths.
 */
export interface ResolveCodeRefs {
  readonly type: 'resolveCodeRefs';
  readonly paths: readonly string[];
}

/** A file reference was clicked: open it at the line (1-based). The host resolves it again, within the workspace only. */
export interface OpenCodeRef {
  readonly type: 'openCodeRef';
  readonly path: string;
  readonly line: number;
  readonly column?: number;
}

/**
 * The page gained or lost the keyboard. VS Code's `when` clauses cannot tell a focused webview
 * view from its view, so the host keeps a context key (`chatwoot.chatFocus`) for the chat
 * keybindings from this; and on a gain the palette's conversation commands now act on the
 * conversation this chat shows.
 */
export interface FocusChanged {
  readonly type: 'focus';
  readonly focused: boolean;
}

export type FromWebview =
| Ready
| FocusChanged
| Refresh
| LoadOlder
| Send
| RetrySend
| RetryMessage
| Discard
| AgentTyping
| OpenLink
| Action
| DraftChanged
| PickFiles
| StageFiles
| UnstageFile
| SaveAttachment
| ResolveCodeRefs
| OpenCodeRef
;

/** The member of a union with the given `type`, e.g. `MessageOf<ToWebview, 'init'>`. */
export type MessageOf<U extends { readonly type: string }, T extends U['type']> = Extract<U, { readonly type: T }>;
