import * as vscode from 'vscode';
import { retryMessage } from '../../api/cannedResponses';
import { assignAgent, getConversation, toggleStatus, toggleTyping, updateLastSeen } from '../../api/conversations';
import { createMessage, listMessages } from '../../api/messages';
import { Logger } from '../../common/log';
import { ActiveAccount, ChatwootConnection, ConnectionState } from '../../connection/chatwootConnection';
import { Settings } from '../../constants';
import { FocusSource } from '../../focus';
import { Conversation } from '../../model/conversation';
import { MessageType } from '../../model/message';
import { ChatwootEvent } from '../../realtime/events';
import type { Draft, ToWebview, WireCannedResponse } from '../../shared/chatProtocol';
import { FromWebviewSchema, isOpenableLink, ParsedFromWebview } from './fromWebview';
import { Outbox } from './outbox';
import { pickSnoozeUntil } from './snooze';
import { toChatConversation } from './viewModel';
import { VisibleConversations } from './visibleConversations';

/** Identifies a conversation across accounts. */
export interface ConversationKey {
  readonly accountId: number;
  readonly conversationId: number;
}

export const keyOf = (k: ConversationKey): string => `${k.accountId}/${k.conversationId}`;

/** An installation and account as one string: conversation ids repeat across them. */
export const scopeOf = (account: { readonly baseUrl: string; readonly accountId: number }): string => `${account.baseUrl}#${account.accountId}`;

/** What every chat view shares: the connection, drafts and outbox, and who is on screen. */
export interface ChatServices {
  readonly connection: ChatwootConnection;
  readonly visible: VisibleConversations;
  readonly focus: FocusSource;
  readonly outbox: Outbox;
  readonly drafts: { get(key: string): Draft | undefined; set(key: string, draft: Draft): void };
  readonly log: Logger;
  /** Canned responses per account, fetched once and shared by every view. */
  cannedResponses(account: ActiveAccount): Promise<readonly WireCannedResponse[]>;
}

function sendOnEnter(): boolean {
  return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.sendOnEnter, true);
}

const AFTER_PAGE = 100; // `after=` answers up to 100 newer messages (API.md §3)

/**
 * The host side of one chat webview (the sidebar view or an editor tab): answers its requests,
 * forwards the live events of its conversation, catches up after a reconnect, marks the
 * conversation read while it is on screen, and keeps unsent replies in the shared outbox.
 */
