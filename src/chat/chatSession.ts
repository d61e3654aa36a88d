import * as l10n from '@vscode/l10n';
import { ApiError } from '../api/errors';
import { CatchUp } from '../common/catchUp';
import { Clock, TimerHandle } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { Logger } from '../common/log';
import { ConversationKey, scopedKeyString } from '../conversations/conversationKey';
import { ConversationStore, StoreChange } from '../conversations/store';
import { Message } from '../model/message';
import { ChatwootEvent } from '../realtime/events';
import type { UploadFile } from '../api/multipart';
import type { ChatAgent, ChatConversation, ChatMentionable, Draft, OutboxItem, StagedFile, ToWebview, WireCannedResponse } from '../protocol/chatProtocol';
import { ChatBackend, SendRequest } from './chatBackend';
import { chatConversationOf } from './chatHeader';
import { HeldFiles } from './heldFiles';
import { Outbox } from './outbox';
import { matchSentReplies } from './replyMatch';

/** A page with no cursor or `before` holds up to 20 (Chatwoot: app/finders/message_finder.rb). */
export const PAGE_SIZE = 20;
/** `after=` answers up to 100 newer messages, oldest first (same file); a full page means more. */
export const AFTER_PAGE_SIZE = 100;

/**
 * Transport failures that happen before the request leaves (refused, no route, no name): the
 * server never saw the reply, so it may be sent again. Any other failure (a reset or timeout after
 * the request went out) may have created the message, and Chatwoot does not de-duplicate echo ids
 * (docs/chatwoot-rest.md §3), so those are shown as failed for the agent to retry.
 */
// Unreachable-host and -network errors are left out: on a socket kept alive from an earlier
// request they can arrive after the reply was written.
/** A reply refused at the door while online is tried again after this, then with backoff. */
const FLUSH_AFTER_REFUSAL_MS = 1_000;

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function neverReachedServer(e: unknown): boolean {
  return e instanceof ApiError && e.kind === 'network' && e.code !== undefined && NEVER_SENT.has(e.code);
}

/** The conversation core the tree also reads: the store, and a way to fetch one conversation into it. */
export interface ConversationSource {
  readonly store: ConversationStore;
  /** `GET …/conversations/{id}` into the store; rejects when the conversation cannot be loaded. */
  load(conversationId: number): Promise<unknown>;
}

/** Drafts per `<scope>/<conversation id>`, kept by the host so other views of the chat get them. */
export interface DraftStore {
  get(key: string): Draft | undefined;
  set(key: string, draft: Draft): void;
}

export interface ChatSessionOptions {
  readonly key: ConversationKey;
  /** `<base URL>#<account id>`: where the conversation lives; drafts and the outbox are kept under it. */
  readonly scope: string;
  readonly conversations: ConversationSource;
  readonly backend: ChatBackend;
  readonly outbox: Outbox;
  readonly drafts: DraftStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** Posts to the webview. */
  readonly post: (message: ToWebview) => void;
  /** What `init` carries besides the conversation: who the agent is, and the composer setting. */
  readonly viewSettings: () => { readonly agent: ChatAgent; readonly sendOnEnter: boolean; readonly signature?: string | null };
  /** A request failed that the user should hear about (the caller decides how; a revoked token signs out). */
  readonly onError: (error: unknown, action: string) => void;
  /**
   * Whether the connection is up. While it is not, replies wait in the outbox without touching
   * the network; the caller calls `sendQueued` when it returns.
   */
  readonly isOnline: () => boolean;
  /** The files agents attached; without it, attaching is not offered. */
  readonly files?: HeldFiles;
}

/** A file's bytes are held no longer (VS Code was reloaded): the reply cannot go as it was. */
const filesLost = (): string => l10n.t('Its files are no longer held (VS Code was reloaded): discard this reply and attach them again.');
/** Upload progress is posted at most this often. */
const PROGRESS_EVERY_MS = 100;

type Phase = 'idle' | 'loading' | 'loaded' | 'failed';

