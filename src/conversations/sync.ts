import * as l10n from '@vscode/l10n';
import { ApiError } from '../api/errors';
import { Clock } from '../common/clock';
import { CatchUp } from '../common/catchUp';
import { DelayedJob } from '../common/coalesce';
import { Disposable, toDisposable } from '../common/dispose';
import { Event } from '../common/event';
import { Logger } from '../common/log';
import { Conversation } from '../model/conversation';
import { ChatwootEvent } from '../realtime/events';
import { FocusSource } from '../realtime/heartbeat';
import { ConversationsBackend } from './backend';
import { compareBySortKey, ConversationFilter, Group, GroupCounts, GROUPS, sameFilter } from './filters';
import { ConversationRecord, toConversationRecord } from './records';
import { reduce } from './reduce';
import { RefetchOnFocus } from './refetchOnFocus';
import { ConversationStore } from './store';

export interface SyncOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Failures of work nobody is waiting on (counts, missing conversations, catalog). */
  readonly onBackgroundError?: (error: unknown, action: string) => void;
  /** Quiet time before counts are refetched after events; bursts share one request. */
  readonly countsDelayMs?: number;
  /** Quiet time before conversations named by events but not held are fetched. */
  readonly missingDelayMs?: number;
  /**
   * How long after `conversation.unread_count_changed` the loaded pages and counts are refetched;
   * every such event meanwhile shares the one refetch. Default 5 s, the dashboard's throttle
   * (UNREAD_COUNTS_REFETCH_THROTTLE_MS): 4.x sends one for every incoming message.
   */
  readonly unreadCountsDelayMs?: number;
  /** The window's focus: regaining it refetches the loaded pages, at most once every 30 s. */
  readonly focus?: FocusSource;
}

/** Enough that a burst of replies in old conversations does not fan out into dozens of GETs. */
const MAX_MISSING_PER_RUN = 20;
const MISSING_CONCURRENCY = 4;

/** At most this many held conversations are checked one by one after a resync (see `_reconcile`). */
const MAX_VERIFY_PER_RUN = 20;

interface GroupFetch {
  readonly group: Group;
  readonly conversations: readonly Conversation[];
  readonly counts: GroupCounts;
  /** Page 1 alone, with the counts that came with it: one consistent snapshot of the top. */
  readonly firstPage: readonly Conversation[];
  readonly firstCounts: GroupCounts;
}

/**
 * Keeps a ConversationStore in step with the server. It loads each group page by page (the tree
 * asks for more), applies cable events through the reducer, and on every resync refetches every
 * loaded page of every group plus the counts and reconciles: new and changed conversations are
 * upserted by id, and held ones the server no longer lists inside the refetched window are
 * dropped, or fetched one by one where the pages may have shifted under it (`_reconcile`).
 * It never relies on `updated_within`, which misses replies in older conversations (docs/user-needs.md §1).
 * Read state needs refetching too: Chatwoot broadcasts nothing for an agent's mark-read, so
 * another window's or teammate's read marks arrive only through a refetch, after 4.x's
 * payload-less `conversation.unread_count_changed` or when the window regains focus.
 * Resyncs are coalesced: one in flight, one queued.
 */
export class ConversationSync extends Disposable {
  private _pages: Record<Group, number> = { mine: 1, unassigned: 1, all: 1 };
  private readonly _resync: CatchUp;
  private readonly _countsJob: DelayedJob;
  private readonly _missingJob: DelayedJob;
  private readonly _unreadCountsJob: DelayedJob;
  private readonly _refetchOnFocus: RefetchOnFocus | undefined;
  private readonly _missing = new Set<number>();
  private readonly _loadingMore = new Map<Group, Promise<void>>();
  /** Single conversations being fetched (`refreshConversation`), settled either way. */
  private readonly _refreshing = new Set<Promise<void>>();
  private _loaded = false;
  /** Events may have been lost (a reconnect): the next resync also checks held rows below the refetched pages. */
  private _afterGap = false;

