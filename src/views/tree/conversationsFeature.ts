import * as vscode from 'vscode';
import { Clock, systemClock } from '../../common/clock';
import { DelayedJob } from '../../common/coalesce';
import { Disposable, toDisposable } from '../../common/dispose';
import { RedactingLogger } from '../../common/log';
import { ActiveAccount, ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands, INDICATOR_DELAY_MS, LazyCommands, Views } from '../../constants';
import { ConversationActions } from '../../conversations/actions';
import { restBackend } from '../../conversations/backend';
import { conversationKey } from '../../conversations/conversationKey';
import { ConversationFilter, Group, GROUPS } from '../../conversations/filters';
import { ConversationStore } from '../../conversations/store';
import { ConversationSync } from '../../conversations/sync';
import { FolderSync, restFoldersBackend } from '../../conversations/folderSync';
import { FocusSource, windowFocus } from '../../focus';
import { lazyCommands } from '../../lazyCommands';
import { Profile } from '../../model/profile';
import { RefetchTarget } from '../../realtime/events';
import { Presence } from '../../realtime/presence';
import type { ConversationCommandTarget, ExternalSeam, FocusedChat } from './commands';
import { ConversationsProvider } from './conversationsProvider';
import { FilterMemory } from './filterMemory';
import { ConversationsNode } from './nodes';
import { filterDescription } from './presentation';
import { PresenceMap, presenceFrom } from './triage';
import { UnreadDecorations } from './unreadDecorations';

/** How the tree names itself when it reports being behind (the status bar lists these). */
const behindConversations = () => vscode.l10n.t('the conversations');
const refreshConversations = () => vscode.l10n.t('refresh the conversations');
const loadConversations = () => vscode.l10n.t('load the conversations');

/** Relative times ("5m") move on once a minute, while the view is visible. */
const CLOCK_TICK_MS = 60_000;

/** The signed-in user's role in the account, which decides what the server does on a reopen. */
function roleIn(profile: Profile | undefined, accountId: number): string | undefined {
  return profile?.accounts.find((a) => a.id === accountId)?.role ?? undefined;
}

/** Everything that exists for one signed-in account; replaced as a whole on a switch. */
class AccountConversations {
  readonly store: ConversationStore;
  readonly sync: ConversationSync;
  readonly actions: ConversationActions;
  readonly folders: FolderSync;

  constructor(
    readonly account: ActiveAccount,
    meId: number | undefined,
    filter: ConversationFilter,
    clock: Clock,
    logger: RedactingLogger,
    onBackgroundError: (error: unknown, action: string) => void,
    focus: FocusSource,
    presence: Presence,
  ) {
    this.store = new ConversationStore(account.accountId, meId, filter, (contactId) => presence.isContactOnline(contactId));
    // Focus: read marks made elsewhere reach this window only by refetching (Chatwoot broadcasts none).
    this.sync = new ConversationSync(this.store, restBackend(account.api, account.accountId), { clock, logger, onBackgroundError, focus });
    this.actions = new ConversationActions(this.store, this.sync.backend, this.sync, logger, clock);
    this.folders = new FolderSync(this.store, restFoldersBackend(account.api, account.accountId), { clock, logger, onBackgroundError });
  }

  dispose(): void {
    this.folders.dispose();
    this.actions.dispose();
    this.sync.dispose();
    this.store.dispose();
  }
}

/**
 * The Conversations sidebar feature: the `chatwoot.conversations` TreeView over a per-account
 * ConversationStore, kept live by the cable's events and by REST resyncs after every reconnect,
 * plus the filter, badge, stale-contents message and every conversation command. Also the seam
 * extension-host tests read the tree through (`ExtensionApi.conversations`).
 */
export class ConversationsFeature extends Disposable implements ConversationCommandTarget {
  readonly provider: ConversationsProvider;
  readonly view: vscode.TreeView<ConversationsNode>;
  readonly external: ExternalSeam = {
    openExternal: (uri) => vscode.env.openExternal(uri),
    writeClipboard: (text) => vscode.env.clipboard.writeText(text),
  };
  private readonly _filters: FilterMemory;
  private _live: AccountConversations | undefined;
  private readonly _onDidChangeStore = this._register(new vscode.EventEmitter<void>());
  /** The store (with its sync and actions) was replaced: signed in, out, or to another account. The chat reads the same store. */
  readonly onDidChangeStore = this._onDidChangeStore.event;
  private _lastOpened: number | undefined;
  private _focused: number | undefined;
  private _presence: PresenceMap | undefined;
  private _focusedChat: FocusedChat | undefined;
  private readonly _badge: DelayedJob;

