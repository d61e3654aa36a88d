import * as vscode from 'vscode';
import { VisibleConversations } from '../../chat/visibleConversations';
import { age, dateTime } from '../../common/displayLanguage';
import { systemClock } from '../../common/clock';
import { DelayedJob } from '../../common/coalesce';
import { Disposable } from '../../common/dispose';
import { Logger } from '../../common/log';
import { ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands, INDICATOR_DELAY_MS, Settings, Views } from '../../constants';
import { FocusSource } from '../../focus';
import { Notification } from '../../model/notification';
import { BEHIND_NOTIFICATIONS, NotificationCenter } from '../../notifications/notificationCenter';
import { describeNotification } from '../../notifications/notificationText';

/** A row of the Notifications view. */
export type NotificationRow = { kind: 'notification'; id: number } | { kind: 'more' };

/** The `chatwoot.notifications` tree: recent notifications, newest first, and a "load more" row. */
class NotificationsProvider extends Disposable implements vscode.TreeDataProvider<NotificationRow> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(private readonly _center: NotificationCenter) {
    super();
  }

  refresh(): void {
    this._onDidChangeTreeData.fire();
  }

  getChildren(): NotificationRow[] {
    const nodes: NotificationRow[] = this._center.store.items.map((n) => ({ kind: 'notification', id: n.id }));
    if (this._center.store.hasMore) nodes.push({ kind: 'more' });
    return nodes;
  }

  getTreeItem(node: NotificationRow): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(vscode.l10n.t('Load more…'));
      item.id = 'more';
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: Commands.loadMoreNotifications, title: vscode.l10n.t('Load more notifications') };
      return item;
    }
    const n = this._center.store.get(node.id) as Notification;
    const text = describeNotification(n);
    const unread = !n.read_at;
    const item = new vscode.TreeItem(text.title);
    item.id = `notification/${n.id}`;
    item.description = `${age(n.last_activity_at ?? n.created_at, Date.now())}${text.body ? ` · ${text.body}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(unread ? 'bell-dot' : 'bell', unread ? new vscode.ThemeColor('notificationsInfoIcon.foreground') : undefined);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**`).appendText(text.title).appendMarkdown(`**  \n`).appendText(text.body || vscode.l10n.t('(no preview)'));
    tooltip.appendMarkdown(`  \n\n$(clock) ${dateTime((n.last_activity_at ?? n.created_at) * 1000)} · ${unread ? vscode.l10n.t({ message: 'unread', comment: 'a notification not yet read' }) : vscode.l10n.t({ message: 'read', comment: 'a notification already read' })}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: unread ? vscode.l10n.t('Unread notification: {0}. {1}', text.title, text.body) : vscode.l10n.t('Read notification: {0}. {1}', text.title, text.body) };
    item.contextValue = `notification:${unread ? 'unread' : 'read'}`;
    item.command = { command: Commands.openNotification, title: vscode.l10n.t({ message: 'Open', comment: 'opens a notification' }), arguments: [n.id] };
    return item;
  }
}

/** The view's rows as VS Code reads them, and the view (badge, description). */
export interface NotificationsView {
  readonly provider: vscode.TreeDataProvider<NotificationRow>;
  readonly view: vscode.TreeView<NotificationRow>;
}

/** Wires the notification centre, its view and its commands. */
export function registerNotifications(
  connection: ChatwootConnection,
  visible: VisibleConversations,
  focus: FocusSource,
  log: Logger,
): { center: NotificationCenter; view: NotificationsView; disposable: vscode.Disposable } {
  const center = new NotificationCenter(connection, visible, focus, log);
  const provider = new NotificationsProvider(center);
  const view = vscode.window.createTreeView(Views.notifications, { treeDataProvider: provider });
  const idOf = (arg: unknown): number | undefined =>
    typeof arg === 'number' ? arg : (arg as NotificationRow | undefined)?.kind === 'notification' ? (arg as { id: number }).id : undefined;
  const update = () => {
    provider.refresh();
    const unread = center.store.unreadCount;
    view.badge = unread > 0 ? { value: unread, tooltip: unread === 1 ? vscode.l10n.t('1 unread Chatwoot notification') : vscode.l10n.t('{0} unread Chatwoot notifications', unread) } : undefined;
    const behind = connection.behind.includes(BEHIND_NOTIFICATIONS) ? vscode.l10n.t('may be out of date') : undefined;
    const description = [center.doNotDisturb ? vscode.l10n.t('Do Not Disturb') : undefined, behind].filter(Boolean).join(' · ') || undefined;
    // The badge is compared by VS Code; a description set again is sent to the window again.
    if (view.description !== description) view.description = description;
  };
  // The rows and the badge follow a new or read notification within INDICATOR_DELAY_MS.
  const soon = new DelayedJob(systemClock, INDICATOR_DELAY_MS, async () => update(), (e) => log.error('updating the Notifications view failed', e));
  const disposable = vscode.Disposable.from(
    center,
    provider,
    view,
    soon,
    center.store.onDidChange(() => soon.request()),
    connection.onDidChangeBehind(update),
    vscode.workspace.onDidChangeConfiguration((e) => [Settings.popupTypes, Settings.doNotDisturb].some((s) => e.affectsConfiguration(`${Settings.section}.${s}`)) && update()),
    vscode.commands.registerCommand(Commands.showNotifications, () => vscode.commands.executeCommand(`${Views.notifications}.focus`)),
    vscode.commands.registerCommand(Commands.openNotification, (arg: unknown) => {
      const id = idOf(arg);
      return id === undefined ? undefined : center.open(id);
    }),
    vscode.commands.registerCommand(Commands.markNotificationRead, (arg: unknown) => {
      const id = idOf(arg);
      return id === undefined ? undefined : center.markRead(id);
    }),
    vscode.commands.registerCommand(Commands.markAllNotificationsRead, () => center.markAllRead()),
    vscode.commands.registerCommand(Commands.loadMoreNotifications, () => center.loadMore()),
    vscode.commands.registerCommand(Commands.toggleDoNotDisturb, () => center.toggleDoNotDisturb()),
  );
  return { center, view: { provider, view }, disposable };
}