  constructor(
    readonly store: ConversationStore,
    readonly backend: ConversationsBackend,
    private readonly _options: SyncOptions,
  ) {
    super();
    const background = (action: string) => (error: unknown) => this._backgroundError(error, action);
    this._resync = this._register(
      new CatchUp({
        job: () => this._refetch(),
        what: 'the conversations',
        clock: _options.clock,
        logger: _options.logger,
      }),
    );
    /** A failed resync is retried until one succeeds; meanwhile the tree says it may be out of date. */
    this.onDidChangeBehind = this._resync.onDidChangeBehind;
    this._countsJob = this._register(new DelayedJob(_options.clock, _options.countsDelayMs ?? 300, () => this._refreshCounts(), background(l10n.t('refresh the conversation counts'))));
    this._missingJob = this._register(new DelayedJob(_options.clock, _options.missingDelayMs ?? 50, () => this._fetchMissing(), background(l10n.t('load a conversation'))));
    this._unreadCountsJob = this._register(new DelayedJob(_options.clock, _options.unreadCountsDelayMs ?? 5000, () => this.resync(), background(l10n.t('refresh the conversations'))));
    if (_options.focus) {
      this._refetchOnFocus = this._register(
        new RefetchOnFocus(_options.focus, _options.clock, () => {
          if (this._loaded) this.resync().catch(background(l10n.t('refresh the conversations')));
        }),
      );
    }
    const sub = store.onDidChange((change) => {
      if (change.missing.size === 0) return;
      for (const id of change.missing) this._missing.add(id);
      this._missingJob.request();
    });
    this._register(toDisposable(() => sub.dispose()));
  }

  readonly onDidChangeBehind: Event<boolean>;

  /** Whether the last resync failed (another is scheduled), so what the store holds may be out of date. */
  get isBehind(): boolean {
    return this._resync.isBehind;
  }

  /** Resyncs run after a failure (the catch-up test counts them; the soak reads the log). */
  get resyncRetries(): number {
    return this._resync.retries;
  }

  /** Whether the first load has completed. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  get isIdle(): boolean {
    return this._resync.isIdle && this._countsJob.isIdle && this._missingJob.isIdle && this._unreadCountsJob.isIdle && this._loadingMore.size === 0 && this._refreshing.size === 0;
  }

  pagesLoaded(group: Group): number {
    return this._pages[group];
  }

  /** Whether the server has more of this group than the store holds. */
  hasMore(group: Group): boolean {
    const counts = this.store.counts;
    if (!counts) return false;
    let held = 0;
    for (const c of this.store.conversations.values()) if (this.store.isMember(c, group)) held++;
    return held < counts[group];
  }

  /** The first load: reference data and page 1 of each group. Rejects if the conversations could not be listed. */
  async start(): Promise<void> {
    void this.refreshCatalog();
    await this.resync();
  }

  /**
   * The socket was down, so events may have been lost: the next resync (the one after a reconnect)
   * also drops held rows that sort below the refetched pages (brought in by events), which no page
   * lists, so a lost event could have left them stale. Other resyncs (focus, unread counts) keep
   * them: nothing was lost.
   */
  markGap(): void {
    this._afterGap = true;
  }

  /** Refetches every loaded page and the counts; coalesced, and retried with backoff until it succeeds. */
  resync(): Promise<void> {
    return this._resync.run();
  }

  /** A new filter: pages start again at 1. */
  setFilter(filter: ConversationFilter): Promise<void> {
    if (sameFilter(filter, this.store.filter)) return Promise.resolve();
    this._pages = { mine: 1, unassigned: 1, all: 1 };
    this.store.setFilter(filter);
    return this.resync();
  }

  /** The next page of one group; concurrent calls for the same group share one request. */
  loadMore(group: Group): Promise<void> {
    const running = this._loadingMore.get(group);
    if (running) return running;
    const filter = this.store.filter;
    const page = this._pages[group] + 1;
    const startRevision = this.store.revision;
    const p = this.backend
      .list(filter, group, page)
      .then((result) => {
        if (this.isDisposed || !sameFilter(filter, this.store.filter)) return;
        this.store.batch(() => {
          this._upsertRows(result.conversations, startRevision);
          this.store.setCounts(result.counts);
        });
        if (result.conversations.length > 0) this._pages[group] = Math.max(this._pages[group], page);
      })
      .finally(() => this._loadingMore.delete(group));
    this._loadingMore.set(group, p);
    return p;
  }

