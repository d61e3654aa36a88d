import * as l10n from '@vscode/l10n';
import { listConversations, getConversationCounts } from '../api/conversations';
import { ApiClient } from '../api/client';
import { filterConversations, listCustomFilters } from '../api/customFilters';
import { Clock } from '../common/clock';
import { DelayedJob } from '../common/coalesce';
import { Disposable, toDisposable } from '../common/dispose';
import { Emitter, Event } from '../common/event';
import { Logger } from '../common/log';
import { Conversation } from '../model/conversation';
import { ChatwootEvent } from '../realtime/events';
import { ConversationFilter, DEFAULT_SORT } from './filters';
import { countDelta, decideMembership, Folder, FolderId, FolderState, folderSort, isView, mergeFirstPage, TYPE_FOLDERS, viewFolder } from './folders';
import { toConversationRecord } from './records';
import { ConversationStore, StoreChange } from './store';

export interface FolderPage {
  /** The folder's size on the server (`all_count`: folders are not split by assignee). */
  readonly count: number;
  readonly conversations: readonly Conversation[];
}

/** What the folders need from the server; the REST one below, scripted fakes in unit tests. */
export interface FoldersBackend {
  views(): Promise<readonly Folder[]>;
  list(folder: Folder, filter: ConversationFilter, page: number): Promise<FolderPage>;
  /** The count alone where the server has a cheap call for it (conversation types: `meta`). */
  count(folder: Folder, filter: ConversationFilter): Promise<number>;
}

/**
 * Over REST: a conversation type is the list API with `conversation_type` and the tree's filter
 * (no assignee split, so `all_count` is its size); a saved view is the filter endpoint with its
 * conditions, which has no counts-only call, so its count comes with page 1.
 */
export function restFoldersBackend(api: ApiClient, accountId: number): FoldersBackend {
  const query = (folder: Folder, filter: ConversationFilter) => ({
    status: filter.status,
    inboxId: filter.inboxId,
    teamId: filter.teamId,
    labels: filter.label === undefined ? undefined : [filter.label],
    conversationType: folder.id,
  });
  return {
    async views() {
      return (await listCustomFilters(api, accountId)).map((f) => viewFolder(f.id, f.name, f.query.payload));
    },
    async list(folder, filter, page) {
      if (isView(folder.id)) {
        const r = await filterConversations(api, accountId, folder.conditions ?? [], page);
        return { count: r.meta.all_count, conversations: r.payload };
      }
      const sortBy = filter.sort === undefined || filter.sort === DEFAULT_SORT ? undefined : filter.sort;
      const r = await listConversations(api, accountId, { ...query(folder, filter), assigneeType: 'all', page, sortBy });
      return { count: r.meta.all_count, conversations: r.payload };
    },
    async count(folder, filter) {
      if (isView(folder.id)) return (await this.list(folder, filter, 1)).count;
      return (await getConversationCounts(api, accountId, query(folder, filter))).all_count;
    },
  };
}

export interface FolderSyncOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly onBackgroundError?: (error: unknown, action: string) => void;
  /** Quiet time before a folder a change could not decide refetches page 1; a burst shares one request. */
  readonly refetchDelayMs?: number;
}

/**
 * Keeps the folders of one account: the saved views are listed at start and every folder's
 * count fetched; a folder's rows load when the tree opens it (page 1, then "Load more"), into the
 * same ConversationStore as the groups. Live changes move a folder's rows and count where the
 * record decides membership (`decideMembership`); where only the server knows (a mention, a
 * participant, a view's conditions, a waiting time a message may have changed) the folder
 * refetches page 1, coalesced per folder.
 */
