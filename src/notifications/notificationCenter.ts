import * as vscode from 'vscode';
import { VisibleConversations } from '../chat/visibleConversations';
import { Clock, systemClock } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { Logger } from '../common/log';
import { ActiveAccount, ChatwootConnection } from '../connection/chatwootConnection';
import { Commands, Settings } from '../constants';
import { conversationKey } from '../conversations/conversationKey';
import { FocusSource } from '../focus';
import { Notification } from '../model/notification';
import { ChatwootEvent } from '../realtime/events';
import { EventAlert, EventAlerts } from './eventAlerts';
import { NotificationStore } from './notificationStore';
import { NotificationSync, restNotificationsBackend } from './notificationSync';
import { DEFAULT_POPUP_TYPES, describeConversationAlert, describeNotification, NotificationText } from './notificationText';
import { popups } from './popups';

/**
 * How the list names itself when it reports being behind (the status bar lists these). An id as
 * much as words: the status bar translates it when shown (statusbar/statusPresenter.ts).
 */
export const BEHIND_NOTIFICATIONS = 'your notifications';

/**
 * The agent's notifications: one NotificationSync per signed-in account keeps the store in step
 * (the list over REST, again after every resync and on regaining focus, and `notification.*`
 * events); this adds the VS Code side: pop-ups for the ones the agent asked for, opening their
 * conversation, and reporting failures.
 */
export class NotificationCenter extends Disposable {
  readonly store = new NotificationStore();
  /** Mentions and bot handoffs announced by a cable event as well as (or instead of) a notification. */
  readonly alerts = new EventAlerts({ clock: systemClock });
  /** Bumped on every account change, so a pop-up answered after a switch is dropped. */
  private _generation = 0;
  private _live: { readonly account: ActiveAccount; readonly sync: NotificationSync } | undefined;

  constructor(
    private readonly _connection: ChatwootConnection,
    private readonly _visible: VisibleConversations,
    private readonly _focus: FocusSource,
    private readonly _log: Logger,
    private readonly _clock: Clock = systemClock,
  ) {
    super();
    this._register(
      _connection.onDidChangeAccount((account) => {
        this._generation++;
        this.alerts.clear();
        this._bind(account);
      }),
    );
    this._register(this.alerts.onDidAlert((a) => this._popUpForEvent(a).catch((error: unknown) => this._log.error('showing a notification failed', error))));
    this._register(
      _connection.onDidResync((r) => {
        // A conversation's unreadable event says nothing about the list.
        if (r.reason === 'reconnected' || (r.reason === 'invalid-event' && r.targets.some((t) => t.kind === 'notifications'))) this._refresh(r.reason);
      }),
    );
    this._register(_connection.onDidReceiveEvent((e) => this._onEvent(e)));
    this._register(this.alerts);
    this._register(
      toDisposable(() => {
        this._live?.sync.dispose();
        this._live = undefined;
      }),
    );
    this._register(this.store);
  }