  /** One cable event. */
  applyEvent(event: ChatwootEvent): void {
    if (this.isDisposed) return;
    if (event.event === 'account.cache_invalidated') {
      void this.refreshCatalog();
      return;
    }
    if (event.event === 'conversation.unread_count_changed') {
      // 4.x: some conversation's read state moved (another agent's or window's mark-read, a new
      // message), and the frame does not say which: refetch what is loaded, once per burst.
      this._unreadCountsJob.request();
      return;
    }
    const result = reduce(this.store, event);
    if (result.countsStale) this.requestCounts();
  }

  /** Asks for fresh counts soon; requests in a burst share one call. */
  requestCounts(): void {
    if (!this.isDisposed) this._countsJob.request();
  }

  /** Inboxes, agents, teams and labels; each list is optional (a failure leaves the old one). */
  async refreshCatalog(): Promise<void> {
    const [inboxes, agents, teams, labels] = await Promise.allSettled([
      this.backend.inboxes(),
      this.backend.agents(),
      this.backend.teams(),
      this.backend.labels(),
    ]);
    if (this.isDisposed) return;
    for (const r of [inboxes, agents, teams, labels]) {
      if (r.status === 'rejected') this._backgroundError(r.reason, l10n.t('load inboxes, agents, teams and labels'));
    }
    this.store.setCatalog({
      inboxes: inboxes.status === 'fulfilled' ? inboxes.value.map((i) => ({ id: i.id, name: i.name, channelType: i.channel_type ?? undefined })) : undefined,
      agents:
        agents.status === 'fulfilled'
          ? agents.value.map((a) => ({ id: a.id, name: a.name, availableName: a.available_name ?? undefined, availability: a.availability_status ?? undefined }))
          : undefined,
      teams: teams.status === 'fulfilled' ? teams.value.map((t) => ({ id: t.id, name: t.name })) : undefined,
      labels: labels.status === 'fulfilled' ? labels.value.map((l) => ({ id: l.id, title: l.title, color: l.color ?? undefined })) : undefined,
    });
  }

  /** Settles when no load, resync, counts refresh or fetch is under way or scheduled. */
  async whenIdle(): Promise<void> {
    while (!this.isIdle && !this.isDisposed) {
      await Promise.all(
        [this._resync.whenIdle(), this._countsJob.whenIdle(), this._missingJob.whenIdle(), this._unreadCountsJob.whenIdle(), ...this._loadingMore.values(), ...this._refreshing].map((p) =>
          p.catch(() => undefined),
        ),
      );
    }
  }

  private async _refetch(): Promise<void> {
    const afterGap = this._afterGap;
    this._afterGap = false;
    try {
      await this._refetchPages(afterGap);
    } catch (e) {
      // The retry still has to make up for the gap.
      if (afterGap) this._afterGap = true;
      throw e;
    }
  }

  private async _refetchPages(afterGap: boolean): Promise<void> {
    const filter = this.store.filter;
    const startRevision = this.store.revision;
    const pages = { ...this._pages };
    const fetched = await Promise.all(GROUPS.map((group) => this._fetchGroup(filter, group, pages[group])));
    if (this.isDisposed) return;
    // The filter changed while we fetched: these pages answer the old one, and a queued run follows.
    if (!sameFilter(filter, this.store.filter)) return;
    let unsure: number[] = [];
    this.store.batch(() => {
      this._upsertRows(
        fetched.flatMap((f) => f.conversations),
        startRevision,
      );
      this.store.setCounts(fetched[fetched.length - 1].counts);
      unsure = this._reconcile(fetched, startRevision, afterGap);
    });
    await this._verify(unsure);
    if (this.isDisposed) return;
    this._loaded = true;
    this._refetchOnFocus?.markFresh();
    this._refreshTracked(fetched);
  }

