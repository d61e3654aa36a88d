import * as vscode from 'vscode';
import { setAvailability } from '../api/profile';
import { systemClock } from '../common/clock';
import { DelayedJob } from '../common/coalesce';
import { Disposable, toDisposable } from '../common/dispose';
import { ChatwootConnection } from '../connection/chatwootConnection';
import { readConnectionSettings } from '../connection/settings';
import { Commands, INDICATOR_DELAY_MS, Settings, StatusBarItems } from '../constants';
import { FocusSource } from '../focus';
import { Availability } from '../model/user';
import { NotificationCenter } from '../notifications/notificationCenter';
import { presentStatus, StatusView } from './statusPresenter';

/** The menu's availabilities; a function, so its words are looked up when the menu opens. */
function availabilities(): ReadonlyArray<{ value: Availability; icon: string; label: string; detail: string }> {
  return [
    { value: 'online', icon: '$(circle-filled)', label: vscode.l10n.t('Online'), detail: vscode.l10n.t('Conversations can be assigned to you') },
    { value: 'busy', icon: '$(circle-slash)', label: vscode.l10n.t('Busy'), detail: vscode.l10n.t('Online, but not taking new conversations') },
    { value: 'offline', icon: '$(circle-outline)', label: vscode.l10n.t('Offline'), detail: vscode.l10n.t('Shown offline to customers and colleagues') },
  ];
}

/**
 * One status bar item for the agent's availability (as the server reports it), the connection
 * and the unread notifications; clicking it opens the Chatwoot menu.
 */
export class StatusItem extends Disposable {
  private readonly _item = this._register(vscode.window.createStatusBarItem(StatusBarItems.status, vscode.StatusBarAlignment.Left, 50));
  /** Availability as the server last said; a pending optimistic change shows until it answers. */
  private _availability: Availability | undefined;
  private _ticker: NodeJS.Timeout | undefined;
  private _view: StatusView | undefined;
  /** The bell's count follows a notification within INDICATOR_DELAY_MS. */
  private readonly _soon = this._register(new DelayedJob(systemClock, INDICATOR_DELAY_MS, async () => this.update(), (e) => console.error('updating the Chatwoot status bar item failed', e)));

  constructor(
    private readonly _connection: ChatwootConnection,
    private readonly _notifications: NotificationCenter,
    private readonly _focus: FocusSource,
  ) {
    super();
    this._item.name = 'Chatwoot';
    this._register(_connection.onDidChangeState(() => this.update()));
    this._register(_connection.onDidChangeBehind(() => this.update()));
    this._register(
      _connection.onDidChangeAccount(() => {
        this._availability = undefined;
        this.update();
      }),
    );
    this._register(
      _connection.onDidChangeProfile((profile) => {
        const account = profile.accounts.find((a) => a.id === _connection.account?.accountId);
        if (account?.availability) this._availability = account.availability;
        this.update();
      }),
    );
    this._register(
      _connection.presence.onDidChange((change) => {
        const me = _connection.profile?.id;
        const availability = me === undefined ? undefined : _connection.presence.availabilityOf(me);
        if (change.users && availability) {
          // Users missing from the map are not present: offline (docs/chatwoot-events.md §3).
          this._availability = availability;
          this.update();
        }
      }),
    );
    this._register(_notifications.store.onDidChange(() => this._soon.request()));
    this._register(_focus.onDidChangeFocus(() => this.update()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(Settings.section) && this.update()));
    this._register(vscode.commands.registerCommand(Commands.statusMenu, () => this.showMenu()));
    this._register(vscode.commands.registerCommand(Commands.setAvailability, (value?: Availability) => (value ? this.setAvailability(value) : this.showMenu())));
    this._register(toDisposable(() => clearInterval(this._ticker)));
    this.update();
    this._item.show();
  }

  /** What the item shows now; tests read it. */
  get view(): StatusView | undefined {
    return this._view;
  }

  get availability(): Availability | undefined {
    return this._availability;
  }

