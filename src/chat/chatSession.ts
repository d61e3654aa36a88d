import { Clock, TimerHandle } from '../common/clock';
import { Coalesced } from '../common/coalesce';
import { Disposable, toDisposable } from '../common/dispose';
import { Logger } from '../common/log';
import { ConversationKey, scopedKeyString } from '../conversations/conversationKey';
import { ConversationStore, StoreChange } from '../conversations/store';
import { Message } from '../model/message';
import { ChatwootEvent } from '../realtime/events';
import type { ChatAgent, ChatConversation, Draft, ToWebview, WireCannedResponse } from '../shared/chatProtocol';
import { ChatBackend } from './chatBackend';
import { chatConversationOf } from './chatHeader';
import { Outbox } from './outbox';

/** A page with no cursor or `before` holds up to 20 (Chatwoot: app/finders/message_finder.rb). */
export const PAGE_SIZE = 20;
/** `after=` answers up to 100 newer messages, oldest first (same file); a full page means more. */
export const AFTER_PAGE_SIZE = 100;
/** A failed catch-up is tried again after 5 s, 10 s and 15 s, then left to the next reconnect. */
export const CATCH_UP_RETRY_MS = 5_000;
export const CATCH_UP_ATTEMPTS = 4;

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
  readonly viewSettings: () => { readonly agent: ChatAgent; readonly sendOnEnter: boolean };
  /** A request failed that the user should hear about (the caller decides how; a revoked token signs out). */
  readonly onError: (error: unknown, action: string) => void;
}

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
  /** What the header last showed, so unrelated store changes post nothing. */
  private _lastHeader: string | undefined;
  /** Bumped on every (re)load, so a late answer for an earlier one is dropped. */
  private _generation = 0;
  private readonly _catchUp: Coalesced;
  private _retryTimer: TimerHandle | undefined;
  /** Which try of the current catch-up this is (1 = the first). */
  private _attempt = 1;
  private readonly _storageKey: string;

  constructor(private readonly _o: ChatSessionOptions) {
    super();
    this._storageKey = scopedKeyString(_o.scope, _o.key);
    this._catchUp = this._register(new Coalesced(() => this._catchUpOnce()));
    const store = _o.conversations.store;
    this._register(store.track(_o.key.conversationId));
    this._register(store.onDidChange((change) => this._onStoreChange(change)));
    this._register(toDisposable(() => this._clearRetry()));
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
   * with the reason and is reported through `onError`. Resolves with whether it was shown.
   */
  async open(): Promise<boolean> {
    const generation = ++this._generation;
    const { key, conversations, backend, log } = this._o;
    const id = key.conversationId;
    this._phase = 'loading';
    this._early = [];
    log.info(`opening conversation #${id}`);
    try {
      const [, page, canned] = await Promise.all([
        conversations.load(id),
        backend.messages(id),
        backend.cannedResponses().catch((e: unknown) => {
          log.warn('canned responses unavailable', e);
          return [] as readonly WireCannedResponse[];
        }),
      ]);
      if (this._isStale(generation)) return false;
      const conversation = this.conversation;
      if (!conversation) throw new Error('the conversation is not available');
      this._messages.clear();
      this._newestId = 0;
      for (const m of page) this._remember(m);
      this._hasOlder = page.length >= PAGE_SIZE;
      this._phase = 'loaded';
      this._lastHeader = JSON.stringify(conversation);
      const { agent, sendOnEnter } = this._o.viewSettings();
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
      });
      for (const m of page) this._confirm(m);
      const early = this._early;
      this._early = [];
      for (const m of early) this._upsertMessage(m);
      if (this._pendingInsert !== undefined) {
        this._o.post({ type: 'insertText', conversationId: id, text: this._pendingInsert });
        this._pendingInsert = undefined;
      }
      return true;
    } catch (e) {
      if (this._isStale(generation)) return false;
      this._phase = 'failed';
      this._o.post({ type: 'empty', text: `Could not open conversation #${id}: ${errorText(e)}` });
      this._o.onError(e, `open conversation #${id}`);
      return false;
    }
  }

  /** Puts text into the composer (never sends it); held until the conversation is shown. */
  insertText(text: string): void {
    if (this.isLoaded) this._o.post({ type: 'insertText', conversationId: this._o.key.conversationId, text });
    else this._pendingInsert = (this._pendingInsert ?? '') + text;
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
        if (this.isLoaded) this._o.post({ type: 'typing', conversationId: this._o.key.conversationId, name: e.data.user.name ?? 'Someone', on: e.event === 'conversation.typing_on' });
        return true;
      default:
        return false;
    }
  }

  /**
   * After a reconnect: every message newer than the newest loaded, page by page until a page
   * comes back short. Calls during a run share the one queued after it. A failure is tried again
   * a few times (CATCH_UP_RETRY_MS apart), since it often meets a server still coming back.
   */
  catchUp(): Promise<void> {
    this._clearRetry();
    this._attempt = 1;
    return this._catchUp.run();
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
   * server confirms it by echo id; an echo id already on its way is not sent twice.
   */
  async send(message: { readonly echoId: string; readonly content: string; readonly private: boolean }): Promise<void> {
    const id = this._o.key.conversationId;
    const k = this._storageKey;
    if (!this._o.outbox.begin(k, { echoId: message.echoId, content: message.content, private: message.private, createdAt: this._o.clock.now() })) return;
    try {
      const sent = await this._o.backend.send(id, message);
      this._o.outbox.remove(k, message.echoId);
      if (this.isDisposed) return;
      // The server's copy carries our echo id, so the pending bubble becomes it (no duplicate
      // when message.created arrives too).
      this._upsertMessage({ ...sent, echo_id: sent.echo_id ?? message.echoId });
    } catch (e) {
      const error = errorText(e);
      this._o.outbox.fail(k, message.echoId, error);
      this._o.log.warn(`sending to #${id} failed: ${error}`);
      if (!this.isDisposed) this._o.post({ type: 'sendFailed', conversationId: id, echoId: message.echoId, error });
    }
  }

  /** A message the channel failed to deliver, sent again by the server. */
  async retryMessage(messageId: number): Promise<void> {
    try {
      await this._o.backend.retryMessage(this._o.key.conversationId, messageId);
    } catch (e) {
      this._o.onError(e, 'retry the message');
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

  /** The server has this reply: it leaves the outbox. */
  private _confirm(m: Message): void {
    if (m.echo_id !== undefined && m.echo_id !== null) this._o.outbox.remove(this._storageKey, String(m.echo_id));
  }

  private _upsertMessage(m: Message): void {
    this._confirm(m);
    this._remember(m);
    this._o.post({ type: 'messageUpserted', conversationId: this._o.key.conversationId, message: m });
  }

  private async _catchUpOnce(): Promise<void> {
    if (!this.isLoaded) return;
    const attempt = this._attempt;
    const id = this._o.key.conversationId;
    const generation = this._generation;
    try {
      for (;;) {
        const after = this._newestId;
        const page = await this._o.backend.messages(id, { after });
        if (this._isStale(generation)) return;
        const fresh = page.filter((m) => m.id > after);
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
    } catch (e) {
      if (this._isStale(generation)) return;
      if (attempt >= CATCH_UP_ATTEMPTS) {
        this._o.log.warn(`catch-up of #${id} failed ${attempt} times; waiting for the next reconnect`, e);
        return;
      }
      this._o.log.warn(`catch-up of #${id} failed; trying again in ${(CATCH_UP_RETRY_MS * attempt) / 1000} s`, e);
      this._retryTimer = this._o.clock.setTimeout(() => {
        this._retryTimer = undefined;
        this._attempt = attempt + 1;
        void this._catchUp.run();
      }, CATCH_UP_RETRY_MS * attempt);
    }
  }

  private _clearRetry(): void {
    if (this._retryTimer !== undefined) this._o.clock.clearTimeout(this._retryTimer);
    this._retryTimer = undefined;
  }

  /** The store changed this conversation (an event, an action of the tree or of this chat): repaint the header. */
  private _onStoreChange(change: StoreChange): void {
    if (!this.isLoaded || !change.conversations.has(this._o.key.conversationId)) return;
    const conversation = this.conversation;
    if (!conversation) return;
    const text = JSON.stringify(conversation);
    if (text === this._lastHeader) return;
    this._lastHeader = text;
    this._o.post({ type: 'conversationUpdated', conversation });
  }
}