  /**
   * One conversation by `GET …/conversations/{id}` into the store, whether or not a loaded page
   * lists it (a chat opened on it). Resolves with what the store then holds; rejects when it
   * cannot be loaded. The server's counts already reflect its state, so they are refetched
   * rather than moved by the difference.
   */
  refreshConversation(id: number): Promise<ConversationRecord | undefined> {
    const p = this.backend.get(id).then((c) => {
      if (this.isDisposed) return undefined;
      if (this.store.upsert(c, { counts: 'none' })) this.requestCounts();
      return this.store.get(id);
    });
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this._refreshing.add(settled);
    void settled.then(() => this._refreshing.delete(settled));
    return p;
  }

  /** Conversations open in a chat that the refetch did not list may have changed meanwhile. */
  private _refreshTracked(fetched: readonly GroupFetch[]): void {
    const listed = new Set<number>();
    for (const f of fetched) for (const c of f.conversations) listed.add(c.id);
    for (const id of this.store.conversations.keys()) {
      if (!this.store.isTracked(id) || listed.has(id)) continue;
      this.refreshConversation(id).catch((e: unknown) => {
        if (!(e instanceof ApiError && (e.kind === 'not-found' || e.kind === 'forbidden'))) this._backgroundError(e, l10n.t('load conversation #{0}', id));
      });
    }
  }

  /**
   * REST rows by id, never by position. A conversation written since the fetch began (an event,
   * an optimistic change) may be fresher than its row: the row replaces it only if it says it is
   * newer (`updated_at`, which rows carry from 4.0.2 on), so a late page cannot undo the event.
   */
  private _upsertRows(rows: readonly Conversation[], startRevision: number): void {
    const ours = new Set<number>();
    for (const row of rows) {
      if (!ours.has(row.id) && this.store.revisionOf(row.id) > startRevision) {
        const held = this.store.get(row.id);
        if (!held || row.updated_at === undefined || held.updatedAt === undefined || row.updated_at <= held.updatedAt) continue;
      }
      this.store.upsert(row, { counts: 'none' });
      ours.add(row.id);
    }
  }

  private async _fetchGroup(filter: ConversationFilter, group: Group, pages: number): Promise<GroupFetch> {
    const conversations: Conversation[] = [];
    let counts: GroupCounts | undefined;
    let firstPage: readonly Conversation[] = [];
    let firstCounts: GroupCounts | undefined;
    for (let page = 1; page <= pages; page++) {
      const result = await this.backend.list(filter, group, page);
      conversations.push(...result.conversations);
      counts = result.counts;
      if (page === 1) {
        firstPage = result.conversations;
        firstCounts = result.counts;
      }
      if (result.conversations.length === 0) break;
    }
    return { group, conversations, counts: counts as GroupCounts, firstPage, firstCounts: firstCounts as GroupCounts };
  }