  update(): void {
    const c = this._connection;
    const profile = c.profile;
    const accountId = c.account?.accountId;
    const settings = readConnectionSettings();
    const view = presentStatus({
      connection: c.state,
      now: Date.now(),
      baseUrl: c.account?.baseUrl,
      accountName: profile?.accounts.find((a) => a.id === accountId)?.name,
      agentName: profile?.available_name ?? profile?.name,
      availability: this._availability,
      unreadNotifications: this._notifications.store.unreadCount,
      doNotDisturb: this._notifications.doNotDisturb,
      lastEventAt: c.lastEventAt,
      behind: c.behind,
      networkAdvice: c.networkAdvice?.message,
      heartbeat: {
        sending: c.isSendingHeartbeats,
        why:
          settings.presenceMode === 'off'
            ? vscode.l10n.t('{0} is off', `${Settings.section}.${Settings.presenceMode}`)
            : c.state.kind !== 'connected'
              ? vscode.l10n.t('not connected')
              : !this._focus.focused && settings.presenceMode === 'whenFocused'
                ? vscode.l10n.t('window not focused')
                : undefined,
      },
    });
    const command = c.state.kind === 'signed-out' ? Commands.signIn : Commands.statusMenu;
    // Every assignment is a message to the window, even of the same value; most updates (an
    // event, a notification) change nothing the item shows.
    const before = this._view;
    if (!before || before.text !== view.text || before.tooltip !== view.tooltip || before.accessibilityLabel !== view.accessibilityLabel || before.background !== view.background || this._item.command !== command) {
      this._item.text = view.text;
      this._item.tooltip = new vscode.MarkdownString(view.tooltip, true);
      this._item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
      this._item.backgroundColor = view.background ? new vscode.ThemeColor(`statusBarItem.${view.background}Background`) : undefined;
      this._item.command = command;
    }
    this._view = view;
    // The "reconnecting in N s" countdown and the "waiting for N s" tooltip need a tick; nothing else does.
    const ticking = c.state.kind === 'reconnecting' || c.state.kind === 'awaiting-confirmation';
    if (ticking && !this._ticker) this._ticker = setInterval(() => this.update(), 1000);
    else if (!ticking && this._ticker) {
      clearInterval(this._ticker);
      this._ticker = undefined;
    }
  }

  async setAvailability(value: Availability): Promise<void> {
    const account = this._connection.account;
    if (!account) return;
    const before = this._availability;
    this._availability = value;
    this.update();
    const stillCurrent = () => this._connection.account?.api === account.api;
    try {
      const profile = await setAvailability(account.api, account.accountId, value);
      const confirmed = profile.accounts.find((a) => a.id === account.accountId)?.availability;
      if (confirmed && stillCurrent()) this._availability = confirmed;
    } catch (e) {
      if (stillCurrent()) this._availability = before;
      await this._connection.handleError(e, vscode.l10n.t('set your availability to {0}', value), account.api);
    }
    this.update();
  }

  async showMenu(): Promise<void> {
    if (this._connection.state.kind === 'signed-out') {
      await vscode.commands.executeCommand(Commands.signIn);
      return;
    }
    type Item = vscode.QuickPickItem & { run?: () => unknown };
    const dnd = this._notifications.doNotDisturb;
    const items: Item[] = [
      { label: vscode.l10n.t('Availability'), kind: vscode.QuickPickItemKind.Separator },
      ...availabilities().map((a) => ({
        label: `${a.icon} ${a.label}`,
        description: a.value === this._availability ? vscode.l10n.t('current') : undefined,
        detail: a.detail,
        run: () => this.setAvailability(a.value),
      })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      {
        label: `$(bell) ${vscode.l10n.t('Show Notifications')}`,
        description: vscode.l10n.t('{0} unread', this._notifications.store.unreadCount),
        run: () => vscode.commands.executeCommand(Commands.showNotifications),
      },
      { label: dnd ? `$(bell) ${vscode.l10n.t('Turn Off Do Not Disturb')}` : `$(bell-slash) ${vscode.l10n.t('Turn On Do Not Disturb')}`, run: () => this._notifications.toggleDoNotDisturb() },
      ...(this._connection.state.kind !== 'connected' ? [{ label: `$(debug-restart) ${vscode.l10n.t('Reconnect')}`, run: () => this._connection.reconnect() }] : []),
      { label: `$(arrow-swap) ${vscode.l10n.t('Switch Account…')}`, run: () => vscode.commands.executeCommand(Commands.switchAccount) },
      { label: `$(output) ${vscode.l10n.t('Show Log')}`, run: () => vscode.commands.executeCommand(Commands.showLog) },
      { label: `$(sign-out) ${vscode.l10n.t('Sign Out')}`, run: () => vscode.commands.executeCommand(Commands.signOut) },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Chatwoot', placeHolder: vscode.l10n.t('Availability and account') });
    await picked?.run?.();
  }
}

