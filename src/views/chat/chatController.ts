import * as vscode from 'vscode';
import { markRead } from '../../api/readState';
import { restChatBackend } from '../../chat/chatBackend';
import { ChatSession, DraftStore } from '../../chat/chatSession';
import { Outbox } from '../../chat/outbox';
import { VisibleConversations } from '../../chat/visibleConversations';
import { systemClock } from '../../common/clock';
import { Disposable } from '../../common/dispose';
import { Logger } from '../../common/log';
import { describeIssues } from '../../common/schemaIssues';
import { ActiveAccount, ChatwootConnection, ConnectionState } from '../../connection/chatwootConnection';
import { Commands, Settings } from '../../constants';
import { ConversationActions } from '../../conversations/actions';
import { ConversationKey, isSameConversation, scopeOf } from '../../conversations/conversationKey';
import { ConversationStore } from '../../conversations/store';
import { ConversationSync } from '../../conversations/sync';
import { FocusSource } from '../../focus';
import { MessageType } from '../../model/message';
import { ChatwootEvent } from '../../realtime/events';
import type { ChatActionName, ToWebview, WireCannedResponse } from '../../protocol/chatProtocol';
import { HeldFiles } from '../../chat/heldFiles';
import type { CodeLinkResolver } from './codeLinks';
import { describeWebviewMessage, FromWebviewSchema, isOpenableLink, ParsedFromWebview } from './fromWebview';

/** Reading, picking and saving files: a lazy bundle file, loaded when the agent first attaches or saves one. */
const attachmentFiles = () => import('./attachmentFiles');

/**
 * The conversation state the tree owns and the chat shares: one store and sync per signed-in
 * account, replaced as a whole on every sign-in or account switch (`onDidChangeStore`).
 */
export interface ConversationCore {
  readonly account: ActiveAccount | undefined;
  readonly store: ConversationStore | undefined;
  readonly sync: ConversationSync | undefined;
  /** Read marks go through these, so the store (and the tree's badge) takes the server's answer. */
  readonly actions: Pick<ConversationActions, 'markRead'> | undefined;
  readonly onDidChangeStore: vscode.Event<void>;
  /** A chat showing this conversation was shown or focused: the palette's conversation commands act on it. */
  noteFocus(conversationId: number): void;
}

/** What every chat view shares: the connection, the conversation core, drafts and outbox, and who is on screen. */
export interface ChatServices {
  readonly connection: ChatwootConnection;
  readonly core: ConversationCore;
  readonly visible: VisibleConversations;
  readonly focus: FocusSource;
  readonly outbox: Outbox;
  readonly drafts: DraftStore;
  /** Files agents attached (staged or waiting in the outbox), in memory. */
  readonly files: HeldFiles;
  readonly log: Logger;
  /** File references in messages: which are workspace files, and opening them. */
  readonly codeLinks: CodeLinkResolver;
  /** Canned responses per account, fetched once and shared by every view. */
  cannedResponses(account: ActiveAccount): Promise<readonly WireCannedResponse[]>;
}

/**
 * The header's buttons run the conversation commands, so the chat changes a conversation exactly
 * as the tree does: through the same optimistic actions on the same store, with one snooze picker.
 */
const ACTION_COMMANDS: Readonly<Record<ChatActionName, string>> = {
  resolve: Commands.resolveConversation,
  reopen: Commands.reopenConversation,
  snooze: Commands.snoozeConversation,
  assignToMe: Commands.assignConversationToMe,
  assign: Commands.assignConversation,
  editLabels: Commands.editLabels,
  setPriority: Commands.setPriority,
  assignTeam: Commands.assignTeam,
  openInBrowser: Commands.openConversationInBrowser,
};

/**
 * Whether replies can go out now. Down is the cable retrying after a drop (its REST calls meet
 * the same unreachable server); the first connect, a refused subscription or a stopped cable
 * say nothing about REST, so replies are tried.
 */
