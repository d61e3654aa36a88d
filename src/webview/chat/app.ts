/**
 * The chat app: applies host messages to the views and turns the agent's actions into protocol
 * messages. It owns the conversation being shown, the optimistic sends and what is persisted.
 */
import * as l10n from '@vscode/l10n';
import type { ChatAgent, ChatConversation, Draft, OutboxItem, ToWebview, WireMessage } from '../../protocol/chatProtocol';
import { CodeLinks } from './codeLinks';
import { Announcer } from './announcer';
import { Composer, type SendExtras } from './composer';
import { h, icon, iconButton } from './dom';
import { Header } from './header';
import { safeLinkUrl, setInstallation } from './links';
import { MessageList } from './messageList';
import type { HostClient } from './protocolClient';
import { ViewState } from './persistedState';
import { StagedFiles } from './stagedFiles';
import { TypingIndicator } from './typingIndicator';
import { variablesFor } from './variables';

/** The host hears about draft edits at most this often (the webview's own state is saved at once). */
const DRAFT_POST_MS = 500;

export class ChatApp {
  private readonly _state: ViewState;
  private readonly _banner: HTMLElement;
  /** "May be out of date": a catch-up failed and is being retried. */
  private readonly _behind: HTMLElement;
  private readonly _empty: HTMLElement;
  private readonly _emptyRetry: HTMLButtonElement;
  private readonly _chat: HTMLElement;
  private readonly _header: Header;
  private readonly _list: MessageList;
  private readonly _typing: TypingIndicator;
  private readonly _composer: Composer;
  private readonly _staged: StagedFiles;
  private readonly _codeLinks: CodeLinks;
  private readonly _announcer = new Announcer();
  private _conversation: ChatConversation | null = null;
  private _agent: ChatAgent = { id: 0, name: l10n.t('You') };
  /** Where the open conversation lives; drafts and unsent replies are kept per scope and id. */
  private _scope: string | null = null;
  private _draftTimer: ReturnType<typeof setTimeout> | undefined;
  private _draftToPost: { conversationId: number; draft: Draft } | null = null;