export class ChatController implements vscode.Disposable {
  private _key: ConversationKey | undefined;
  /** The installation and account the key belongs to. */
  private _where: string | undefined;
  private _conversation: Conversation | undefined;
  private _newestId = 0;
  private _ready = false;
  private _isVisible: boolean;
  private _reportedVisible: ConversationKey | undefined;
  /** Text for the composer that waits for the conversation to be loaded in the view. */
  private _pendingInsert: string | undefined;
  /** Bumped on every switch, so a late answer for the previous conversation is dropped. */
  private _generation = 0;
  private readonly _subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly _webview: vscode.Webview,
    private readonly _services: ChatServices,
    isVisible: boolean,
  ) {
    this._isVisible = isVisible;
    const { connection, focus } = _services;
    this._subscriptions.push(
      _webview.onDidReceiveMessage((raw: unknown) => this._onMessage(raw)),
      connection.onDidReceiveEvent((e) => this._onEvent(e)),
      connection.onDidResync(() => void this._catchUp()),
      connection.onDidChangeState((s) => this._postConnection(s)),
      connection.onDidChangeAccount((account) => {
        // Another installation or account (or none): this conversation id means nothing there.
        const where = account && scopeOf(account);
        if (this._key && where !== this._where) this.show(undefined);
        else if (this._key && this._ready) void this._load();
      }),
      focus.onDidChangeFocus(() => this._markReadIfSeen()) as vscode.Disposable,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.${Settings.sendOnEnter}`)) this._post({ type: 'settings', sendOnEnter: sendOnEnter() });
      }),
    );
  }

  get key(): ConversationKey | undefined {
    return this._key;
  }

  /** The webview became visible or hidden (a hidden webview view or tab keeps its controller). */
  setVisible(visible: boolean): void {
    this._isVisible = visible;
    this._reportVisibility();
    this._markReadIfSeen();
  }

  /** Switches the view to a conversation (or to the empty state). */
  show(key: ConversationKey | undefined): void {
    const account = this._services.connection.account;
    const where = key && account ? scopeOf(account) : undefined;
    // Showing what is already shown keeps it as it is (a reload would reset the composer);
    // one that failed to load is tried again.
    if (key && this._key && keyOf(key) === keyOf(this._key) && where === this._where && this._conversation) return;
    this._pendingInsert = undefined;
    this._key = key;
    this._where = where;
    this._conversation = undefined;
    this._newestId = 0;
    this._generation++;
    this._reportVisibility();
    if (this._ready) void this._load();
  }

  /** Drafts and the outbox are kept per installation, account and conversation. */
  private _storeKey(key: ConversationKey): string {
    return `${this._where ?? ''}/${key.conversationId}`;
  }

  /** Where the shown conversation lives, as `<base URL>#<account id>`; the webview's scope. */
  get scope(): string | undefined {
    return this._where;
  }

  /** Puts text into the composer (never sends it); waits for the view to load if it must. */
  insertText(text: string): void {
    if (this._key && this._conversation && this._ready) this._post({ type: 'insertText', conversationId: this._key.conversationId, text });
    else this._pendingInsert = (this._pendingInsert ?? '') + text;
  }

  private _post(message: ToWebview): void {
    void this._webview.postMessage(message);
  }

  private _reportVisibility(): void {
    const now = this._isVisible ? this._key : undefined;
    if (this._reportedVisible && (!now || keyOf(now) !== keyOf(this._reportedVisible))) {
      this._services.visible.setVisible(this._reportedVisible.accountId, this._reportedVisible.conversationId, false);
      this._reportedVisible = undefined;
    }
    if (now && !this._reportedVisible) {
      this._services.visible.setVisible(now.accountId, now.conversationId, true);
      this._reportedVisible = now;
    }
  }

  private _account(): ActiveAccount | undefined {
    const account = this._services.connection.account;
    return account && this._key && account.accountId === this._key.accountId ? account : undefined;
  }

  private async _load(): Promise<void> {
    const key = this._key;
    const account = this._account();
    this._postConnection(this._services.connection.state);
    if (!key || !account) {
      this._post({ type: 'empty', ...(this._services.connection.account ? {} : { text: 'Sign in to Chatwoot to read and reply.' }) });
      return;
    }
    const generation = this._generation;
    this._services.log.info(`opening conversation #${key.conversationId}`);
    try {
      const [conversation, page, canned] = await Promise.all([
        getConversation(account.api, key.accountId, key.conversationId),
        listMessages(account.api, key.accountId, key.conversationId),
        this._services.cannedResponses(account).catch((e: unknown) => {
          this._services.log.warn('canned responses unavailable', e);
          return [] as readonly WireCannedResponse[];
        }),
      ]);
      if (generation !== this._generation) return;
      this._conversation = conversation;
      this._newestId = page.payload.reduce((max, m) => Math.max(max, m.id), 0);
      const profile = this._services.connection.profile;
      this._post({
        type: 'init',
        conversation: toChatConversation(conversation),
        messages: page.payload,
        hasOlder: page.payload.length >= 20,
        agent: { id: profile?.id ?? 0, name: profile?.available_name ?? profile?.name ?? 'Agent', email: profile?.email ?? null },
        cannedResponses: canned,
        outbox: this._services.outbox.items(this._storeKey(key)),
        draft: this._services.drafts.get(this._storeKey(key)) ?? null,
        scope: this._where,
        sendOnEnter: sendOnEnter(),
      });
      if (this._pendingInsert !== undefined) {
        this._post({ type: 'insertText', conversationId: key.conversationId, text: this._pendingInsert });
        this._pendingInsert = undefined;
      }
      this._markReadIfSeen();
    } catch (e) {
      if (generation !== this._generation) return;
      this._post({ type: 'empty', text: `Could not open conversation #${key.conversationId}: ${e instanceof Error ? e.message : String(e)}` });
      await this._services.connection.handleError(e, `open conversation #${key.conversationId}`, account.api);
    }
  }

  private _postConnection(state: ConnectionState): void {
    const stale = state.kind !== 'connected' && state.kind !== 'signed-out';
    const text = state.kind === 'reconnecting' ? 'Reconnecting… new messages may be missing until then.' : state.kind === 'auth-error' ? 'The server refused the live connection: new messages will not arrive.' : stale ? 'Connecting…' : '';
    this._post({ type: 'connection', text, stale });
  }

  /** Marks read when the agent can actually see the conversation: visible view, focused window. */
  private _markReadIfSeen(): void {
    const account = this._account();
    const key = this._key;
    if (!account || !key || !this._conversation || !this._isVisible || !this._services.focus.focused) return;
    updateLastSeen(account.api, key.accountId, key.conversationId).catch((e: unknown) => this._services.log.warn(`update_last_seen failed for #${key.conversationId}`, e));
  }

  private _isMine(conversationId: number): boolean {
    return this._key?.conversationId === conversationId && this._conversation !== undefined;
  }

  private _onEvent(e: ChatwootEvent): void {
    const key = this._key;
    if (!key) return;
    switch (e.event) {
      case 'message.created':
      case 'message.updated': {
        if (!this._isMine(e.data.conversation_id)) return;
        const echo = e.data.echo_id;
        if (echo !== undefined && echo !== null) this._services.outbox.remove(this._storeKey(key), String(echo));
        this._newestId = Math.max(this._newestId, e.data.id);
        this._post({ type: 'messageUpserted', conversationId: key.conversationId, message: e.data });
        if (e.event === 'message.created' && e.data.message_type === MessageType.incoming) this._markReadIfSeen();
        return;
      }
      case 'conversation.updated':
      case 'conversation.status_changed':
      case 'assignee.changed':
      case 'team.changed':
      case 'conversation.contact_changed':
        if (!this._isMine(e.data.id)) return;
        this._conversation = e.data;
        this._post({ type: 'conversationUpdated', conversation: toChatConversation(e.data) });
        return;
      case 'conversation.typing_on':
      case 'conversation.typing_off':
        if (!this._isMine(e.data.conversation.id)) return;
        this._post({ type: 'typing', conversationId: key.conversationId, name: e.data.user.name ?? 'Someone', on: e.event === 'conversation.typing_on' });
        return;
      default:
        return;
    }
  }

  /** After a reconnect: every message newer than the newest we have, page by page. */
  private async _catchUp(): Promise<void> {
    const key = this._key;
    const account = this._account();
    if (!key || !account || !this._conversation) return;
    const generation = this._generation;
    try {
      for (;;) {
        const page = await listMessages(account.api, key.accountId, key.conversationId, { after: this._newestId });
        if (generation !== this._generation) return;
        if (page.payload.length) {
          for (const m of page.payload) {
            if (m.echo_id !== undefined && m.echo_id !== null) this._services.outbox.remove(this._storeKey(key), String(m.echo_id));
          }
          this._newestId = page.payload.reduce((max, m) => Math.max(max, m.id), this._newestId);
          this._post({ type: 'messagesAppended', conversationId: key.conversationId, messages: page.payload });
        }
        if (page.payload.length < AFTER_PAGE) break;
      }
      const conversation = await getConversation(account.api, key.accountId, key.conversationId);
      if (generation !== this._generation) return;
      this._conversation = conversation;
      this._post({ type: 'conversationUpdated', conversation: toChatConversation(conversation) });
    } catch (e) {
      this._services.log.warn(`catch-up of #${key.conversationId} failed`, e);
    }
  }

  private _onMessage(raw: unknown): void {
    this._services.log.trace(`from chat view: ${JSON.stringify(raw).slice(0, 200)}`);
    const parsed = FromWebviewSchema.safeParse(raw);
    if (!parsed.success) {
      this._services.log.warn(`dropped an invalid message from the chat webview: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      return;
    }
    void this._handle(parsed.data).catch((e: unknown) => this._services.log.error('chat view request failed', e));
  }

  private async _handle(m: ParsedFromWebview): Promise<void> {
    if (m.type === 'ready') {
      this._services.log.info(`chat view ready${this._key ? ` for #${this._key.conversationId}` : ''}`);
      this._ready = true;
      await this._load();
      return;
    }
    if (m.type === 'openLink') {
      if (isOpenableLink(m.url)) await vscode.env.openExternal(vscode.Uri.parse(m.url, true));
      else this._services.log.warn(`refused to open a link with scheme ${m.url.split(':')[0].slice(0, 20)}`);
      return;
    }
    const key = this._key;
    const account = this._account();
    if (!key || !account || m.conversationId !== key.conversationId) return;
    const k = this._storeKey(key);
    switch (m.type) {
      case 'loadOlder': {
        const generation = this._generation;
        try {
          const page = await listMessages(account.api, key.accountId, key.conversationId, { before: m.beforeId });
          if (generation === this._generation) this._post({ type: 'messagesPrepended', conversationId: key.conversationId, messages: page.payload, hasOlder: page.payload.length >= 20 });
        } catch (e) {
          this._post({ type: 'messagesPrepended', conversationId: key.conversationId, messages: [], hasOlder: true, error: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      case 'send':
      case 'retry': {
        if (!('echoId' in m)) {
          await retryMessage(account.api, key.accountId, key.conversationId, m.messageId).catch((e: unknown) => this._services.connection.handleError(e, 'retry the message', account.api));
          return;
        }
        const item = { echoId: m.echoId, content: m.content, private: m.private, createdAt: Date.now() };
        if (!this._services.outbox.begin(k, item)) return;
        try {
          const message = await createMessage(account.api, key.accountId, key.conversationId, { content: m.content, private: m.private, echoId: m.echoId });
          this._services.outbox.remove(k, m.echoId);
          this._newestId = Math.max(this._newestId, message.id);
          // The server's copy carries our echo id, so the pending bubble becomes it (no duplicate
          // when message.created arrives too).
          this._post({ type: 'messageUpserted', conversationId: key.conversationId, message: { ...message, echo_id: message.echo_id ?? m.echoId } });
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          this._services.outbox.fail(k, m.echoId, error);
          this._post({ type: 'sendFailed', conversationId: key.conversationId, echoId: m.echoId, error });
          this._services.log.warn(`sending to #${key.conversationId} failed: ${error}`);
        }
        return;
      }
      case 'discard':
        this._services.outbox.remove(k, m.echoId);
        return;
      case 'typing':
        await toggleTyping(account.api, key.accountId, key.conversationId, m.on, m.private).catch((e: unknown) => this._services.log.debug('typing status not sent', e));
        return;
      case 'draftChanged':
        this._services.drafts.set(k, m.draft);
        return;
      case 'action':
        await this._action(account, key, m.name);
        return;
    }
  }

  private async _action(account: ActiveAccount, key: ConversationKey, name: 'resolve' | 'reopen' | 'snooze' | 'assignToMe' | 'openInBrowser'): Promise<void> {
    const { api, accountId } = account;
    const id = key.conversationId;
    try {
      switch (name) {
        case 'resolve':
          await toggleStatus(api, accountId, id, { status: 'resolved' });
          break;
        case 'reopen':
          await toggleStatus(api, accountId, id, { status: 'open' });
          break;
        case 'snooze': {
          const until = await pickSnoozeUntil();
          if (until === undefined) return;
          await toggleStatus(api, accountId, id, until === null ? { status: 'snoozed' } : { status: 'snoozed', snoozedUntil: until });
          break;
        }
        case 'assignToMe': {
          const me = this._services.connection.profile?.id;
          if (me !== undefined) await assignAgent(api, accountId, id, me);
          break;
        }
        case 'openInBrowser':
          await vscode.env.openExternal(vscode.Uri.parse(`${account.baseUrl}/app/accounts/${accountId}/conversations/${id}`));
          return;
      }
      // The header follows from the conversation events; refetch in case the socket is down.
      const conversation = await getConversation(api, accountId, id);
      if (this._key && keyOf(this._key) === keyOf(key)) {
        this._conversation = conversation;
        this._post({ type: 'conversationUpdated', conversation: toChatConversation(conversation) });
      }
    } catch (e) {
      await this._services.connection.handleError(e, `${name.replace(/([A-Z])/g, ' $1').toLowerCase()} conversation #${id}`, api);
    }
  }

  dispose(): void {
    this._isVisible = false;
    this._reportVisibility();
    for (const s of this._subscriptions) s.dispose();
  }
}

