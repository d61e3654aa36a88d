import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { listCannedResponses } from '../../api/cannedResponses';
import { DraftBook } from '../../chat/draftBook';
import { HeldFiles } from '../../chat/heldFiles';
import { Outbox } from '../../chat/outbox';
import { VisibleConversations } from '../../chat/visibleConversations';
import { Disposable } from '../../common/dispose';
import { Logger } from '../../common/log';
import { ActiveAccount, ChatwootConnection } from '../../connection/chatwootConnection';
import { ContextKeys, StorageKeys, Views, WebviewPanels } from '../../constants';
import { ConversationKey, isSameConversation, scopeOf, toConversationKey } from '../../conversations/conversationKey';
import { FocusSource } from '../../focus';
import type { OutboxItem, WireCannedResponse } from '../../protocol/chatProtocol';
import type { ChatPlace, FocusedChat } from '../tree/commands';
import { ChatController, ChatServices, ConversationCore } from './chatController';
import { CodeLinkResolver } from './codeLinks';
import { webviewHtml } from './html';

/** The chat app's page in one webview, with a fresh nonce on every load. */
function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return webviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'chat.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'chat.css')).toString(),
    nonce: randomBytes(16).toString('base64'),
    title,
    locale: { language: vscode.env.language, bundle: vscode.l10n.bundle },
  });
}

/**
 * All chat webviews: the `chatwoot.chat` sidebar view (follows the selected conversation) and
 * one editor tab per conversation (restored after a reload by a serializer). They share one
 * outbox and one set of drafts, kept in global state so nothing is lost with a closed panel.
 */
export class ChatViews extends Disposable implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer, FocusedChat {
  private readonly _services: ChatServices;
  private _sidebar: { view: vscode.WebviewView; controller: ChatController } | undefined;
  private _sidebarKey: ConversationKey | undefined;
  /** Where `_sidebarKey` lives (`<base URL>#<account id>`). */
  private _sidebarWhere: string | undefined;
  private readonly _panels = new Map<string, { panel: vscode.WebviewPanel; controller: ChatController }>();
  private _panelCount = 0;
  private _focused: ChatPlace | undefined;
  private _keyboardPlace: ChatPlace | undefined;
  private readonly _canned = new Map<string, Promise<readonly WireCannedResponse[]>>();
  private readonly _drafts: DraftBook;
  /** The conversation the agent is on: the sidebar chat's, or the chat editor tab last focused. */
  private _active: ConversationKey | undefined;
  private readonly _onDidChangeActiveConversation = this._register(new vscode.EventEmitter<ConversationKey | undefined>());
  /** Fires when the agent moves to another conversation (the Contact view follows it). */
  readonly onDidChangeActiveConversation = this._onDidChangeActiveConversation.event;
  private readonly _onDidChangeFocusedPlace = this._register(new vscode.EventEmitter<ChatPlace | undefined>());
  /** Fires when `focusedPlace` changes. */
  readonly onDidChangeFocusedPlace = this._onDidChangeFocusedPlace.event;

  constructor(
    private readonly _context: vscode.ExtensionContext,
    connection: ChatwootConnection,
    core: ConversationCore,
    visible: VisibleConversations,
    focus: FocusSource,
    log: Logger,
    private readonly _sessionReady: Promise<void>,
  ) {
    super();
    const state = _context.globalState;
    // Keyed `<base URL>#<account id>/<conversation id>`: conversation ids repeat across accounts.
    const drafts = (this._drafts = new DraftBook(state.get<unknown>(StorageKeys.chatDrafts, {}), (all) => void state.update(StorageKeys.chatDrafts, all)));
    const files = new HeldFiles();
    const outbox = new Outbox(
      state.get<Record<string, OutboxItem[]>>(StorageKeys.chatOutbox, {}),
      (all) => void state.update(StorageKeys.chatOutbox, all),
      (item) => files.release((item.attachments ?? []).map((f) => f.id)),
    );
    this._services = {
      connection,
      core,
      visible,
      focus,
      log,
      outbox,
      drafts,
      files,
      codeLinks: this._register(new CodeLinkResolver(log)),
      cannedResponses: (account: ActiveAccount) => {
        const cacheKey = scopeOf(account);
        let cached = this._canned.get(cacheKey);
        if (!cached) {
          cached = listCannedResponses(account.api, account.accountId);
          cached.catch(() => this._canned.delete(cacheKey));
          this._canned.set(cacheKey, cached);
        }
        return cached;
      },
    };
    this._register(vscode.window.registerWebviewViewProvider(Views.chat, this));
    this._register(vscode.window.registerWebviewPanelSerializer(WebviewPanels.chat, this));
    // Canned responses changed on the server (newer versions say so), or another account.
    this._register(connection.onDidReceiveEvent((e) => e.event === 'account.cache_invalidated' && this._canned.clear()));
    this._register(
      connection.onDidChangeAccount((account) => {
        this._canned.clear();
        // Signed out: drafts and unsent replies go with the agent (the views forget theirs when told they are empty).
        if (!account) {
          drafts.clear();
          outbox.clear();
          files.clear();
        }
        // Another installation or account (or none): the remembered conversation id means nothing there.
        if (!account || scopeOf(account) !== this._sidebarWhere) this._sidebarKey = undefined;
        this._setActive(this._sidebarKey);
      }),
    );
  }

