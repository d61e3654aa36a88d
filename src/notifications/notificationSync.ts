import * as l10n from '@vscode/l10n';
import { ApiClient } from '../api/client';
import { listNotifications, markAllNotificationsRead, markNotificationRead, NotificationList } from '../api/notifications';
import { Clock } from '../common/clock';
import { CatchUp } from '../common/catchUp';
import { Disposable } from '../common/dispose';
import { Event } from '../common/event';
import { Logger } from '../common/log';
import { RefetchOnFocus } from '../conversations/refetchOnFocus';
import { ChatwootEvent } from '../realtime/events';
import { FocusSource } from '../realtime/heartbeat';
import { NotificationStore } from './notificationStore';

/** What the notifications need of the server; REST below, in-memory fakes where a test wants one. */
export interface NotificationsBackend {
  /** One page of the list, read ones included, snoozed ones not. */
  list(page: number): Promise<NotificationList>;
  markRead(id: number): Promise<void>;
  markAllRead(): Promise<void>;
}

export function restNotificationsBackend(api: ApiClient, accountId: number): NotificationsBackend {
  return {
    list: (page) => listNotifications(api, accountId, { page, includeRead: true }),
    markRead: (id) => markNotificationRead(api, accountId, id),
    markAllRead: () => markAllNotificationsRead(api, accountId),
  };
}

export interface NotificationSyncOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Regaining it re-reads the list, at most once every 30 s. */
  readonly focus?: FocusSource;
  /** Failures of refetches nobody waits on. */
  readonly onBackgroundError?: (error: unknown, action: string) => void;
}

/**
 * Keeps one account's NotificationStore in step with the server, without VS Code: the list over
 * REST (page 1 first, more on request), `notification.*` frames as they come, and a refetch of
 * every loaded page after a reconnect and when the window regains focus, because some changes
 * made elsewhere broadcast nothing (`read_all` uses update_all; an agent's mark-read in 3.x).
 * Read marks are optimistic and undone when the server refuses. Owned by the NotificationCenter,
 * replaced on every account change.
 */
export class NotificationSync extends Disposable {
  private readonly _refresh: CatchUp;
  /** A failed refetch is retried until one succeeds; meanwhile the list may be out of date. */
  readonly onDidChangeBehind: Event<boolean>;
  private readonly _refetchOnFocus: RefetchOnFocus | undefined;
  private _loadingMore: Promise<void> | undefined;

  constructor(
    readonly store: NotificationStore,
    private readonly _backend: NotificationsBackend,
    private readonly _options: NotificationSyncOptions,
  ) {
    super();
    this._refresh = this._register(
      new CatchUp({
        job: () => this._refetch(),
        what: 'your notifications',
        clock: _options.clock,
        logger: _options.logger,
      }),
    );
    this.onDidChangeBehind = this._refresh.onDidChangeBehind;
    if (_options.focus) this._refetchOnFocus = this._register(new RefetchOnFocus(_options.focus, _options.clock, () => this._backgroundRefresh('focus')));
  }

  get isBehind(): boolean {
    return this._refresh.isBehind;
  }

  /** Re-reads every loaded page (at least the first) and replaces what is held; coalesced, retried until it succeeds. */
  refresh(): Promise<void> {
    return this._refresh.run();
  }

  /** The next page, when the list says there is one; concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (this._loadingMore) return this._loadingMore;
    if (!this.store.hasMore) return Promise.resolve();
    const next = this.store.pagesLoaded + 1;
    const p = this._backend
      .list(next)
      .then((page) => {
        if (!this.isDisposed) this.store.setPage(next, page.payload, page.meta);
      })
      .finally(() => (this._loadingMore = undefined));
    this._loadingMore = p;
    return p;
  }

  /** One cable event; anything but `notification.*` is ignored. */
  applyEvent(e: ChatwootEvent): void {
    if (this.isDisposed) return;
    switch (e.event) {
      case 'notification.created':
        this.store.upsert(e.data.notification, e.data, true);
        break;
      case 'notification.updated':
        this.store.upsert(e.data.notification, e.data);
        break;
      case 'notification.deleted':
        this.store.remove(e.data.notification.id, e.data);
        break;
    }
  }

  /** Optimistic; undone and rethrown when the server refuses. */
  async markRead(id: number): Promise<void> {
    const undo = this.store.markRead(id, this._nowSeconds());
    try {
      await this._backend.markRead(id);
    } catch (e) {
      undo();
      throw e;
    }
  }

  async markAllRead(): Promise<void> {
    const undo = this.store.markAllRead(this._nowSeconds());
    try {
      await this._backend.markAllRead();
    } catch (e) {
      undo();
      throw e;
    }
  }

  /** Settles when no refetch or page load is under way. */
  async whenIdle(): Promise<void> {
    await Promise.all([this._refresh.whenIdle(), this._loadingMore?.catch(() => undefined)]);
  }

  private _nowSeconds(): number {
    return Math.floor(this._options.clock.now() / 1000);
  }

  private _backgroundRefresh(why: string): void {
    this.refresh().catch((e: unknown) => {
      if (this.isDisposed) return;
      if (this._options.onBackgroundError) this._options.onBackgroundError(e, l10n.t('refresh your notifications'));
      else this._options.logger.warn(`notifications refresh (${why}) failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private async _refetch(): Promise<void> {
    const pages = Math.max(1, this.store.pagesLoaded);
    const items = [];
    let meta: NotificationList['meta'] | undefined;
    let fetched = 0;
    for (let page = 1; page <= pages; page++) {
      const result = await this._backend.list(page);
      if (this.isDisposed) return;
      items.push(...result.payload);
      meta = result.meta;
      fetched = page;
      if (result.payload.length === 0) break;
    }
    if (!meta) return;
    this.store.replace(items, meta, fetched);
    this._refetchOnFocus?.markFresh();
    this._options.logger.debug(`notifications: ${items.length} of ${meta.count}, ${meta.unread_count} unread`);
  }
}
