import { ApiError } from '../api/errors';
import { Clock } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { Logger } from '../common/log';
import { Conversation } from '../model/conversation';
import { ChatwootEvent } from '../realtime/events';
import { ConversationsBackend } from './backend';
import { Coalesced, DelayedJob } from './coalesce';
import { byActivity, ConversationFilter, Group, GroupCounts, GROUPS, sameFilter } from './filters';
import { reduce } from './reduce';
import { toConversationRecord } from './records';
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
}

/** Enough that a burst of replies in old conversations does not fan out into dozens of GETs. */
const MAX_MISSING_PER_RUN = 20;
const MISSING_CONCURRENCY = 4;

interface GroupFetch {
  readonly group: Group;
  readonly conversations: readonly Conversation[];
  readonly counts: GroupCounts;
}

/**
 * Keeps a ConversationStore in step with the server. It loads each group page by page (the tree
 * asks for more), applies cable events through the reducer, and on every resync refetches every
 * loaded page of every group plus the counts and reconciles: new and changed conversations are
 * upserted, and held ones the server no longer lists inside the refetched window are dropped.
 * It never relies on `updated_within`, which misses replies in older conversations (ASKS.md §1).
 * Resyncs are coalesced: one in flight, one queued.
 */
export class ConversationSync extends Disposable {
  private _pages: Record<Group, number> = { mine: 1, unassigned: 1, all: 1 };
  private readonly _resync: Coalesced;
  private readonly _countsJob: DelayedJob;
  private readonly _missingJob: DelayedJob;
  private readonly _missing = new Set<number>();
  private readonly _loadingMore = new Map<Group, Promise<void>>();
  private _loaded = false;

  constructor(
    readonly store: ConversationStore,
    readonly backend: ConversationsBackend,
    private readonly _options: SyncOptions,
  ) {
    super();
    const background = (action: string) => (error: unknown) => this._backgroundError(error, action);
    this._resync = this._register(new Coalesced(() => this._refetch()));
    this._countsJob = this._register(new DelayedJob(_options.clock, _options.countsDelayMs ?? 300, () => this._refreshCounts(), background('refresh the conversation counts')));
    this._missingJob = this._register(new DelayedJob(_options.clock, _options.missingDelayMs ?? 50, () => this._fetchMissing(), background('load a conversation')));
    const sub = store.onDidChange((change) => {
      if (change.missing.size === 0) return;
      for (const id of change.missing) this._missing.add(id);
      this._missingJob.request();
    });
    this._register(toDisposable(() => sub.dispose()));
  }

  /** Whether the first load has completed. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  get isIdle(): boolean {
    return this._resync.isIdle && this._countsJob.isIdle && this._missingJob.isIdle && this._loadingMore.size === 0;
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

  /** Refetches every loaded page and the counts; coalesced. */
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
    const p = this.backend
      .list(filter, group, page)
      .then((result) => {
        if (this.isDisposed || !sameFilter(filter, this.store.filter)) return;
        this.store.batch(() => {
          for (const c of result.conversations) this.store.upsert(c, { counts: 'none' });
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
    if (event.event === 'conversation.unread_count_changed') return;
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
      if (r.status === 'rejected') this._backgroundError(r.reason, 'load inboxes, agents, teams and labels');
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
        [this._resync.whenIdle(), this._countsJob.whenIdle(), this._missingJob.whenIdle(), ...this._loadingMore.values()].map((p) =>
          p.catch(() => undefined),
        ),
      );
    }
  }

  private async _refetch(): Promise<void> {
    const filter = this.store.filter;
    const startRevision = this.store.revision;
    const pages = { ...this._pages };
    const fetched = await Promise.all(GROUPS.map((group) => this._fetchGroup(filter, group, pages[group])));
    if (this.isDisposed) return;
    // The filter changed while we fetched: these pages answer the old one, and a queued run follows.
    if (!sameFilter(filter, this.store.filter)) return;
    this.store.batch(() => {
      for (const f of fetched) for (const c of f.conversations) this.store.upsert(c, { counts: 'none' });
      this.store.setCounts(fetched[fetched.length - 1].counts);
      this._reconcile(fetched, startRevision);
    });
    this._loaded = true;
  }

  private async _fetchGroup(filter: ConversationFilter, group: Group, pages: number): Promise<GroupFetch> {
    const conversations: Conversation[] = [];
    let counts: GroupCounts | undefined;
    for (let page = 1; page <= pages; page++) {
      const result = await this.backend.list(filter, group, page);
      conversations.push(...result.conversations);
      counts = result.counts;
      if (result.conversations.length === 0) break;
    }
    return { group, conversations, counts: counts as GroupCounts };
  }

  /**
   * Drops what left the filter while we were not listening. A held member of a group that sorts
   * inside the refetched window (or anywhere, when the whole group was fetched) but that the
   * server did not list is no longer in that group on the server. Conversations written after
   * the fetch began (an event, another response) are fresher than the fetch and are kept.
   */
  private _reconcile(fetched: readonly GroupFetch[], startRevision: number): void {
    const listed = new Set<number>();
    for (const f of fetched) for (const c of f.conversations) listed.add(c.id);
    for (const f of fetched) {
      const reachedEnd = f.conversations.length >= f.counts[f.group];
      const last = f.conversations.length > 0 ? toConversationRecord(f.conversations[f.conversations.length - 1]) : undefined;
      if (!reachedEnd && !last) continue;
      for (const member of this.store.members(f.group)) {
        if (listed.has(member.id) || this.store.revisionOf(member.id) > startRevision) continue;
        if (!reachedEnd && last && byActivity(member, last) > 0) continue;
        this._options.logger.debug(`conversation #${member.id} left ${f.group} while disconnected`);
        this.store.remove(member.id, 'none');
      }
    }
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
          this._backgroundError(e, `load conversation #${id}`);
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
