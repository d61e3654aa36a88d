import { Emitter } from '../common/event';
import { Notification } from '../model/notification';

/**
 * The signed-in agent's in-app notifications for one account: what the notifications view lists
 * and the status bar counts. Pure, so the rules (newest first, server counts win, optimistic
 * read marks) are unit-tested without a host.
 */
export class NotificationStore {
  private readonly _byId = new Map<number, Notification>();
  private _unreadCount = 0;
  private _total = 0;
  private _pagesLoaded = 0;
  private readonly _onDidChange = new Emitter<void>();
  readonly onDidChange = this._onDidChange.event;

  get unreadCount(): number {
    return this._unreadCount;
  }

  get pagesLoaded(): number {
    return this._pagesLoaded;
  }

  /** More pages exist on the server than are loaded here. */
  get hasMore(): boolean {
    return this._byId.size < this._total;
  }

  /** Newest activity first, as Chatwoot lists them. */
  get items(): Notification[] {
    return [...this._byId.values()].sort((a, b) => activity(b) - activity(a) || b.id - a.id);
  }

  get(id: number): Notification | undefined {
    return this._byId.get(id);
  }

  clear(): void {
    this._byId.clear();
    this._unreadCount = 0;
    this._total = 0;
    this._pagesLoaded = 0;
    this._onDidChange.fire();
  }

  /** A fetched page; page 1 replaces what was there (it is also the resync). */
  setPage(page: number, items: readonly Notification[], counts: { unread_count: number; count: number }): void {
    if (page === 1) this._byId.clear();
    for (const n of items) this._byId.set(n.id, n);
    this._pagesLoaded = Math.max(page === 1 ? 1 : this._pagesLoaded, page);
    this._setCounts(counts.unread_count, counts.count);
    this._onDidChange.fire();
  }

  setUnreadCount(count: number): void {
    this._unreadCount = count;
    this._onDidChange.fire();
  }

  /** `notification.created` / `.updated`: the frame's counts are the server's totals. */
  upsert(n: Notification, counts: { unread_count: number; count: number }): void {
    this._byId.set(n.id, n);
    this._setCounts(counts.unread_count, counts.count);
    this._onDidChange.fire();
  }

  remove(id: number, counts: { unread_count: number; count: number }): void {
    this._byId.delete(id);
    this._setCounts(counts.unread_count, counts.count);
    this._onDidChange.fire();
  }

  /** Marks one read locally; returns the undo for when the server refuses. */
  markRead(id: number, at: number): () => void {
    const before = this._byId.get(id);
    if (!before || before.read_at) return () => {};
    this._byId.set(id, { ...before, read_at: at });
    this._unreadCount = Math.max(0, this._unreadCount - 1);
    this._onDidChange.fire();
    return () => {
      if (this._byId.get(id)?.read_at === at) this._byId.set(id, before);
      this._unreadCount++;
      this._onDidChange.fire();
    };
  }

  markAllRead(at: number): () => void {
    const before = new Map(this._byId);
    const unread = this._unreadCount;
    for (const [id, n] of this._byId) if (!n.read_at) this._byId.set(id, { ...n, read_at: at });
    this._unreadCount = 0;
    this._onDidChange.fire();
    return () => {
      for (const [id, n] of before) this._byId.set(id, n);
      this._unreadCount = unread;
      this._onDidChange.fire();
    };
  }

  private _setCounts(unread: number, total: number): void {
    this._unreadCount = unread;
    this._total = Math.max(total, this._byId.size);
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}

function activity(n: Notification): number {
  return n.last_activity_at ?? n.created_at;
}