  constructor(
    context: vscode.ExtensionContext,
    readonly connection: ChatwootConnection,
    readonly logger: RedactingLogger,
    private readonly _clock: Clock = systemClock,
    private readonly _focus: FocusSource = windowFocus,
  ) {
    super();
    this._filters = new FilterMemory(context.globalState);
    this.provider = this._register(new ConversationsProvider(_clock));
    this.view = this._register(vscode.window.createTreeView(Views.conversations, { treeDataProvider: this.provider, showCollapseAll: true }));
    this._register(new UnreadDecorations(this.provider));
    this._badge = this._register(new DelayedJob(_clock, INDICATOR_DELAY_MS, async () => this._updateBadge(), (e) => logger.error('updating the Conversations badge failed', e)));
    this._register(connection.onDidChangeAccount((account) => this._bind(account)));
    this._register(
      connection.onDidChangeProfile((profile) => {
        const live = this._live;
        live?.store.setMe(profile.id);
        live?.store.setRole(roleIn(profile, live.account.accountId));
      }),
    );
    this._register(
      connection.onDidReceiveEvent((event) => {
        if (event.event === 'presence.update') {
          if (event.data.account_id === this._live?.account.accountId) this._presence = presenceFrom(event.data.users);
        }
        this._live?.sync.applyEvent(event);
        this._live?.folders.applyEvent(event);
      }),
    );
    this._register(
      this.view.onDidChangeSelection((e) => {
        const node = e.selection[0];
        if (node?.kind === 'conversation') this._focused = node.conversationId;
      }),
    );
    this._register(connection.presence.onDidChange((change) => change.contacts.size > 0 && this._live?.store.contactsPresenceChanged(change.contacts)));
    this._register(
      connection.onDidResync((r) => {
        const live = this._live;
        if (!live) return;
        logger.info(`resync after ${r.reason}`);
        if (r.reason === 'invalid-event') {
          this._refetch(live, r.targets);
          return;
        }
        if (r.reason === 'reconnected') live.sync.markGap();
        live.sync.resync().catch((e) => this._backgroundError(live, e, refreshConversations()));
        live.folders.refetchAll();
        if (r.reason === 'reconnected') void live.sync.refreshCatalog();
      }),
    );
    this._register(connection.onDidChangeState(() => this._updateMessage()));
    this._register(this.provider.onDidRefresh(() => this._updateChrome()));
    this._register(toDisposable(() => this._live?.dispose()));
    this._register(lazyCommands(LazyCommands.conversation, () => import('./commands'), (m) => m.registerConversationCommands(this)));
    this._register(lazyCommands(LazyCommands.triage, () => import('./triageCommands'), (m) => m.registerTriageCommands(this)));
    const tick = setInterval(() => {
      if (this.view.visible && this._live) this.provider.refresh();
    }, CLOCK_TICK_MS);
    this._register(toDisposable(() => clearInterval(tick)));
    this._bind(connection.account);
    this._updateMessage();
  }

  get store(): ConversationStore | undefined {
    return this._live?.store;
  }

  get sync(): ConversationSync | undefined {
    return this._live?.sync;
  }

  get actions(): ConversationActions | undefined {
    return this._live?.actions;
  }

  get folders(): FolderSync | undefined {
    return this._live?.folders;
  }

  get account(): ActiveAccount | undefined {
    return this._live?.account;
  }

  /** The conversation Next Unread last opened, so it moves on from there. */
  get lastOpened(): number | undefined {
    return this._lastOpened;
  }

  get focused(): number | undefined {
    return this._focused;
  }

  get presence(): PresenceMap | undefined {
    return this._presence;
  }

  /** A chat showing this conversation was shown or focused: it is what the palette's commands act on. */
  noteFocus(conversationId: number): void {
    this._focused = conversationId;
  }

  get focusedChat(): FocusedChat | undefined {
    return this._focusedChat;
  }

  /** The chat views, created after the tree (they read its store), tell keybindings what a chat shows. */
  setFocusedChat(chat: FocusedChat): void {
    this._focusedChat = chat;
  }

  /** Settles when no load, resync or follow-up fetch is under way. */
  async whenIdle(): Promise<void> {
    await this._live?.sync.whenIdle();
    await this._live?.folders.whenIdle();
  }

  /** `chatwoot.refresh`: every loaded page, the counts and the reference data, now. */
  async refresh(): Promise<void> {
    const live = this._live;
    if (!live) return;
    live.folders.refetchAll();
    try {
      await Promise.all([live.sync.resync(), live.sync.refreshCatalog()]);
    } catch (e) {
      void this.connection.handleError(e, refreshConversations());
    }
  }

  async setFilter(filter: ConversationFilter): Promise<void> {
    const live = this._live;
    if (!live) return;
    await this._filters.write(live.account.baseUrl, live.account.accountId, filter);
    this._updateChrome();
    try {
      await live.sync.setFilter(filter);
    } catch (e) {
      void this.connection.handleError(e, loadConversations());
    }
    this._updateChrome();
  }