  get doNotDisturb(): boolean {
    return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.doNotDisturb, false);
  }

  async toggleDoNotDisturb(): Promise<void> {
    await vscode.workspace.getConfiguration(Settings.section).update(Settings.doNotDisturb, !this.doNotDisturb, vscode.ConfigurationTarget.Global);
  }

  /** The sync of the signed-in account (tests wait on it). */
  get sync(): NotificationSync | undefined {
    return this._live?.sync;
  }

  private _bind(account: ActiveAccount | undefined): void {
    this._live?.sync.dispose();
    this._live = undefined;
    this.store.clear();
    if (!account) return;
    const live = {
      account,
      sync: new NotificationSync(this.store, restNotificationsBackend(account.api, account.accountId), {
        clock: this._clock,
        logger: this._log,
        focus: this._focus,
        onBackgroundError: (e, action) => this._backgroundError(live, e, action),
      }),
    };
    this._live = live;
    live.sync.onDidChangeBehind((behind) => {
      if (this._live === live) this._connection.setBehind(BEHIND_NOTIFICATIONS, behind);
    });
    this._refresh('sign-in');
  }

  private _refresh(why: string): void {
    const live = this._live;
    if (!live) return;
    this._log.debug(`notifications: refetching the list (${why})`);
    live.sync.refresh().catch((e: unknown) => this._failed(live, e, vscode.l10n.t('load your notifications')));
  }

  /** A refetch nobody waits on (regaining focus): logged, except a revoked token, which must sign out. */
  private _backgroundError(live: { readonly account: ActiveAccount }, error: unknown, action: string): void {
    if (this._live !== live) return;
    if ((error as { kind?: unknown }).kind === 'unauthorized') void this._failed(live, error, action);
    else this._log.warn(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Reported only while that account is still the signed-in one. */
  private async _failed(live: { readonly account: ActiveAccount }, error: unknown, action: string): Promise<void> {
    if (this._live === live) await this._connection.handleError(error, action, live.account.api);
  }

  async loadMore(): Promise<void> {
    const live = this._live;
    if (live) await live.sync.loadMore().catch((e: unknown) => this._failed(live, e, vscode.l10n.t('load more notifications')));
  }

  private _onEvent(e: ChatwootEvent): void {
    switch (e.event) {
      case 'notification.created': {
        const n = e.data.notification;
        this._live?.sync.applyEvent(e);
        if (this.alerts.notificationArrived(n.notification_type, n.primary_actor?.id)) {
          this._maybePopUp(n).catch((error: unknown) => this._log.error('showing a notification failed', error));
        } else {
          this._log.debug(`notification ${n.id} not shown: the event announcing the same ${n.notification_type} already popped up`);
        }
        break;
      }
      // The mentioned agent alone gets this, usually after the conversation_mention notification.
      case 'conversation.mentioned':
        this._eventAlert({ type: 'conversation_mention', conversation: e.data });
        break;
      // Not broadcast by upstream Chatwoot (a conversation_creation notification is); forks do.
      case 'conversation.bot_handoff':
        this._eventAlert({ type: 'conversation_creation', conversation: e.data });
        break;
      case 'notification.updated':
      case 'notification.deleted':
        this._live?.sync.applyEvent(e);
        break;
    }
  }

  /** Why a notification does not pop up, or undefined when it should. */
  private _suppressed(n: Notification): string | undefined {
    if (n.read_at) return 'already read';
    return this._suppressedFor(n.notification_type, n.primary_actor?.id);
  }

  private _suppressedFor(type: string, conversationId: number | undefined): string | undefined {
    if (this.doNotDisturb) return 'do not disturb';
    const types = vscode.workspace.getConfiguration(Settings.section).get<string[]>(Settings.popupTypes, [...DEFAULT_POPUP_TYPES]);
    if (!types.includes(type)) return `type ${type} is not in chatwoot.notifications.popupTypes`;
    const account = this._connection.account;
    if (account && conversationId !== undefined && this._focus.focused && this._visible.isVisible(conversationKey(account.accountId, conversationId))) {
      return 'the conversation is open in a focused window';
    }
    return undefined;
  }

  private _eventAlert(alert: EventAlert): void {
    // The conversation's latest message is the agent's own (a self-mention, or they have answered
    // since): nothing to tell them.
    const last = alert.conversation.messages?.[alert.conversation.messages.length - 1];
    const me = this._connection.profile?.id;
    if (me !== undefined && last?.sender_type === 'User' && last.sender_id === me) {
      this._log.debug(`${alert.type} for conversation ${alert.conversation.id} not shown: its latest message is your own`);
      return;
    }
    const outcome = this.alerts.eventArrived(alert);
    this._log.debug(`${alert.type} event for conversation ${alert.conversation.id}: ${outcome === 'covered' ? 'a notification already announced it' : 'waiting for its notification'}`);
  }

  /** A cable event no notification announced within the grace period: popped up in its place. */
  private async _popUpForEvent(alert: EventAlert): Promise<void> {
    const conversationId = alert.conversation.id;
    const why = this._suppressedFor(alert.type, conversationId);
    if (why) {
      this._log.debug(`${alert.type} for conversation ${conversationId} not shown: ${why}`);
      return;
    }
    const account = this._connection.account;
    if (!account) return;
    const text: NotificationText = describeConversationAlert(alert.type, alert.conversation);
    const generation = this._generation;
    const open = vscode.l10n.t({ message: 'Open', comment: ['Pop-up button: opens the conversation the notification is about'] });
    const choice = await popups.show(text.severity, text.body ? `${text.title}: ${text.body}` : text.title, open);
    if (generation !== this._generation || choice !== open) return;
    await Promise.resolve(vscode.commands.executeCommand(Commands.openConversation, conversationKey(account.accountId, conversationId))).catch((e: unknown) =>
      this._log.error(`could not open conversation ${conversationId}`, e),
    );
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
    const open = vscode.l10n.t({ message: 'Open', comment: ['Pop-up button: opens the conversation the notification is about'] });
    const markRead = vscode.l10n.t('Mark as Read');
    const choice = await popups.show(text.severity, message, ...(text.conversationId !== undefined ? [open, markRead] : [markRead]));
    // The agent may have switched account while the pop-up waited: its id means nothing now.
    if (generation !== this._generation) return;
    if (choice === open) await this.open(n.id);
    else if (choice === markRead) await this.markRead(n.id);
  }

  /** Opens the notification's conversation in the chat view and marks the notification read. */
  async open(id: number): Promise<void> {
    const n = this.store.get(id);
    const account = this._connection.account;
    const conversationId = n?.primary_actor?.id;
    if (!n || !account || conversationId === undefined) return;
    const opened = Promise.resolve(vscode.commands.executeCommand(Commands.openConversation, conversationKey(account.accountId, conversationId))).catch(
      (e: unknown) => this._log.error(`could not open conversation ${conversationId}`, e),
    );
    await Promise.all([opened, this.markRead(id)]);
  }

  async markRead(id: number): Promise<void> {
    const live = this._live;
    if (live) await live.sync.markRead(id).catch((e: unknown) => this._failed(live, e, vscode.l10n.t('mark the notification as read')));
  }

  async markAllRead(): Promise<void> {
    const live = this._live;
    if (live) await live.sync.markAllRead().catch((e: unknown) => this._failed(live, e, vscode.l10n.t('mark all notifications as read')));
  }
}