  private _options(): vscode.WebviewOptions {
    const root = this._context.extensionUri;
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'webview'), vscode.Uri.joinPath(root, 'media')],
    };
  }

  /** The drafts and unsent replies the host keeps (tests read them). */
  get drafts(): DraftBook {
    return this._drafts;
  }

  get outbox(): Outbox {
    return this._services.outbox;
  }

  /** Finds and opens the workspace files that messages name (tests call it as a view would). */
  get codeLinks(): CodeLinkResolver {
    return this._services.codeLinks;
  }

  /**
   * The chat that has the keyboard, as the chats last reported it, once `chatwoot.chatFocus` says
   * so (from then on VS Code sends that chat's keys to it).
   */
  get focusedPlace(): ChatPlace | undefined {
    return this._keyboardPlace;
  }

  /** The conversation the sidebar chat shows, if any. */
  get sidebarConversation(): ConversationKey | undefined {
    return this._sidebarKey;
  }

  /** The conversation the agent is on: the sidebar chat's, or the chat editor tab last focused. */
  get activeConversation(): ConversationKey | undefined {
    return this._active;
  }

  private _setActive(key: ConversationKey | undefined): void {
    if (isSameConversation(key, this._active) || (key === undefined && this._active === undefined)) return;
    this._active = key;
    this._onDidChangeActiveConversation.fire(key);
  }

  /** The controllers of every open chat webview, for tests and for "send selection". */
  get openConversations(): ConversationKey[] {
    const keys = [...this._panels.values()].map((p) => p.controller.key);
    if (this._sidebarKey) keys.unshift(this._sidebarKey);
    return keys.filter((k): k is ConversationKey => k !== undefined);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = this._options();
    // The controller listens before the page loads: the app's `ready` must not be missed.
    const controller = new ChatController(view.webview, this._services, view.visible);
    view.webview.html = chatHtml(view.webview, this._context.extensionUri, vscode.l10n.t('Chatwoot chat'));
    this._sidebar = { view, controller };
    this._trackFocus(controller, 'sidebar');
    controller.show(this._sidebarKey);
    const listeners = [
      view.onDidChangeVisibility(() => {
        controller.setVisible(view.visible);
        this._noteFocus(view.visible ? controller : undefined);
      }),
      view.onDidDispose(() => {
        controller.dispose();
        listeners.forEach((l) => l.dispose());
        if (this._sidebar?.view === view) this._sidebar = undefined;
      }),
    ];
  }

  /** Shows a conversation in the sidebar chat, revealing the view. */
  async showInSidebar(key: ConversationKey): Promise<void> {
    this._sidebarKey = key;
    const account = this._services.connection.account;
    this._sidebarWhere = account && scopeOf(account);
    this._sidebar?.controller.show(key);
    this._services.core.noteFocus(key.conversationId);
    this._setActive(key);
    await vscode.commands.executeCommand(`${Views.chat}.focus`);
    if (this._sidebar && !isSameConversation(this._sidebar.controller.key, key)) this._sidebar.controller.show(key);
  }

  /**
   * Puts text into a conversation's composer: its editor tab when one is open, else the sidebar
   * chat (switching it to that conversation).
   */
  async insertIntoComposer(key: ConversationKey, text: string): Promise<void> {
    const panel = this._panelShowing(key);
    if (panel) {
      panel.panel.reveal();
      panel.controller.insertText(text);
      return;
    }
    await this.showInSidebar(key);
    this._sidebar?.controller.insertText(text);
  }

  /** Stages files in a conversation's composer, as `insertIntoComposer` places text; nothing is sent. */
  async stageInComposer(key: ConversationKey, uris: readonly vscode.Uri[]): Promise<void> {
    const panel = this._panelShowing(key);
    if (panel) {
      panel.panel.reveal();
      await panel.controller.stageFiles(uris);
      return;
    }
    await this.showInSidebar(key);
    await this._sidebar?.controller.stageFiles(uris);
  }

  /**
   * Shows a conversation scrolled to one of its messages, highlighted: in its editor tab when one
   * is open, else in the sidebar chat.
   */
  async revealMessage(key: ConversationKey, messageId: number): Promise<void> {
    const panel = this._panelShowing(key);
    if (panel) {
      panel.panel.reveal();
      panel.controller.revealMessage(messageId);
      return;
    }
    await this.showInSidebar(key);
    this._sidebar?.controller.revealMessage(messageId);
  }

  /** The conversation the sidebar chat, or the active chat tab, shows (keybindings act on it). */
  conversationIn(place: ChatPlace): ConversationKey | undefined {
    return this._controllerIn(place)?.key;
  }

  /** Switches the Reply / Private note mode of the chat in `place`. */
  toggleNoteMode(place: ChatPlace): void {
    this._controllerIn(place)?.toggleNoteMode();
  }

  /** Keeps `chatwoot.chatFocus` on the chat that has the keyboard (a blur may arrive after the next focus). */
  private _trackFocus(controller: ChatController, place: ChatPlace): void {
    const set = (value: ChatPlace | undefined) => {
      if (this._focused === value) return;
      this._focused = value;
      void vscode.commands.executeCommand('setContext', ContextKeys.chatFocus, value ?? '').then(() => {
        if (this._focused !== value) return;
        this._keyboardPlace = value;
        this._onDidChangeFocusedPlace.fire(value);
      });
    };
    controller.onDidChangeFocus((focused) => {
      if (focused) set(place);
      else if (this._focused === place) set(undefined);
    });
  }

  private _controllerIn(place: ChatPlace): ChatController | undefined {
    if (place === 'sidebar') return this._sidebar?.controller;
    return [...this._panels.values()].find((p) => p.panel.active)?.controller;
  }

  /** Opens (or reveals) a conversation in its own editor tab. */
  openInEditor(key: ConversationKey, title?: string): void {
    const existing = this._panelShowing(key);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(WebviewPanels.chat, title ?? vscode.l10n.t('Conversation #{0}', key.conversationId), vscode.ViewColumn.Active, this._options());
    this._attachPanel(panel, key);
  }

  /** The tab showing this conversation now (a tab emptied by a sign-out no longer counts). */
  private _panelShowing(key: ConversationKey): { panel: vscode.WebviewPanel; controller: ChatController } | undefined {
    return [...this._panels.values()].find((p) => isSameConversation(p.controller.key, key));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = state as { conversationId?: unknown; scope?: unknown } | undefined;
    panel.webview.options = this._options();
    // VS Code restores tabs as soon as the serializer exists, before the session is read back.
    await this._sessionReady;
    const account = this._services.connection.account;
    const where = account && scopeOf(account);
    // Only the number is read back; the account is the one signed in now, if the scope agrees.
    const key = account && toConversationKey({ conversationId: saved?.conversationId }, account.accountId);
    if (!key || (typeof saved?.scope === 'string' && saved.scope !== where)) {
      // Signed out, another installation or account, or an old state: say so rather than show
      // the same number from somewhere else.
      this._attachPanel(panel, undefined);
      return;
    }
    this._attachPanel(panel, key);
  }

  private _attachPanel(panel: vscode.WebviewPanel, key: ConversationKey | undefined): void {
    panel.iconPath = vscode.Uri.joinPath(this._context.extensionUri, 'media', 'activitybar.svg');
    const controller = new ChatController(panel.webview, this._services, panel.visible);
    this._trackFocus(controller, 'editor');
    panel.webview.html = chatHtml(panel.webview, this._context.extensionUri, panel.title);
    controller.show(key);
    const id = `panel-${++this._panelCount}`;
    this._panels.set(id, { panel, controller });
    if (panel.active && key) this._setActive(key);
    const listeners = [
      panel.onDidChangeViewState(() => {
        controller.setVisible(panel.visible);
        this._noteFocus(panel.active ? controller : undefined);
        if (panel.active && controller.key) this._setActive(controller.key);
      }),
      panel.onDidDispose(() => {
        const wasActive = isSameConversation(controller.key, this._active);
        controller.dispose();
        this._panels.delete(id);
        listeners.forEach((l) => l.dispose());
        // Its tab closed: back to the sidebar chat's conversation.
        if (wasActive) this._setActive(this._sidebarKey);
      }),
    ];
  }

  private _noteFocus(controller: ChatController | undefined): void {
    const id = controller?.key?.conversationId;
    if (id !== undefined) this._services.core.noteFocus(id);
  }

  override dispose(): void {
    for (const { panel } of this._panels.values()) panel.dispose();
    this._sidebar?.controller.dispose();
    super.dispose();
  }
}