/** What the message part of a cable event says about one conversation. */
function conversationOfEvent(e: ChatwootEvent): number | undefined {
  switch (e.event) {
    case 'message.created':
    case 'message.updated':
      return e.data.conversation_id;
    case 'conversation.typing_on':
    case 'conversation.typing_off':
      return e.data.conversation.id;
    default:
      return undefined;
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One conversation open in one chat webview, without VS Code: it loads the latest page of
 * messages, older pages on request, and after a reconnect every message newer than the newest it
 * has (`after=`, page by page until a short page); it sends replies through the shared outbox
 * with echo ids, and it posts the webview protocol's messages. The conversation itself (status,
 * assignee, labels, contact) is not kept here: it is read from the conversation store the tree
 * reads, held there while the chat is open (`track`), and every change to it is posted as
 * `conversationUpdated`. Created per conversation; disposing it drops every late answer.
 */
export class ChatSession extends Disposable {
  private _phase: Phase = 'idle';
  /** The loaded messages, by id. */
  private readonly _messages = new Map<number, Message>();
  private _newestId = 0;
  private _hasOlder = false;
  /** Message events that arrived while the first page was on its way; applied after it. */
  private _early: Message[] = [];
  /** Text for the composer that waits for the conversation to be shown. */
  private _pendingInsert: string | undefined;
  /** A message to scroll to once the conversation is shown (the latest asked for wins). */
  private _pendingReveal: number | undefined;
  /** What the header last showed, so unrelated store changes post nothing. */
  private _lastHeader: string | undefined;
  /** Bumped on every (re)load, so a late answer for an earlier one is dropped. */
  private _generation = 0;
  private readonly _catchUp: CatchUp;
  private readonly _flush: CatchUp;
  private _flushTimer: TimerHandle | undefined;
  private readonly _storageKey: string;
  /** Fires when a catch-up fails after succeeding (true) and when one succeeds after failing (false). */
  readonly onDidChangeBehind: CatchUp['onDidChangeBehind'];

  constructor(private readonly _o: ChatSessionOptions) {
    super();
    this._storageKey = scopedKeyString(_o.scope, _o.key);
    const id = _o.key.conversationId;
    this._catchUp = this._register(
      new CatchUp({
        job: () => this._catchUpOnce(),
        what: `conversation #${id}`,
        clock: _o.clock,
        logger: _o.log,
      }),
    );
    this.onDidChangeBehind = this._catchUp.onDidChangeBehind;
    this._register(this._catchUp.onDidChangeBehind((behind) => this._o.post({ type: 'behind', conversationId: id, behind })));
    // A queued reply that again does not reach the server (or waits on another view's send) is
    // tried again with backoff while the connection is up, not left until the next reconnect.
    this._register(toDisposable(() => this._flushTimer !== undefined && _o.clock.clearTimeout(this._flushTimer)));
    this._flush = this._register(new CatchUp({ job: () => this._sendQueuedOnce(), what: `the queued replies of conversation #${id}`, clock: _o.clock, logger: _o.log }));
    const store = _o.conversations.store;
    this._register(store.track(id));
    this._register(store.onDidChange((change) => this._onStoreChange(change)));
  }

  get key(): ConversationKey {
    return this._o.key;
  }

  /** Whether the conversation and its latest messages are shown. */
  get isLoaded(): boolean {
    return this._phase === 'loaded';
  }

  /** Whether the last load failed (showing the same conversation again retries it). */
  get hasFailed(): boolean {
    return this._phase === 'failed';
  }

  /** Whether the last catch-up failed, so the messages shown may be out of date (a retry is scheduled). */
  get isBehind(): boolean {
    return this._catchUp.isBehind;
  }

  /** The loaded messages, oldest first. */
  get messages(): readonly Message[] {
    return [...this._messages.values()].sort((a, b) => a.id - b.id);
  }

  /** The newest message id loaded: what the catch-up asks for messages after. */
  get newestId(): number {
    return this._newestId;
  }

  /** The conversation as the header shows it, from the store; undefined until the store holds it. */
  get conversation(): ChatConversation | undefined {
    const record = this._o.conversations.store.get(this._o.key.conversationId);
    return record && chatConversationOf(this._o.conversations.store, record);
  }

  /**
   * Loads the conversation into the store and the latest page of messages, then posts `init`.
   * Every call loads afresh (a webview that reloaded says `ready` again); a failure posts `empty`
   * with the reason and a Retry, and is reported through `onError`. Resolves with whether it was
   * shown. Replies queued while offline are sent after it when the connection is up.
   */
  async open(): Promise<boolean> {
    const generation = ++this._generation;
    const { key, conversations, backend, log } = this._o;
    const id = key.conversationId;
    this._phase = 'loading';
    this._early = [];
    log.info(`opening conversation #${id}`);
    try {
      const [, listed, canned] = await Promise.all([
        conversations.load(id),
        backend.messages(id),
        backend.cannedResponses().catch((e: unknown) => {
          log.warn('canned responses unavailable', e);
          return [] as readonly WireCannedResponse[];
        }),
      ]);
      if (this._isStale(generation)) return false;
      const conversation = this.conversation;
      if (!conversation) throw new Error(l10n.t('the conversation is not available'));
      const page = this._withEchoIds(listed);
      this._messages.clear();
      this._newestId = 0;
      for (const m of page) this._remember(m);
      this._hasOlder = page.length >= PAGE_SIZE;
      this._phase = 'loaded';
      this._lastHeader = JSON.stringify(conversation);
      const { agent, sendOnEnter, signature } = this._o.viewSettings();
      this._o.post({
        type: 'init',
        conversation,
        messages: page,
        hasOlder: this._hasOlder,
        agent,
        cannedResponses: canned,
        outbox: this._o.outbox.items(this._storageKey),
        draft: this._o.drafts.get(this._storageKey) ?? null,
        scope: this._o.scope,
        sendOnEnter,
        ...(this._o.files ? { stagedFiles: this._o.files.staged(this._storageKey), attachmentLimits: this._o.files.limits } : {}),
        agents: this._mentionables(),
        signature: signature ?? null,
      });
      for (const m of page) this._confirm(m);
      this._failInterrupted();
      const early = this._early;
      this._early = [];
      for (const m of early) this._upsertMessage(m);
      if (this._pendingInsert !== undefined) {
        this._o.post({ type: 'insertText', conversationId: id, text: this._pendingInsert });
        this._pendingInsert = undefined;
      }
      if (this._pendingReveal !== undefined) {
        this._o.post({ type: 'revealMessage', conversationId: id, messageId: this._pendingReveal });
        this._pendingReveal = undefined;
      }
      // A reloaded view lost the banner: show it again, and a catch-up from the fresh page clears it.
      if (this._catchUp.isBehind) {
        this._o.post({ type: 'behind', conversationId: id, behind: true });
        void this.catchUp();
      }
      void this.sendQueued();
      return true;
    } catch (e) {
      if (this._isStale(generation)) return false;
      this._phase = 'failed';
      this._o.post({ type: 'empty', text: l10n.t('Could not open conversation #{0}: {1}', id, errorText(e)), retry: true });
      this._o.onError(e, l10n.t('open conversation #{0}', id));
      return false;
    }
  }

  /**
   * A reply that was on its way when the window closed is neither sending nor queued now, and the
   * page did not list it: whether it reached Chatwoot is unknown, so it is shown failed, with Retry
   * and Discard, rather than "Sending…" for ever.
   */
  private _failInterrupted(): void {
    const k = this._storageKey;
    for (const item of this._o.outbox.unconfirmed(k)) {
      if (item.error) continue;
      const error = l10n.t('Interrupted while sending: check the conversation before you retry.');
      this._o.outbox.fail(k, item.echoId, error);
      this._o.post({ type: 'sendFailed', conversationId: this._o.key.conversationId, echoId: item.echoId, error });
    }
  }

  /** Puts text into the composer (never sends it); held until the conversation is shown. */
  insertText(text: string): void {
    if (this.isLoaded) this._o.post({ type: 'insertText', conversationId: this._o.key.conversationId, text });
    else this._pendingInsert = (this._pendingInsert ?? '') + text;
  }

  /** Scrolls the view to a message (loading older pages as needed); held until the conversation is shown. */
  revealMessage(messageId: number): void {
    if (this.isLoaded) this._o.post({ type: 'revealMessage', conversationId: this._o.key.conversationId, messageId });
    else this._pendingReveal = messageId;
  }

  /** Switches the composer between Reply and Private note; nothing to switch before the view shows it. */
  toggleNoteMode(): void {
    if (this.isLoaded) this._o.post({ type: 'toggleNoteMode', conversationId: this._o.key.conversationId });
  }

  /**
   * A cable event: new and changed messages and typing of this conversation. Conversation events
   * reach the header through the store, not here. Returns whether it was about this conversation.
   */
  onEvent(e: ChatwootEvent): boolean {
    if (this.isDisposed || conversationOfEvent(e) !== this._o.key.conversationId) return false;
    switch (e.event) {
      case 'message.created':
      case 'message.updated':
        if (this._phase === 'loading') this._early.push(e.data);
        else if (this.isLoaded) this._upsertMessage(e.data);
        return true;
      case 'conversation.typing_on':
      case 'conversation.typing_off':
        if (this.isLoaded) this._o.post({ type: 'typing', conversationId: this._o.key.conversationId, name: e.data.user.name ?? l10n.t('Someone'), on: e.event === 'conversation.typing_on' });
        return true;
      default:
        return false;
    }
  }

  /**
   * After a reconnect (or "Retry now"): every message newer than the newest loaded, page by page
   * until a page comes back short. Calls during a run share the one queued after it. A failure
   * is retried with backoff until a run succeeds (common/catchUp.ts); meanwhile the view shows
   * that it may be out of date. Settles when this run has ended, whatever its outcome.
   */
  async catchUp(): Promise<void> {
    await this._catchUp.run().catch(() => undefined);
  }

  /** An older page, answering the webview's `loadOlder`. */
  async loadOlder(beforeId: number): Promise<void> {
    const id = this._o.key.conversationId;
    const generation = this._generation;
    try {
      const page = await this._o.backend.messages(id, { before: beforeId });
      if (this._isStale(generation)) return;
      for (const m of page) this._remember(m);
      this._o.post({ type: 'messagesPrepended', conversationId: id, messages: page, hasOlder: page.length >= PAGE_SIZE });
    } catch (e) {
      if (this._isStale(generation)) return;
      this._o.post({ type: 'messagesPrepended', conversationId: id, messages: [], hasOlder: true, error: errorText(e) });
    }
  }

  /**
   * Sends a reply or note. The outbox keeps it (with its error, if the server refuses) until the
   * server confirms it by echo id; an echo id already on its way is not sent twice. While the
   * connection is down, or replies queued earlier still wait, it joins the queue instead, so the
   * replies reach the conversation in the order they were written.
   */
  async send(message: SendRequest & { readonly attachmentIds?: readonly string[] }): Promise<void> {
    const k = this._storageKey;
    const attachments = this._attachmentsFor(message.echoId, message.attachmentIds);
    const item: OutboxItem = {
      echoId: message.echoId,
      content: message.content,
      private: message.private,
      ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
      ...(message.ccEmails ? { ccEmails: message.ccEmails } : {}),
      ...(message.bccEmails ? { bccEmails: message.bccEmails } : {}),
      createdAt: this._o.clock.now(),
      ...(this._newestId > 0 ? { afterId: this._newestId } : {}),
      ...(attachments.length ? { attachments } : {}),
    };
    if (!this._o.isOnline() || this._o.outbox.queued(k).length > 0) {
      if (this._o.outbox.queue(k, item)) this._postQueued(item.echoId);
      await this.sendQueued();
      return;
    }
    // Not reached while online (a refused connection): queued, and tried again shortly.
    if (!(await this._sendNow(item))) this._flushSoon();
  }

  /**
   * The files a send carries: those the outbox already names for this echo id (a retry), else the
   * staged files it takes from the composer.
   */
  private _attachmentsFor(echoId: string, ids: readonly string[] | undefined): StagedFile[] {
    const known = this._o.outbox.items(this._storageKey).find((i) => i.echoId === echoId)?.attachments;
    if (known?.length) return [...known];
    if (!ids?.length || !this._o.files) return [];
    return this._o.files.take(this._storageKey, ids);
  }

  /** Stages files in this conversation's composer and tells the view (refusals too). */
  stage(files: readonly UploadFile[], refused: readonly { name: string; error: string }[] = []): void {
    const held = this._o.files;
    if (!held) return;
    const staged: StagedFile[] = [];
    const refusals = [...refused];
    for (const f of files) {
      const r = held.stage(this._storageKey, f);
      if (typeof r === 'string') refusals.push({ name: f.name, error: r });
      else staged.push(held.staged(this._storageKey).find((s) => s.id === r.id) ?? r);
    }
    if (this.isDisposed) return;
    this._o.post({ type: 'filesStaged', conversationId: this._o.key.conversationId, files: staged, ...(refusals.length ? { refused: refusals } : {}) });
  }

  /** Why a file of this size cannot be staged (checked before it is read), or undefined. */
  refusal(name: string, size: number, alsoStaging = 0): string | undefined {
    return this._o.files?.refusal(this._storageKey, name, size, alsoStaging);
  }

  unstage(fileId: string): void {
    this._o.files?.unstage(this._storageKey, fileId);
  }

  private _flushSoon(): void {
    if (this._flushTimer !== undefined || this.isDisposed) return;
    this._flushTimer = this._o.clock.setTimeout(() => {
      this._flushTimer = undefined;
      void this.sendQueued();
    }, FLUSH_AFTER_REFUSAL_MS);
  }

  /**
   * Sends the replies queued for this conversation, oldest first, each once; stops when the
   * connection is down again. Called when the connection returns.
   */
  sendQueued(): Promise<void> {
    if (!this._o.isOnline() || this._o.outbox.queued(this._storageKey).length === 0) return Promise.resolve();
    // A failed run is logged and retried by the CatchUp; nobody waiting on this has more to do.
    return this._flush.run().catch(() => undefined);
  }

  private async _sendQueuedOnce(): Promise<void> {
    const k = this._storageKey;
    for (const item of this._o.outbox.queued(k)) {
      // Offline: the connection's return calls this again.
      if (this.isDisposed || !this._o.isOnline()) return;
      // Another view of this conversation is sending: it keeps the order; this one looks again later.
      if (this._o.outbox.isSending(k)) throw new Error('another view is sending this conversation’s replies');
      if (!this._o.outbox.queued(k).some((q) => q.echoId === item.echoId)) continue;
      if (!(await this._sendNow(item))) throw new Error('a queued reply did not reach the server');
    }
  }

  /** One POST of one reply; false when it never reached the server and waits in the queue again. */
  private async _sendNow(item: OutboxItem): Promise<boolean> {
    const id = this._o.key.conversationId;
    const k = this._storageKey;
    let files: UploadFile[] | undefined;
    if (item.attachments?.length) {
      files = this._o.files?.uploads(item.attachments);
      if (!files) {
        const error = filesLost();
        this._o.outbox.fail(k, item.echoId, error);
        if (!this.isDisposed) this._o.post({ type: 'sendFailed', conversationId: id, echoId: item.echoId, error });
        return true;
      }
    }
    if (!this._o.outbox.begin(k, item)) return true;
    try {
      const sent = await this._o.backend.send(id, {
        echoId: item.echoId,
        content: item.content,
        private: item.private,
        ...(item.inReplyTo === undefined ? {} : { inReplyTo: item.inReplyTo }),
        ...(item.ccEmails ? { ccEmails: item.ccEmails } : {}),
        ...(item.bccEmails ? { bccEmails: item.bccEmails } : {}),
        ...(files ? { files, onProgress: this._progress(item.echoId) } : {}),
      });
      this._o.outbox.remove(k, item.echoId);
      if (this.isDisposed) return true;
      // The server's copy carries our echo id, so the pending bubble becomes it (no duplicate
      // when message.created arrives too).
      this._upsertMessage({ ...sent, echo_id: sent.echo_id ?? item.echoId });
      return true;
    } catch (e) {
      const error = errorText(e);
      if (neverReachedServer(e)) {
        this._o.outbox.requeue(k, item.echoId);
        this._o.log.warn(`sending to #${id} did not reach the server (${error}); queued until the connection returns`);
        this._postQueued(item.echoId);
        return false;
      }
      this._o.outbox.fail(k, item.echoId, error);
      this._o.log.warn(`sending to #${id} failed: ${error}`);
      if (!this.isDisposed) this._o.post({ type: 'sendFailed', conversationId: id, echoId: item.echoId, error });
      return true;
    }
  }

  /** Posts an upload's progress, at most every PROGRESS_EVERY_MS and always at its end. */
  private _progress(echoId: string): (sent: number, total: number) => void {
    let last = -Infinity;
    return (sent, total) => {
      const now = this._o.clock.now();
      if (this.isDisposed || (sent < total && now - last < PROGRESS_EVERY_MS)) return;
      last = now;
      this._o.post({ type: 'sendProgress', conversationId: this._o.key.conversationId, echoId, sent, total });
    };
  }

  private _postQueued(echoId: string): void {
    if (!this.isDisposed) this._o.post({ type: 'sendQueued', conversationId: this._o.key.conversationId, echoId });
  }

  /** A message the channel failed to deliver, sent again by the server. */
  async retryMessage(messageId: number): Promise<void> {
    try {
      await this._o.backend.retryMessage(this._o.key.conversationId, messageId);
    } catch (e) {
      this._o.onError(e, l10n.t('retry the message'));
    }
  }

  /** The agent dropped an unsent reply. */
  discard(echoId: string): void {
    this._o.outbox.remove(this._storageKey, echoId);
  }

  async typing(on: boolean, isPrivate: boolean): Promise<void> {
    await this._o.backend.typing(this._o.key.conversationId, on, isPrivate).catch((e: unknown) => this._o.log.debug('typing status not sent', e));
  }

  draftChanged(draft: Draft): void {
    this._o.drafts.set(this._storageKey, draft);
  }

  private _isStale(generation: number): boolean {
    return this.isDisposed || generation !== this._generation;
  }

  private _remember(m: Message): void {
    this._messages.set(m.id, m);
    this._newestId = Math.max(this._newestId, m.id);
  }

  /**
   * A listed message carries no echo id (docs/chatwoot-rest.md §3): one that is an unconfirmed
   * reply of the outbox gets that reply's, so it confirms the reply and replaces its bubble
   * instead of leaving a Retry that would post it twice.
   */
  private _withEchoIds(listed: readonly Message[]): Message[] {
    const unconfirmed = this._o.outbox.unconfirmed(this._storageKey);
    if (unconfirmed.length === 0) return [...listed];
    const echoes = matchSentReplies(unconfirmed, listed, this._o.viewSettings().agent.id);
    return listed.map((m) => (echoes.has(m.id) ? { ...m, echo_id: echoes.get(m.id) } : m));
  }

  /** The server has this reply: it leaves the outbox. */
  private _confirm(m: Message): void {
    if (m.echo_id !== undefined && m.echo_id !== null) this._o.outbox.remove(this._storageKey, String(m.echo_id));
  }

  private _upsertMessage(m: Message): void {
    this._confirm(m);
    this._remember(m);
    this._o.post({ type: 'messageUpserted', conversationId: this._o.key.conversationId, message: m });
  }

  /** One catch-up run; rejects when a page could not be fetched, so CatchUp retries it. */
  private async _catchUpOnce(): Promise<void> {
    // Not shown yet: the load in progress (or the next one) brings the latest page anyway.
    if (!this.isLoaded) return;
    const id = this._o.key.conversationId;
    const generation = this._generation;
    for (;;) {
      const after = this._newestId;
      let page: readonly Message[];
      try {
        page = await this._o.backend.messages(id, { after });
      } catch (e) {
        // A late failure of a load already replaced says nothing about the current one.
        if (this._isStale(generation)) return;
        throw e;
      }
      if (this._isStale(generation)) return;
      const fresh = this._withEchoIds(page.filter((m) => m.id > after));
      if (fresh.length) {
        for (const m of fresh) {
          this._confirm(m);
          this._remember(m);
        }
        this._o.post({ type: 'messagesAppended', conversationId: id, messages: fresh });
      }
      // A short page is the end; so is a full one that moved nothing forward (a confused server).
      if (page.length < AFTER_PAGE_SIZE || this._newestId === after) break;
    }
  }

  /** The account's agents, by name: whom a private note may @mention. */
  private _mentionables(): ChatMentionable[] {
    return [...this._o.conversations.store.agents.values()].map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The store changed this conversation (an event, an action of the tree or of this chat): repaint the header. */
  private _onStoreChange(change: StoreChange): void {
    if (this.isLoaded && change.catalog) this._o.post({ type: 'agents', agents: this._mentionables() });
    if (!this.isLoaded || !change.conversations.has(this._o.key.conversationId)) return;
    const conversation = this.conversation;
    if (!conversation) return;
    const text = JSON.stringify(conversation);
    if (text === this._lastHeader) return;
    this._lastHeader = text;
    this._o.post({ type: 'conversationUpdated', conversation });
  }
}