  constructor(
    root: HTMLElement,
    private readonly _host: HostClient,
  ) {
    this._state = new ViewState(_host);
    this._banner = h('div', { class: 'banner banner--connection', attrs: { role: 'status', hidden: true } });
    const retryNow = iconButton('refresh', l10n.t('Catch up with the server now'), { text: l10n.t('Retry now'), class: 'text-button' });
    retryNow.addEventListener('click', () => this._host.post({ type: 'refresh' }));
    this._behind = h(
      'div',
      { class: 'banner banner--behind', attrs: { role: 'status', hidden: true } },
      icon('warning'),
      h('span', { class: 'banner__text', text: l10n.t('This conversation may be out of date: catching up with the server failed. Retrying…') }),
      retryNow,
    );
    this._emptyRetry = iconButton('refresh', l10n.t('Open the conversation again'), { text: l10n.t('Retry'), class: 'text-button' });
    this._emptyRetry.hidden = true;
    this._emptyRetry.addEventListener('click', () => {
      this._showEmpty(l10n.t('Loading conversation…'));
      this._host.post({ type: 'refresh' });
    });
    this._empty = h('div', { class: 'empty' }, icon('comment-discussion', 'empty__icon'), h('p', { class: 'empty__text' }), this._emptyRetry);
    this._header = new Header((name) => this._conversation && this._host.post({ type: 'action', conversationId: this._conversation.id, name }));
    // Edit Labels' key (Ctrl+Alt+L, Cmd+Alt+L on macOS) in a chat: a keybinding's `when` clause
    // cannot tell that a chat view has focus, so the page asks for the action as its header does.
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.altKey && !e.shiftKey && e.code === 'KeyL' && !e.isComposing && this._conversation) {
        e.preventDefault();
        this._host.post({ type: 'action', conversationId: this._conversation.id, name: 'editLabels' });
      }
    });
    this._list = new MessageList({
      loadOlder: (beforeId) => this._post((conversationId) => ({ type: 'loadOlder', conversationId, beforeId })),
      retryMessage: (messageId) => this._post((conversationId) => ({ type: 'retry', conversationId, messageId })),
      retrySend: (echoId) => this._retrySend(echoId),
      discard: (echoId) => this._discard(echoId),
      saveAttachment: (url, name) => this._host.post({ type: 'saveAttachment', url, name }),
      replyTo: (m) => this._composer.replyTo(m),
    });
    this._typing = new TypingIndicator();
    this._composer = new Composer({
      send: (content, isPrivate, extras) => this._send(content, isPrivate, extras),
      typing: (on, isPrivate) => this._post((conversationId) => ({ type: 'typing', conversationId, on, private: isPrivate })),
      draftChanged: (draft) => this._draftChanged(draft),
      hasAttachments: () => this._staged.files.length > 0,
      openInBrowser: () => this._post((conversationId) => ({ type: 'action', conversationId, name: 'openInBrowser' })),
    });
    this._staged = new StagedFiles({
      pick: () => this._post((conversationId) => ({ type: 'pickFiles', conversationId })),
      stage: (files) => this._post((conversationId) => ({ type: 'stageFiles', conversationId, files })),
      unstage: (fileId) => this._post((conversationId) => ({ type: 'unstageFile', conversationId, fileId })),
    });
    this._composer.mountAttachments(this._staged.list, this._staged.notice, this._staged.button);
    this._staged.wire(this._composer.el, this._composer.input);
    this._chat = h('div', { class: 'chat', attrs: { hidden: true } }, this._header.el, this._list.el, this._typing.el, this._composer.el);
    // The shell marks the whole app live; only the message log and status lines should speak.
    root.removeAttribute('aria-live');
    root.replaceChildren(this._banner, this._behind, this._empty, this._chat, this._announcer.el);
    this._showEmpty(this._state.conversationId !== null ? l10n.t('Loading conversation…') : undefined);
    routeLinks(root, (url) => this._host.post({ type: 'openLink', url }));
    this._codeLinks = new CodeLinks(this._list.el, (m) => this._host.post(m));
  }

  handle(msg: ToWebview): void {
    switch (msg.type) {
      case 'init':
        this._open(msg);
        break;
      case 'messagesPrepended':
        if (this._isCurrent(msg.conversationId)) this._list.prepend(msg.messages, msg.hasOlder, msg.error);
        break;
      case 'messagesAppended':
        if (this._isCurrent(msg.conversationId)) this._upsert(msg.messages);
        break;
      case 'messageUpserted':
        if (this._isCurrent(msg.conversationId)) this._upsert([msg.message]);
        break;
      case 'conversationUpdated':
        if (this._isCurrent(msg.conversation.id)) {
          this._conversation = msg.conversation;
          this._header.update(msg.conversation, this._agent);
          this._composer.setChannel(msg.conversation.channel);
          this._composer.setCanReply(msg.conversation.canReply !== false);
          this._composer.setVariables(variablesFor(msg.conversation, this._agent));
        }
        break;
      case 'typing':
        if (this._isCurrent(msg.conversationId)) this._typing.set(msg.name, msg.on);
        break;
      case 'sendFailed':
        if (this._isCurrent(msg.conversationId)) this._updatePending(msg.echoId, { error: msg.error || l10n.t('The reply could not be sent.'), queued: null });
        break;
      case 'sendQueued':
        if (this._isCurrent(msg.conversationId)) this._updatePending(msg.echoId, { error: null, queued: true });
        break;
      case 'behind':
        if (this._isCurrent(msg.conversationId)) this._behind.hidden = !msg.behind;
        break;
      case 'empty':
        if (msg.signedOut) {
          // Nothing typed for the last agent's customers is kept or sent on.
          clearTimeout(this._draftTimer);
          this._draftTimer = undefined;
          this._draftToPost = null;
          this._state.forgetAll();
        } else this._flushDraft();
        this._conversation = null;
        this._state.setConversation(null, null);
        this._showEmpty(msg.text, msg.retry === true);
        break;
      case 'connection':
        this._banner.hidden = !msg.stale;
        this._banner.replaceChildren(icon('debug-disconnect'), msg.text);
        break;
      case 'insertText':
        if (this._isCurrent(msg.conversationId)) this._composer.insertText(msg.text);
        break;
      case 'settings':
        this._composer.setSendOnEnter(msg.sendOnEnter);
        if (msg.signature !== undefined) this._composer.setSignature(msg.signature);
        break;
      case 'agents':
        this._composer.setMentionables(msg.agents);
        break;
      case 'filesStaged':
        if (this._isCurrent(msg.conversationId)) {
          this._staged.add(msg.files, msg.refused);
          this._composer.focus();
        }
        break;
      case 'sendProgress':
        if (this._isCurrent(msg.conversationId)) this._list.setProgress(msg.echoId, msg.sent, msg.total);
        break;
      case 'codeRefsResolved':
        this._codeLinks.resolved(msg.asked, msg.found);
        break;
      case 'toggleNoteMode':
        if (this._isCurrent(msg.conversationId)) this._composer.toggleMode();
        break;
      case 'revealMessage':
        if (this._isCurrent(msg.conversationId)) this._list.reveal(msg.messageId);
        break;
      default:
        msg satisfies never;
    }
  }

  /** Conversation ids repeat across installations and accounts; the scope tells them apart. */
  private _key(conversationId: number): string {
    return this._scope ? `${this._scope}/${conversationId}` : String(conversationId);
  }

  private _open(msg: Extract<ToWebview, { type: 'init' }>): void {
    const c = msg.conversation;
    if (this._conversation && this._conversation.id !== c.id) this._flushDraft();
    this._conversation = c;
    this._agent = msg.agent;
    this._scope = msg.scope ?? null;
    this._state.setConversation(c.id, this._scope);
    // The scope is `<base URL>#<account id>`: images load without a click only from that installation.
    setInstallation(this._scope ? this._scope.slice(0, this._scope.lastIndexOf('#')) : null);

    // The host's outbox is the truth; what only this view remembers was interrupted by a reload.
    const confirmed = new Set(msg.messages.map((m) => m.echo_id).filter((e) => e !== null && e !== undefined).map(String));
    const pending = new Map<string, OutboxItem>();
    for (const item of msg.outbox ?? []) pending.set(item.echoId, item);
    for (const item of this._state.unsent(this._key(c.id))) {
      if (!pending.has(item.echoId)) pending.set(item.echoId, item.error ? item : { ...item, queued: null, error: l10n.t('Sending was interrupted. Retry, or discard the reply.') });
    }
    for (const echo of confirmed) pending.delete(echo);

    this._header.update(c, msg.agent);
    this._behind.hidden = true;
    this._typing.clear();
    this._announcer.clear();
    this._chat.hidden = false;
    this._empty.hidden = true;
    this._list.reset(msg.messages, msg.hasOlder, [...pending.values()], msg.agent.name);
    this._composer.setSendOnEnter(msg.sendOnEnter !== false);
    this._composer.setMentionables(msg.agents ?? []);
    this._composer.setChannel(c.channel);
    this._composer.setSignature(msg.signature);
    this._composer.load(this._state.draft(this._key(c.id)) ?? msg.draft ?? null, c.canReply !== false, msg.cannedResponses, variablesFor(c, msg.agent));
    this._staged.load(msg.stagedFiles ?? [], msg.attachmentLimits ?? null);
    this._saveUnsent();
  }

  private _upsert(messages: readonly WireMessage[]): void {
    this._announcer.newMessages(this._list.upsert(messages), this._agent);
    this._saveUnsent();
  }

  private _send(content: string, isPrivate: boolean, extras: SendExtras): void {
    const c = this._conversation;
    if (!c) return;
    const attachments = this._staged.takeAll();
    const item: OutboxItem = { echoId: newEchoId(), content, private: isPrivate, createdAt: Date.now(), ...extras, ...(attachments.length ? { attachments } : {}) };
    this._list.addPending(item);
    this._saveUnsent();
    this._host.post({ type: 'send', conversationId: c.id, content, private: isPrivate, echoId: item.echoId, ...extras, ...(attachments.length ? { attachmentIds: attachments.map((f) => f.id) } : {}) });
  }

  private _retrySend(echoId: string): void {
    const item = this._list.pending().find((p) => p.echoId === echoId);
    if (!item) return;
    this._updatePending(echoId, { error: null, queued: null });
    const attachmentIds = item.attachments?.map((f) => f.id);
    const { inReplyTo, ccEmails, bccEmails } = item;
    const extras: SendExtras = { ...(inReplyTo === undefined ? {} : { inReplyTo }), ...(ccEmails ? { ccEmails } : {}), ...(bccEmails ? { bccEmails } : {}) };
    this._post((conversationId) => ({ type: 'retry', conversationId, echoId, content: item.content, private: item.private, ...extras, ...(attachmentIds?.length ? { attachmentIds } : {}) }));
  }

  private _discard(echoId: string): void {
    this._list.removePending(echoId);
    this._saveUnsent();
    this._post((conversationId) => ({ type: 'discard', conversationId, echoId }));
  }

  private _updatePending(echoId: string, patch: Partial<OutboxItem>): void {
    const item = this._list.pending().find((p) => p.echoId === echoId);
    if (!item) return;
    this._list.updatePending({ ...item, ...patch });
    this._saveUnsent();
  }

  private _saveUnsent(): void {
    if (this._conversation) this._state.setUnsent(this._key(this._conversation.id), this._list.pending());
  }

  private _draftChanged(draft: Draft): void {
    const c = this._conversation;
    if (!c) return;
    this._state.setDraft(this._key(c.id), draft);
    this._draftToPost = { conversationId: c.id, draft };
    if (this._draftTimer === undefined) this._draftTimer = setTimeout(() => this._flushDraft(), DRAFT_POST_MS);
  }

  private _flushDraft(): void {
    clearTimeout(this._draftTimer);
    this._draftTimer = undefined;
    const pending = this._draftToPost;
    this._draftToPost = null;
    if (pending) this._host.post({ type: 'draftChanged', conversationId: pending.conversationId, draft: pending.draft });
  }

  /** Posts a message about the open conversation; nothing is sent when none is open. */
  private _post(make: (conversationId: number) => Parameters<HostClient['post']>[0]): void {
    if (this._conversation) this._host.post(make(this._conversation.id));
  }

  private _isCurrent(conversationId: number): boolean {
    return this._conversation?.id === conversationId;
  }

  private _showEmpty(text?: string, retry = false): void {
    this._typing.clear();
    this._chat.hidden = true;
    this._behind.hidden = true;
    this._empty.hidden = false;
    this._emptyRetry.hidden = !retry;
    const p = this._empty.querySelector('.empty__text');
    if (p) p.textContent = text || l10n.t('Select a conversation to read and reply.');
  }
}

/**
 * Every link click goes to the host, which opens it outside the webview; the webview itself never
 * navigates. Only http, https and mailto links are passed on.
 */
function routeLinks(root: HTMLElement, open: (url: string) => void): void {
  const onClick = (e: MouseEvent) => {
    const a = e.target instanceof Element ? e.target.closest('a') : null;
    if (!a) return;
    e.preventDefault();
    if (e.type === 'auxclick' && e.button !== 1) return;
    const url = safeLinkUrl(a.getAttribute('href'));
    if (url) open(url);
  };
  root.addEventListener('click', onClick);
  root.addEventListener('auxclick', onClick);
}

function newEchoId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; the webview is one, but a test page might not be.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