  /**
   * Drops what left a group while we were not listening, by id, never by position: the server
   * orders by `last_activity_at` alone, so equal times come in any order and pages fetched one
   * after another can shift (a conversation that moves or leaves between two page fetches is on
   * neither). Page 1 is one snapshot: a held member not on it that sorts strictly above its last
   * row (or any, when page 1 held the whole group) has left. One not listed that sorts inside
   * the rest of the window (ties included) may merely have fallen between pages, and one below
   * the window (an event brought it in) may have changed unseen while the socket was down: each
   * is checked by itself (returned), else the tree would go on showing, say, a conversation
   * resolved meanwhile as open. Conversations written after the fetch began (an event, another
   * response) are fresher than it and stay.
   */
  private _reconcile(fetched: readonly GroupFetch[], startRevision: number, afterGap: boolean): number[] {
    const listed = new Set<number>();
    for (const f of fetched) for (const c of f.conversations) listed.add(c.id);
    const unsure = new Set<number>();
    // Places compare by the server's sort keys alone: rows it may return in either order are ties.
    const sort = this.store.filter.sort;
    const order = (a: ConversationRecord, b: ConversationRecord) => compareBySortKey(sort, a, b);
    for (const f of fetched) {
      const firstWhole = f.firstPage.length >= f.firstCounts[f.group];
      const firstLast = f.firstPage.length > 0 ? toConversationRecord(f.firstPage[f.firstPage.length - 1]) : undefined;
      const reachedEnd = new Set(f.conversations.map((c) => c.id)).size >= f.counts[f.group];
      let lowest: ConversationRecord | undefined;
      for (const c of f.conversations) {
        const r = toConversationRecord(c);
        if (lowest === undefined || order(r, lowest) > 0) lowest = r;
      }
      for (const member of this.store.members(f.group)) {
        if (listed.has(member.id) || this.store.revisionOf(member.id) > startRevision) continue;
        // Open in a chat: refreshed on its own below rather than dropped.
        if (this.store.isTracked(member.id)) continue;
        if (firstWhole || (firstLast !== undefined && order(member, firstLast) < 0)) {
          this._options.logger.debug(`conversation #${member.id} left ${f.group} while disconnected`);
          this.store.remove(member.id, 'none');
        } else if (reachedEnd || (lowest !== undefined && order(member, lowest) <= 0)) {
          // Inside the window the pages may have shifted under it: asked about by itself.
          unsure.add(member.id);
        } else if (afterGap) {
          // Below the window (an event brought it in) after a gap: a lost event may have left it
          // stale and no page lists it, so it goes; loading more pages brings it back as it is.
          // Asking about each one by one costs a request per row on every reconnect.
          this._options.logger.debug(`conversation #${member.id} dropped: below the refetched pages after a gap`);
          this.store.remove(member.id, 'none');
        }
      }
    }
    return [...unsure].filter((id) => this.store.get(id) !== undefined);
  }

  /**
   * Held conversations a resync could not place: each is fetched by itself and put back as the
   * server now has it (another status moves it out of the filter; 404 or 401 removes it). One
   * written meanwhile (an event) is fresher and kept. Beyond MAX_VERIFY_PER_RUN they stay as
   * they are until a later resync.
   */
  private async _verify(ids: readonly number[]): Promise<void> {
    const batch = ids.slice(0, MAX_VERIFY_PER_RUN);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length && !this.isDisposed) {
        const id = batch[next++];
        const before = this.store.revisionOf(id);
        try {
          const c = await this.backend.get(id);
          if (!this.isDisposed && this.store.revisionOf(id) === before) this.store.upsert(c, { counts: 'none' });
        } catch (e) {
          if (e instanceof ApiError && (e.kind === 'not-found' || e.kind === 'forbidden')) {
            if (!this.isDisposed && this.store.revisionOf(id) === before) this.store.remove(id, 'none');
          } else this._backgroundError(e, l10n.t('load conversation #{0}', id));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(MISSING_CONCURRENCY, batch.length) }, worker));
    if (batch.length > 0) this.requestCounts();
  }

  private async _refreshCounts(): Promise<void> {
    const filter = this.store.filter;
    const counts = await this.backend.counts(filter);
    if (!this.isDisposed && sameFilter(filter, this.store.filter)) this.store.setCounts(counts);
  }

  private async _fetchMissing(): Promise<void> {
    const ids = [...this._missing].filter((id) => !this.store.get(id)).slice(0, MAX_MISSING_PER_RUN);
    this._missing.clear();
    let next = 0;
    const worker = async () => {
      while (next < ids.length && !this.isDisposed) {
        const id = ids[next++];
        try {
          const c = await this.backend.get(id);
          if (!this.isDisposed) this.store.upsert(c, { counts: 'none' });
        } catch (e) {
          // Gone, or in an inbox this agent may not see: nothing to show.
          if (e instanceof ApiError && (e.kind === 'not-found' || e.kind === 'forbidden')) continue;
          this._backgroundError(e, l10n.t('load conversation #{0}', id));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(MISSING_CONCURRENCY, ids.length) }, worker));
    if (ids.length > 0) this.requestCounts();
  }

  private _backgroundError(error: unknown, action: string): void {
    if (this.isDisposed) return;
    if (this._options.onBackgroundError) this._options.onBackgroundError(error, action);
    else this._options.logger.warn(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