export class FolderSync extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  /** Folders were listed, or a folder's rows or count changed. */
  readonly onDidChange: Event<void> = this._onDidChange.event;
  private _states: FolderState[] = TYPE_FOLDERS.map((f) => new FolderState(f));
  private readonly _jobs = new Map<FolderId, DelayedJob>();
  private readonly _loading = new Map<FolderId, Promise<void>>();
  /** Per folder, the held conversations that were members at the last look; and each held id's last message. */
  private readonly _members = new Map<FolderId, Set<number>>();
  private readonly _lastMessage = new Map<number, number | undefined>();
  private _generation = 0;
  private _taking = false;

  constructor(
    readonly store: ConversationStore,
    readonly backend: FoldersBackend,
    private readonly _options: FolderSyncOptions,
  ) {
    super();
    const sub = store.onDidChange((change) => this._onStoreChange(change));
    this._register(toDisposable(() => sub.dispose()));
    this._register(toDisposable(() => this._jobs.forEach((j) => j.dispose())));
  }

  get folders(): readonly Folder[] {
    return this._states.map((s) => s.folder);
  }

  state(id: FolderId): FolderState | undefined {
    return this._states.find((s) => s.folder.id === id);
  }

  /** A folder's loaded members in its order. */
  members(id: FolderId): ReturnType<FolderState['members']> {
    return this.state(id)?.members(this.store.conversations.values(), this.store.filter) ?? [];
  }

  hasMore(id: FolderId): boolean {
    const s = this.state(id);
    return s !== undefined && s.pages > 0 && s.count !== undefined && this.members(id).length < s.count;
  }

  get isIdle(): boolean {
    return this._loading.size === 0 && [...this._jobs.values()].every((j) => j.isIdle);
  }

  async whenIdle(): Promise<void> {
    while (!this.isIdle && !this.isDisposed) {
      await Promise.all([...this._loading.values(), ...[...this._jobs.values()].map((j) => j.whenIdle())].map((p) => p.catch(() => undefined)));
    }
  }

  /** The saved views, then every folder's count. A view that cannot be listed leaves the others. */
  async start(): Promise<void> {
    try {
      const views = await this.backend.views();
      if (this.isDisposed) return;
      this._states = [...this._states.filter((s) => !isView(s.folder.id)), ...views.map((v) => new FolderState(v))];
      this._onDidChange.fire();
    } catch (e) {
      this._backgroundError(e, l10n.t('list the saved views'));
    }
    await Promise.all(this._states.map((s) => this._refreshCount(s)));
  }

  /** Page 1 of a folder the tree opened; shared while it runs, nothing once loaded. */
  loadFirst(id: FolderId): Promise<void> {
    const s = this.state(id);
    if (!s || s.pages > 0) return Promise.resolve();
    return this._run(id, () => this._fetchFirst(s));
  }

  /** The next page of a loaded folder. */
  loadMore(id: FolderId): Promise<void> {
    const s = this.state(id);
    if (!s || s.pages === 0) return this.loadFirst(id);
    return this._run(id, async () => {
      const filter = this.store.filter;
      const generation = this._generation;
      const page = s.pages + 1;
      const r = await this.backend.list(s.folder, filter, page);
      if (this.isDisposed || generation !== this._generation) return;
      this._take(r.conversations);
      for (const c of r.conversations) s.listed.add(c.id);
      s.count = r.count;
      if (r.conversations.length > 0) s.pages = page;
      this._snapshot(s);
      this._onDidChange.fire();
    });
  }

  /** A conversation.mentioned names a conversation this user was mentioned in. */
  applyEvent(event: ChatwootEvent): void {
    if (this.isDisposed || event.event !== 'conversation.mentioned') return;
    const s = this.state('mention');
    if (!s) return;
    s.listed.add(event.data.id);
    this._snapshot(s);
    this._onDidChange.fire();
    // Whether it was counted before (mentioned earlier, below the loaded page) only the server knows.
    this._requestRefetch(s);
  }

  /** After a reconnect: events may have been lost, so every counted folder refetches page 1. */
  refetchAll(): void {
    for (const s of this._states) if (s.count !== undefined) this._requestRefetch(s);
  }

  private _run(id: FolderId, job: () => Promise<void>): Promise<void> {
    const running = this._loading.get(id);
    if (running) return running;
    const p = job().finally(() => this._loading.delete(id));
    this._loading.set(id, p);
    return p;
  }

  private async _fetchFirst(s: FolderState): Promise<void> {
    const filter = this.store.filter;
    const generation = this._generation;
    const r = await this.backend.list(s.folder, filter, 1);
    if (this.isDisposed || generation !== this._generation) return;
    this._take(r.conversations);
    const page = r.conversations.map(toConversationRecord);
    s.listed = s.pages === 0 ? new Set(page.map((c) => c.id)) : mergeFirstPage(s.listed, page, r.count, folderSort(s.folder.id, filter), (id) => this.store.get(id));
    s.count = r.count;
    s.pages = Math.max(s.pages, 1);
    this._snapshot(s);
    this._onDidChange.fire();
  }

  private async _refreshCount(s: FolderState): Promise<void> {
    const filter = this.store.filter;
    const generation = this._generation;
    try {
      // A view's count comes with its page 1: keep the rows too.
      if (isView(s.folder.id)) return await this._run(s.folder.id, () => this._fetchFirst(s));
      const count = await this.backend.count(s.folder, filter);
      if (this.isDisposed || generation !== this._generation) return;
      s.count = count;
      this._snapshot(s);
      this._onDidChange.fire();
    } catch (e) {
      this._backgroundError(e, l10n.t('count {0}', s.folder.name));
    }
  }

  private _requestRefetch(s: FolderState): void {
    let job = this._jobs.get(s.folder.id);
    if (!job) {
      job = new DelayedJob(
        this._options.clock,
        this._options.refetchDelayMs ?? 1000,
        () => (s.pages > 0 ? this._run(s.folder.id, () => this._fetchFirst(s)) : this._refreshCount(s)),
        (e) => this._backgroundError(e, l10n.t('refresh {0}', s.folder.name)),
      );
      this._jobs.set(s.folder.id, job);
    }
    job.request();
  }

  /**
   * Folder rows are store rows; the server's counts for the groups already reflect them. What
   * they change is the server's word, with its own counts: no delta, and no refetch (which would
   * answer itself forever).
   */
  private _take(rows: readonly Conversation[]): void {
    this._taking = true;
    try {
      this.store.batch(() => {
        for (const row of rows) this.store.upsert(row, { counts: 'none' });
      });
    } finally {
      this._taking = false;
    }
  }

  private _snapshot(s: FolderState): void {
    const set = new Set<number>();
    for (const c of this.store.conversations.values()) if (s.isMember(c, this.store.filter)) set.add(c.id);
    this._members.set(s.folder.id, set);
  }

  private _onStoreChange(change: StoreChange): void {
    if (this.isDisposed) return;
    const filter = this.store.filter;
    if (change.filter) {
      // The conversation types list under the tree's filter: they start again. Views do not.
      this._generation++;
      for (const s of this._states) {
        if (isView(s.folder.id)) continue;
        const wasLoaded = s.pages > 0;
        s.listed = new Set();
        s.count = undefined;
        s.pages = 0;
        this._members.delete(s.folder.id);
        if (wasLoaded) void this.loadFirst(s.folder.id).catch((e: unknown) => this._backgroundError(e, l10n.t('load {0}', s.folder.name)));
        else void this._refreshCount(s);
      }
      for (const s of this._states) if (isView(s.folder.id)) this._snapshot(s);
      this._onDidChange.fire();
      return;
    }
    let changed = false;
    for (const s of this._states) {
      if (s.count === undefined) continue;
      const members = this._members.get(s.folder.id) ?? new Set<number>();
      let unsure = false;
      for (const id of change.conversations) {
        const record = this.store.get(id);
        // First sight (a page, a fetch, a new conversation): the server's count already has it, or
        // the events that make it a member (an assignment, a mention) follow.
        const held = this._lastMessage.has(id) && !this._taking;
        // Not a member here: certain for Unattended (its record decides) or a folder loaded whole;
        // elsewhere it may be one of the server's rows below the loaded pages.
        const was = members.has(id) || s.folder.id === 'unattended' || s.listed.size >= s.count ? members.has(id) : undefined;
        const now = record ? decideMembership(s.folder.id, record, filter) : undefined;
        const delta = held ? countDelta(was, now) : 0;
        // A message may have started or ended a wait the record does not show yet.
        const messageMoved = held && record !== undefined && this._lastMessage.get(id) !== record.lastMessage?.id;
        // Only a change of place (status, assignee, labels, activity…) can move a row in or out;
        // read state alone cannot, and refetching for it would pull rows in at every mark-read.
        if (change.moved.has(id) && (delta === 'unknown' || (s.folder.id === 'unattended' && messageMoved))) unsure = true;
        if (delta !== 'unknown' && delta !== 0) s.count = Math.max(0, s.count + delta);
        const member = record !== undefined && s.isMember(record, filter);
        if (member !== members.has(id)) {
          if (member) members.add(id);
          else members.delete(id);
          changed = true;
        }
        if (delta !== 'unknown' && delta !== 0) changed = true;
      }
      this._members.set(s.folder.id, members);
      if (unsure) this._requestRefetch(s);
    }
    for (const id of change.conversations) {
      const record = this.store.get(id);
      if (record) this._lastMessage.set(id, record.lastMessage?.id);
      else this._lastMessage.delete(id);
    }
    if (changed) this._onDidChange.fire();
  }

  private _backgroundError(error: unknown, action: string): void {
    if (this.isDisposed) return;
    if (this._options.onBackgroundError) this._options.onBackgroundError(error, action);
    else this._options.logger.warn(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