  /** Opens a conversation through the chat view's command. */
  async open(conversationId: number): Promise<void> {
    const live = this._live;
    if (!live) return;
    this._lastOpened = conversationId;
    await vscode.commands.executeCommand(Commands.openConversation, conversationKey(live.account.accountId, conversationId));
  }

  /** Selects a conversation's row (in `preferred`, else the first group that lists it) without taking focus. */
  async reveal(conversationId: number, preferred?: Group): Promise<void> {
    const store = this._live?.store;
    const record = store?.get(conversationId);
    if (!store || !record) return;
    const group = preferred && store.isMember(record, preferred) ? preferred : GROUPS.find((g) => store.isMember(record, g));
    const node = group && this.provider.nodeFor(group, conversationId);
    if (node) await this.view.reveal(node, { select: true, focus: false });
  }

  private _bind(account: ActiveAccount | undefined): void {
    const same = this._live && account && this._live.account.accountId === account.accountId && this._live.account.baseUrl === account.baseUrl && this._live.account.api === account.api;
    if (same) return;
    this._live?.dispose();
    this._live = undefined;
    this._lastOpened = undefined;
    this._focused = undefined;
    this._presence = undefined;
    if (!account) {
      this.provider.setSource(undefined, undefined);
      this._updateChrome();
      this._onDidChangeStore.fire();
      return;
    }
    const filter = this._filters.read(account.baseUrl, account.accountId);
    const live = new AccountConversations(account, this.connection.profile?.id, filter, this._clock, this.logger.child('sync'), (e, action) => this._backgroundError(live, e, action), this._focus, this.connection.presence);
    live.store.setRole(roleIn(this.connection.profile, account.accountId));
    this._live = live;
    live.sync.onDidChangeBehind((behind) => {
      if (this._live !== live) return;
      this._updateChrome();
      this._updateMessage();
      this.connection.setBehind(behindConversations(), behind);
    });
    this.provider.setSource(live.store, live.sync, live.folders);
    this._updateChrome();
    this._onDidChangeStore.fire();
    // The folders after the groups: the groups' pages are what the agent sees first.
    live.sync
      .start()
      .catch((e) => {
        if (this._live === live) void this.connection.handleError(e, loadConversations());
      })
      .finally(() => {
        if (this._live === live) void live.folders.start();
      });
  }

  /** Work nobody waits on: logged, except a revoked token, which must sign out. */
  private _backgroundError(live: AccountConversations, error: unknown, action: string): void {
    if (this._live !== live) return;
    if ((error as { kind?: unknown }).kind === 'unauthorized') void this.connection.handleError(error, action);
    else this.logger.warn(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  /**
   * An unreadable event named what it would have changed: one conversation is fetched by id (a
   * failure falls back to the resync, which retries until it succeeds), pages by a resync.
   */
  private _refetch(live: AccountConversations, targets: readonly RefetchTarget[]): void {
    const resync = () => live.sync.resync().catch((e) => this._backgroundError(live, e, refreshConversations()));
    for (const target of targets) {
      if (target.kind === 'conversations') void resync();
      else if (target.kind === 'conversation') live.sync.refreshConversation(target.id).catch(() => resync());
    }
  }

  private _updateMessage(): void {
    const kind = this.connection.state.kind;
    const message =
      kind === 'reconnecting'
        ? vscode.l10n.t('Reconnecting to Chatwoot… the list may be out of date.')
        : kind === 'auth-error' || kind === 'stopped'
          ? vscode.l10n.t('Not connected to Chatwoot: the list may be out of date. Run "Chatwoot: Reconnect" to try again.')
          : this._live?.sync.isBehind
            ? vscode.l10n.t('Could not refresh from Chatwoot; retrying. The list may be out of date.')
            : undefined;
    // Setting the same text again still costs a message to the window (and a tree refresh).
    if ((this.view.message || undefined) !== message) this.view.message = message;
  }

  /** The description (the filter) now; the badge (unread in Mine) within INDICATOR_DELAY_MS. */
  private _updateChrome(): void {
    this._badge.request();
    const store = this._live?.store;
    const filter = store?.filter;
    const description =
      store && filter
        ? filterDescription(
            filter,
            filter.inboxId === undefined ? undefined : store.inbox(filter.inboxId)?.name,
            filter.teamId === undefined ? undefined : store.team(filter.teamId)?.name,
          )
        : undefined;
    const shown = description && this._live?.sync.isBehind ? `${description} · ${vscode.l10n.t('may be out of date')}` : description;
    // Every assignment is a message to the window, even of the same value.
    if (this.view.description !== shown) this.view.description = shown;
  }

  private _updateBadge(): void {
    // VS Code sends a badge only when it changed.
    const unread = this._live?.store.unreadTotal('mine') ?? 0;
    this.view.badge = unread > 0 ? { value: unread, tooltip: unread === 1 ? vscode.l10n.t('1 unread in your conversations') : vscode.l10n.t('{0} unread in your conversations', unread) } : undefined;
  }
}
