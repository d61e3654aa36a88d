import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../../common/dispose';
import { ConversationsProvider } from './conversationsProvider';
import { conversationUri, parseConversationUri } from './nodes';

/**
 * The unread count as a badge on each conversation row, and the row's label coloured, without
 * rebuilding the tree: keyed by each row's `resourceUri` (STYLE.md §3 principle 6). Follows the
 * provider's coalesced refreshes, so it never fires more often than the tree does, and only for
 * rows whose count changed: each change costs the window a round trip per row.
 */
export class UnreadDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this._onDidChange.event;
  /** The count each row's decoration was last given for (none: 0). */
  private readonly _given = new Map<number, number>();

  constructor(private readonly _provider: ConversationsProvider) {
    super();
    const sub = _provider.onDidRefresh((refresh) => {
      const store = _provider.store;
      if (refresh.conversations === 'all' || !store) {
        this._given.clear();
        this._onDidChange.fire(undefined);
        return;
      }
      const changed = [...refresh.conversations].filter((id) => (store.get(id)?.unreadCount ?? 0) !== (this._given.get(id) ?? 0));
      if (changed.length > 0) this._onDidChange.fire(changed.map((id) => conversationUri(store.accountId, id)));
    });
    this._register(toDisposable(() => sub.dispose()));
    this._register(vscode.window.registerFileDecorationProvider(this));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const ref = parseConversationUri(uri);
    const store = this._provider.store;
    if (!ref || !store || store.accountId !== ref.accountId) return undefined;
    const unread = store.get(ref.conversationId)?.unreadCount ?? 0;
    if (unread === 0) this._given.delete(ref.conversationId);
    else this._given.set(ref.conversationId, unread);
    if (unread === 0) return undefined;
    // Badges hold at most two characters.
    return new vscode.FileDecoration(unread > 9 ? '9+' : String(unread), unread === 1 ? vscode.l10n.t('1 unread') : vscode.l10n.t('{0} unread', unread), new vscode.ThemeColor('list.highlightForeground'));
  }
}
