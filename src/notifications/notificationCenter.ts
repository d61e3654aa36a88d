import * as vscode from 'vscode';
import { getUnreadNotificationCount, listNotifications, markAllNotificationsRead, markNotificationRead } from '../api/notifications';
import { Logger } from '../common/log';
import { Settings } from '../constants';
import { ActiveAccount, ChatwootConnection } from '../connection/chatwootConnection';
import { FocusSource } from '../focus';
import { Notification } from '../model/notification';
import { ChatwootEvent } from '../realtime/events';
import { VisibleConversations } from '../views/chat/visibleConversations';
import { DEFAULT_POPUP_TYPES, describeNotification } from './notificationText';
import { NotificationStore } from './notificationStore';
import { popups } from './popups';

/** Registered by the conversations feature; argument `{ accountId, conversationId }` (display id). */
const OPEN_CONVERSATION = 'chatwoot.openConversation';
const OPEN = 'Open';
const MARK_READ = 'Mark as Read';

/**
 * The agent's notifications: loads them over REST (again after every resync), keeps them in step
 * with `notification.*` events, pops up the ones the agent asked for, and marks them read.
 */
export class NotificationCenter implements vscode.Disposable {
  readonly store = new NotificationStore();
  private readonly _subscriptions: vscode.Disposable[] = [];
  /** Bumped on every account change, so a slow load for the previous account is discarded. */
  private _generation = 0;

  constructor(
    private readonly _connection: ChatwootConnection,
    private readonly _visible: VisibleConversations,
    private readonly _focus: FocusSource,
    private readonly _log: Logger,
  ) {
    this._subscriptions.push(
      _connection.onDidChangeAccount((account) => {
        this._generation++;
        this.store.clear();
        if (account) void this._loadFirstPage(account, 'sign-in');
      }),
      _connection.onDidResync(() => {
        const account = _connection.account;
        if (account) void this._loadFirstPage(account, 'resync');
      }),
      _connection.onDidReceiveEvent((e) => this._onEvent(e)),
    );
  }

  get doNotDisturb(): boolean {
    return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.doNotDisturb, false);
  }

  async toggleDoNotDisturb(): Promise<void> {
    await vscode.workspace.getConfiguration(Settings.section).update(Settings.doNotDisturb, !this.doNotDisturb, vscode.ConfigurationTarget.Global);
  }

  private async _loadFirstPage(account: ActiveAccount, why: string): Promise<void> {
    const generation = this._generation;
    try {
      const [page, unread] = await Promise.all([
        listNotifications(account.api, account.accountId, { page: 1, includeRead: true }),
        getUnreadNotificationCount(account.api, account.accountId),
      ]);
      if (generation !== this._generation) return;
      this.store.setPage(1, page.payload, { unread_count: unread, count: page.meta.count });
      this._log.debug(`notifications loaded (${why}): ${page.payload.length}, ${unread} unread`);
    } catch (e) {
      if (generation === this._generation) await this._connection.handleError(e, 'load your notifications', account.api);
    }
  }

  async loadMore(): Promise<void> {
    const account = this._connection.account;
    if (!account || !this.store.hasMore) return;
    const generation = this._generation;
    const next = this.store.pagesLoaded + 1;
    try {
      const page = await listNotifications(account.api, account.accountId, { page: next, includeRead: true });
      if (generation === this._generation) this.store.setPage(next, page.payload, { unread_count: page.meta.unread_count, count: page.meta.count });
    } catch (e) {
      await this._connection.handleError(e, 'load more notifications', account.api);
    }
  }

  private _onEvent(e: ChatwootEvent): void {
    switch (e.event) {
      case 'notification.created':
        this.store.upsert(e.data.notification, e.data);
        this._maybePopUp(e.data.notification).catch((error: unknown) => this._log.error('showing a notification failed', error));
        break;
      case 'notification.updated':
        this.store.upsert(e.data.notification, e.data);
        break;
      case 'notification.deleted':
        this.store.remove(e.data.notification.id, e.data);
        break;
    }
  }

  /** Why a notification does not pop up, or undefined when it should. */
  private _suppressed(n: Notification): string | undefined {
    if (n.read_at) return 'already read';
    if (this.doNotDisturb) return 'do not disturb';
    const types = vscode.workspace.getConfiguration(Settings.section).get<string[]>(Settings.popupTypes, [...DEFAULT_POPUP_TYPES]);
    if (!types.includes(n.notification_type)) return `type ${n.notification_type} is not in chatwoot.notifications.popupTypes`;
    const account = this._connection.account;
    const conversationId = n.primary_actor?.id;
    if (account && conversationId !== undefined && this._focus.focused && this._visible.isVisible(account.accountId, conversationId)) {
      return 'the conversation is open in a focused window';
    }
    return undefined;
  }

  private async _maybePopUp(n: Notification): Promise<void> {
    const why = this._suppressed(n);
    if (why) {
      this._log.debug(`notification ${n.id} not shown: ${why}`);
      return;
    }
    const text = describeNotification(n);
    const message = text.body ? `${text.title}: ${text.body}` : text.title;
    const generation = this._generation;
    const choice = await popups.show(text.severity, message, ...(text.conversationId !== undefined ? [OPEN, MARK_READ] : [MARK_READ]));
    // The agent may have switched account while the pop-up waited: its id means nothing now.
    if (generation !== this._generation) return;
    if (choice === OPEN) await this.open(n.id);
    else if (choice === MARK_READ) await this.markRead(n.id);
  }

  /** Opens the notification's conversation in the chat view and marks the notification read. */
  async open(id: number): Promise<void> {
    const n = this.store.get(id);
    const account = this._connection.account;
    const conversationId = n?.primary_actor?.id;
    if (!n || !account || conversationId === undefined) return;
    const opened = Promise.resolve(vscode.commands.executeCommand(OPEN_CONVERSATION, { accountId: account.accountId, conversationId })).catch(
      (e: unknown) => this._log.error(`could not open conversation ${conversationId}`, e),
    );
    await Promise.all([opened, this.markRead(id)]);
  }

  async markRead(id: number): Promise<void> {
    const account = this._connection.account;
    if (!account) return;
    const undo = this.store.markRead(id, Math.floor(Date.now() / 1000));
    try {
      await markNotificationRead(account.api, account.accountId, id);
    } catch (e) {
      undo();
      await this._connection.handleError(e, 'mark the notification as read', account.api);
    }
  }

  async markAllRead(): Promise<void> {
    const account = this._connection.account;
    if (!account) return;
    const undo = this.store.markAllRead(Math.floor(Date.now() / 1000));
    try {
      await markAllNotificationsRead(account.api, account.accountId);
    } catch (e) {
      undo();
      await this._connection.handleError(e, 'mark all notifications as read', account.api);
    }
  }

  dispose(): void {
    for (const s of this._subscriptions) s.dispose();
    this.store.dispose();
  }
}
