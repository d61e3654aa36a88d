import { Emitter } from '../common/event';
import { Notification } from '../model/notification';

/** The counts a frame or a list page carries. */
export interface NotificationCounts {
  readonly unread_count: number;
  readonly count: number;
}

/**
 * The signed-in agent's in-app notifications for one account: what the notifications view lists
 * and the status bar counts. Pure, so the rules (newest first, server counts win, optimistic
 * read marks) are unit-tested without a host.
 *
 * Two different totals arrive. A list page's `meta.count` is the size of the list fetched (read
 * ones included), so "more to load" compares with it. A frame's `count` is the number of unread,
 * non-snoozed notifications (`NotificationFinder.new(user, account)` in Chatwoot's
 * app/listeners/base_listener.rb): a badge number, never a list size. Between list fetches,
 * frames move the list size by what they certainly add or take away.
 */
export class NotificationStore {
  private readonly _byId = new Map<number, Notification>();
  private _unreadCount = 0;
  /** The list's size on the server (the last page's `meta.count`, moved by events since). */
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

  /** More of the list exists on the server than is loaded here. */
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

  /** A fetched page; page 1 replaces what was there. */
  setPage(page: number, items: readonly Notification[], meta: NotificationCounts): void {
    if (page === 1) this._byId.clear();
    for (const n of items) this._byId.set(n.id, n);
    this._pagesLoaded = Math.max(page === 1 ? 1 : this._pagesLoaded, page);
    this._unreadCount = meta.unread_count;
    this._total = Math.max(meta.count, this._byId.size);
    this._onDidChange.fire();
  }

  /** A refetch of the first `pages` pages: what the server lists now replaces everything held. */
  replace(items: readonly Notification[], meta: NotificationCounts, pages: number): void {
    this._byId.clear();
    for (const n of items) this._byId.set(n.id, n);
    this._pagesLoaded = Math.max(1, pages);
    this._unreadCount = meta.unread_count;
    this._total = Math.max(meta.count, this._byId.size);
    this._onDidChange.fire();
  }

  setUnreadCount(count: number): void {
    this._unreadCount = count;
    this._onDidChange.fire();
  }

  /**
   * `notification.created` / `.updated`. The frame's `unread_count` is the badge; its `count` is
   * not the list's size (see the class comment). A created one is new to the list. A snoozed one
   * leaves it: the list is fetched without snoozed notifications.
   */
  upsert(n: Notification, frame: NotificationCounts, created = false): void {
    const held = this._byId.has(n.id);
    if (n.snoozed_until) {
      if (held) {
        this._byId.delete(n.id);
        this._total = Math.max(this._byId.size, this._total - 1);
      }
    } else {
      this._byId.set(n.id, n);
      if (created && !held) this._total++;
      this._total = Math.max(this._total, this._byId.size);
    }
    this._unreadCount = frame.unread_count;
    this._onDidChange.fire();
  }

  /** `notification.deleted`: one fewer in the list only if it was one of ours; the next fetch settles the rest. */
  remove(id: number, frame: NotificationCounts): void {
    if (this._byId.delete(id)) this._total = Math.max(this._byId.size, this._total - 1);
    this._unreadCount = frame.unread_count;
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

  dispose(): void {
    this._onDidChange.dispose();
  }
}

function activity(n: Notification): number {
  return n.last_activity_at ?? n.created_at;
}