function isConnectionUp(state: ConnectionState): boolean {
  return !(state.kind === 'reconnecting' || (state.kind === 'connecting' && state.attempt > 0) || state.kind === 'signed-out');
}

function sendOnEnter(): boolean {
  return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.sendOnEnter, true);
}

/** The profile's signature when `chatwoot.chat.appendSignature` is on; null otherwise. */
function signatureOf(connection: ChatwootConnection): string | null {
  const on = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.appendSignature, false);
  const signature = connection.profile?.message_signature?.trim();
  return on && signature ? signature : null;
}

/**
 * The host side of one chat webview (the sidebar view or an editor tab): validates and
 * dispatches what the webview sends, posts to it, reports whether its conversation is on screen,
 * and marks the conversation read while it is. What the chat does with its conversation lives in
 * a ChatSession (one per conversation shown); the conversation itself lives in the shared store.
 */
export class ChatController extends Disposable {
  private _key: ConversationKey | undefined;
  /** The installation and account the key belongs to. */
  private _where: string | undefined;
  private _session: ChatSession | undefined;
  /** What this view reported to the connection as behind (`conversation #<id>`), to clear it. */
  private _behind: string | undefined;
  private _ready = false;
  private _isVisible: boolean;
  private _reportedVisible: ConversationKey | undefined;

  private readonly _onDidChangeFocus = this._register(new vscode.EventEmitter<boolean>());
  /** The webview gained (true) or lost the keyboard. */
  readonly onDidChangeFocus = this._onDidChangeFocus.event;

  constructor(
    private readonly _webview: vscode.Webview,
    private readonly _services: ChatServices,
    isVisible: boolean,
  ) {
    super();
    this._isVisible = isVisible;
    const { connection, focus, core } = _services;
    this._register(_webview.onDidReceiveMessage((raw: unknown) => this._onMessage(raw)));
    this._register(connection.onDidReceiveEvent((e) => this._onEvent(e)));
    this._register(connection.onDidResync(() => this._refresh()));
    this._register(
      connection.onDidChangeState((s) => {
        this._postConnection(s);
        if (s.kind === 'connected') void this._session?.sendQueued();
      }),
    );
    this._register(core.onDidChangeStore(() => this._onStoreReplaced()));
    this._register(focus.onDidChangeFocus(() => this._markReadIfSeen()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.${Settings.sendOnEnter}`) || e.affectsConfiguration(`${Settings.section}.${Settings.appendSignature}`)) {
          this._post({ type: 'settings', sendOnEnter: sendOnEnter(), signature: signatureOf(connection) });
        }
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
    // Showing what is already shown (or on its way) keeps it as it is: a reload would reset the
    // composer. One that failed to load is tried again.
    if (key && isSameConversation(key, this._key) && where === this._where && this._session && !this._session.hasFailed) return;
    this._key = key;
    this._where = where;
    this._replaceSession();
    this._reportVisibility();
    if (this._ready) void this._load();
  }

  /** Puts text into the composer (never sends it); waits for the view to load if it must. */
  insertText(text: string): void {
    this._session?.insertText(text);
  }

  /** Stages files from disk in the composer (never sends them); a file too big is refused unread. */
  async stageFiles(uris: readonly vscode.Uri[]): Promise<void> {
    const session = this._session;
    if (!session) return;
    const { files, refused } = await (await attachmentFiles()).readFiles(uris, (name, size, n) => session.refusal(name, size, n));
    session.stage(files, refused);
  }

  revealMessage(messageId: number): void {
    this._session?.revealMessage(messageId);
  }

  toggleNoteMode(): void {
    this._session?.toggleNoteMode();
  }

  private _post(message: ToWebview): void {
    void this._webview.postMessage(message);
  }

  /** A new session for the shown conversation over the current store (none without one). */
  private _replaceSession(): void {
    this._session?.dispose();
    this._session = undefined;
    this._reportBehind(false);
    const { core, connection, outbox, drafts, files, log } = this._services;
    const key = this._key;
    const account = core.account;
    const store = core.store;
    const sync = core.sync;
    if (!key || !account || !store || !sync || account.accountId !== key.accountId || scopeOf(account) !== this._where) return;
    this._session = new ChatSession({
      key,
      scope: scopeOf(account),
      conversations: { store, load: (id) => sync.refreshConversation(id) },
      backend: restChatBackend(account.api, account.accountId, () => this._services.cannedResponses(account)),
      outbox,
      drafts,
      clock: systemClock,
      log,
      post: (m) => this._post(m),
      viewSettings: () => {
        const profile = connection.profile;
        return {
          agent: { id: profile?.id ?? 0, name: profile?.available_name ?? profile?.name ?? vscode.l10n.t('Agent'), email: profile?.email ?? null },
          sendOnEnter: sendOnEnter(),
          signature: signatureOf(connection),
        };
      },
      onError: (e, action) => void connection.handleError(e, action, account.api),
      isOnline: () => isConnectionUp(connection.state),
      files,
    });
    const session = this._session;
    session.onDidChangeBehind((behind) => session === this._session && this._reportBehind(behind));
  }

  /** Tells the status bar that this conversation may be out of date (or no longer is). */
  private _reportBehind(behind: boolean): void {
    const what = behind ? vscode.l10n.t('conversation #{0}', this._key?.conversationId ?? '?') : this._behind;
    this._behind = behind ? what : undefined;
    if (what) this._services.connection.setBehind(what, behind);
  }

  /** After a reconnect or "Retry now": catch up, or open again what failed to open. */
  private _refresh(): void {
    const session = this._session;
    if (!session) return;
    if (session.hasFailed) {
      if (this._ready) void this._load();
    } else void session.catchUp();
  }

  /** Signed in again, out, or elsewhere: the store the session read is gone. */
  private _onStoreReplaced(): void {
    const account = this._services.core.account;
    // Another installation or account (or none): this conversation id means nothing there.
    if (this._key && (!account || scopeOf(account) !== this._where)) {
      this.show(undefined);
      return;
    }
    if (!this._key) return;
    this._replaceSession();
    if (this._ready) void this._load();
  }

  private _reportVisibility(): void {
    const now = this._isVisible ? this._key : undefined;
    if (this._reportedVisible && !isSameConversation(now, this._reportedVisible)) {
      this._services.visible.setVisible(this._reportedVisible, false);
      this._reportedVisible = undefined;
    }
    if (now && !this._reportedVisible) {
      this._services.visible.setVisible(now, true);
      this._reportedVisible = now;
    }
  }

  private _account(): ActiveAccount | undefined {
    const account = this._services.connection.account;
    return account && this._key && account.accountId === this._key.accountId ? account : undefined;
  }

  private async _load(): Promise<void> {
    this._postConnection(this._services.connection.state);
    const session = this._session;
    if (!session) {
      this._post({ type: 'empty', ...(this._services.connection.account ? {} : { text: vscode.l10n.t('Sign in to Chatwoot to read and reply.'), signedOut: true }) });
      return;
    }
    if ((await session.open()) && session === this._session) this._markReadIfSeen();
  }

  private _postConnection(state: ConnectionState): void {
    const stale = state.kind !== 'connected' && state.kind !== 'signed-out';
    const text =
      state.kind === 'reconnecting'
        ? vscode.l10n.t('Reconnecting… new messages may be missing until then.')
        : state.kind === 'auth-error'
          ? vscode.l10n.t('The server refused the live connection: new messages will not arrive.')
          : stale
            ? vscode.l10n.t('Connecting…')
            : '';
    this._post({ type: 'connection', text, stale });
  }

  /**
   * Marks read when the agent can actually see the conversation: visible view, focused window.
   * Chatwoot broadcasts nothing for it, so it goes through the store's actions, which apply the
   * server's answer (the tree's row and badge follow); straight to REST when no store holds it.
   */
  private _markReadIfSeen(): void {
    const account = this._account();
    const key = this._key;
    if (!account || !key || !this._session?.isLoaded || !this._isVisible || !this._services.focus.focused) return;
    const { core } = this._services;
    const sameAccount = core.account?.accountId === key.accountId && core.account.baseUrl === account.baseUrl;
    const marked: Promise<unknown> = sameAccount && core.actions ? core.actions.markRead(key.conversationId) : markRead(account.api, key.accountId, key.conversationId);
    marked.catch((e: unknown) => this._services.log.warn(`update_last_seen failed for #${key.conversationId}`, e));
  }

  private _onEvent(e: ChatwootEvent): void {
    const session = this._session;
    if (!session?.onEvent(e)) return;
    if (e.event === 'message.created' && e.data.message_type === MessageType.incoming && session.isLoaded) this._markReadIfSeen();
  }

  private _onMessage(raw: unknown): void {
    this._services.log.trace(`from chat view: ${describeWebviewMessage(raw)}`);
    const parsed = FromWebviewSchema.safeParse(raw);
    if (!parsed.success) {
      this._services.log.warn(`dropped an invalid message from the chat webview: ${describeIssues(parsed.error)}`);
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
    if (m.type === 'refresh') {
      this._refresh();
      return;
    }
    if (m.type === 'focus') {
      if (m.focused && this._key && this._session) this._services.core.noteFocus(this._key.conversationId);
      this._onDidChangeFocus.fire(m.focused);
      return;
    }
    if (m.type === 'openLink') {
      if (isOpenableLink(m.url)) await vscode.env.openExternal(vscode.Uri.parse(m.url, true));
      else this._services.log.warn(`refused to open a link with scheme ${m.url.split(':')[0].slice(0, 20)}`);
      return;
    }
    if (m.type === 'saveAttachment') {
      await (await attachmentFiles()).saveAttachment(m.url, m.name, this._services.log);
      return;
    }
    if (m.type === 'resolveCodeRefs') {
      // Each answer goes as soon as it is known: a path found at once need not wait for a slow search.
      await Promise.all(m.paths.map(async (path) => {
        const found = (await this._services.codeLinks.resolve(path)) !== undefined;
        this._post({ type: 'codeRefsResolved', asked: [path], found: found ? [path] : [] });
      }));
      return;
    }
    if (m.type === 'openCodeRef') {
      await this._services.codeLinks.open(m.path, m.line, m.column);
      return;
    }
    const key = this._key;
    const session = this._session;
    // A message about a conversation the view has left (a late click, a stale page) is dropped.
    if (!key || !session || m.conversationId !== key.conversationId) return;
    switch (m.type) {
      case 'loadOlder':
        await session.loadOlder(m.beforeId);
        return;
      case 'send':
        await session.send(m);
        return;
      case 'retry':
        if ('echoId' in m) await session.send(m);
        else await session.retryMessage(m.messageId);
        return;
      case 'discard':
        session.discard(m.echoId);
        return;
      case 'typing':
        await session.typing(m.on, m.private);
        return;
      case 'draftChanged':
        session.draftChanged(m.draft);
        return;
      case 'action':
        // The commands report their own failures.
        await vscode.commands.executeCommand(ACTION_COMMANDS[m.name], key);
        return;
      case 'pickFiles': {
        const { files, refused } = await (await attachmentFiles()).pickAndReadFiles((name, size, n) => session.refusal(name, size, n));
        session.stage(files, refused);
        return;
      }
      case 'stageFiles':
        session.stage(m.files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })));
        return;
      case 'unstageFile':
        session.unstage(m.fileId);
        return;
    }
  }

  override dispose(): void {
    this._isVisible = false;
    this._reportVisibility();
    this._session?.dispose();
    this._session = undefined;
    this._reportBehind(false);
    super.dispose();
  }
}
