import * as l10n from '@vscode/l10n';
import { Disposable, IDisposable, toDisposable } from '../common/dispose';
import { Emitter, Event } from '../common/event';
import { Contact } from '../model/contact';
import { Conversation, ConversationMeta } from '../model/conversation';
import {
  bySort,
  ConversationFilter,
  DEFAULT_FILTER,
  Group,
  GroupCounts,
  GROUPS,
  isMember,
  sameFilter,
} from './filters';
import {
  AgentRecord,
  AssigneeKind,
  assigneeKindOf,
  BotRecord,
  ContactRecord,
  ConversationRecord,
  InboxRecord,
  LabelRecord,
  placementChanged,
  sameContact,
  sameConversation,
  TeamRecord,
  toContactRecord,
  toConversationRecord,
} from './records';

/**
 * What one batch of writes changed, so a view does the minimum: repaint the rows in
 * `conversations`, re-list the groups when something in `moved` changed place, relabel the
 * groups when `counts` did. Never "everything changed", except a filter change (`filter`).
 */
export interface StoreChange {
  /** Added, changed or removed conversations (display ids). */
  readonly conversations: ReadonlySet<number>;
  /** Added, removed, or changed in a field that decides group membership or order. */
  readonly moved: ReadonlySet<number>;
  readonly removed: ReadonlySet<number>;
  /** The group counts changed. */
  readonly counts: boolean;
  /** Inboxes, agents, teams or labels changed (names and icons). */
  readonly catalog: boolean;
  /** The filter changed: every group re-lists. */
  readonly filter: boolean;
  /** Events mentioned conversations the store does not hold; the sync fetches them. */
  readonly missing: ReadonlySet<number>;
}

/**
 * How a write moves the counts. The server's counts are the truth and arrive with every list
 * call; between calls, a change to a conversation whose previous state is known moves them by
 * the difference (`delta`). REST data comes with its own counts (`none`).
 */
export type CountMode = 'delta' | 'none';

export interface UpsertOptions {
  readonly counts: CountMode;
  /** A `conversation.created`: the conversation was counted nowhere before. */
  readonly created?: boolean;
}

export type ConversationPatch = Partial<Omit<ConversationRecord, 'id'>>;

/** Who a conversation is assigned to, as a view names it (the tree's row, the chat's header). */
export interface Assignee {
  readonly type: AssigneeKind;
  readonly id: number;
  readonly name: string;
}

/** A hold on fields the server is about to set (see `ConversationStore.expect`). */
export interface Expectation {
  /** Not yet confirmed by a payload, ended or cancelled. */
  readonly active: boolean;
  /** Stops holding and shows the last value the server sent for those fields meanwhile, if any. */
  end(): void;
  /** Stops holding and changes nothing (the action was refused and rolled back). */
  cancel(): void;
}

interface Held {
  readonly fields: ConversationPatch;
  /** What the server last sent for the held fields while they were held. */
  latest: ConversationPatch | undefined;
}

/** The account's reference data as the store keeps it (the schemas are model/catalog.ts, the requests api/catalogLists.ts). */
export interface CatalogRecords {
  readonly inboxes?: readonly InboxRecord[];
  readonly agents?: readonly AgentRecord[];
  readonly teams?: readonly TeamRecord[];
  readonly labels?: readonly LabelRecord[];
}

class ChangeBuilder {
  readonly conversations = new Set<number>();
  readonly moved = new Set<number>();
  readonly removed = new Set<number>();
  readonly missing = new Set<number>();
  counts = false;
  catalog = false;
  filter = false;

  get isEmpty(): boolean {
    return (
      this.conversations.size === 0 && this.missing.size === 0 && !this.counts && !this.catalog && !this.filter
    );
  }
}

/**
 * The normalised conversation state of one account: conversations by display id, and the
 * contacts, agents, inboxes, teams and labels they refer to, plus the server's group counts for
 * the current filter. Pure (no vscode, no I/O): the reducer and the sync write to it, views read
 * it. Writes are idempotent and ordered by `updated_at`, so a replayed or late event changes
 * nothing; every write batch fires one `onDidChange` describing exactly what changed.
 */
export class ConversationStore extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<StoreChange>());
  readonly onDidChange: Event<StoreChange> = this._onDidChange.event;

  private readonly _conversations = new Map<number, ConversationRecord>();
  private readonly _revisions = new Map<number, number>();
  private readonly _byContact = new Map<number, Set<number>>();
  private readonly _contacts = new Map<number, ContactRecord>();
  private readonly _agents = new Map<number, AgentRecord>();
  private readonly _bots = new Map<number, BotRecord>();
  private readonly _held = new Map<number, Held>();
  private readonly _inboxes = new Map<number, InboxRecord>();
  private readonly _teams = new Map<number, TeamRecord>();
  private readonly _labels = new Map<string, LabelRecord>();
  /** Conversations a view holds open, with how many views hold each (see `track`). */
  private readonly _tracked = new Map<number, number>();
  private _counts: GroupCounts | undefined;
  private _filter: ConversationFilter;
  private _role: string | undefined;
  private _revision = 0;
  private _depth = 0;
  private _pending = new ChangeBuilder();

  constructor(
    readonly accountId: number,
    private _meId: number | undefined,
    filter: ConversationFilter = DEFAULT_FILTER,
    /** Whether a contact is online now: read from the connection's presence, never copied here. */
    private readonly _contactOnline: (contactId: number) => boolean | undefined = () => undefined,
  ) {
    super();
    this._filter = filter;
  }

  // ---- reading ------------------------------------------------------------------------

  get meId(): number | undefined {
    return this._meId;
  }

  /** The signed-in user's role in this account (`administrator`, `agent`), once the profile said. */
  get role(): string | undefined {
    return this._role;
  }

  get filter(): ConversationFilter {
    return this._filter;
  }

  /** The server's counts for the current filter, adjusted by known moves; undefined until loaded. */
  get counts(): GroupCounts | undefined {
    return this._counts;
  }

  get conversations(): ReadonlyMap<number, ConversationRecord> {
    return this._conversations;
  }

  get size(): number {
    return this._conversations.size;
  }

  get(id: number): ConversationRecord | undefined {
    return this._conversations.get(id);
  }

  contact(id: number): ContactRecord | undefined {
    return this._contacts.get(id);
  }

  /** Whether the contact is online now (undefined: not known yet). */
  isContactOnline(contactId: number): boolean | undefined {
    return this._contactOnline(contactId);
  }

  agent(id: number): AgentRecord | undefined {
    return this._agents.get(id);
  }

  get agents(): ReadonlyMap<number, AgentRecord> {
    return this._agents;
  }

  bot(id: number): BotRecord | undefined {
    return this._bots.get(id);
  }

  /**
   * Who the conversation is assigned to: a user (named from the agents) or an AgentBot (named
   * from the bots; a bot and a user may share an id). Undefined when unassigned.
   */
  assigneeOf(c: ConversationRecord): Assignee | undefined {
    const id = c.assigneeId;
    if (id === null || c.assigneeType === null) return undefined;
    if (c.assigneeType === 'AgentBot') return { type: 'AgentBot', id, name: this._bots.get(id)?.name ?? l10n.t('Bot #{0}', id) };
    return { type: 'User', id, name: this._agents.get(id)?.name ?? l10n.t('Agent #{0}', id) };
  }

  inbox(id: number): InboxRecord | undefined {
    return this._inboxes.get(id);
  }

  get inboxes(): ReadonlyMap<number, InboxRecord> {
    return this._inboxes;
  }

  team(id: number): TeamRecord | undefined {
    return this._teams.get(id);
  }

  label(title: string): LabelRecord | undefined {
    return this._labels.get(title);
  }

  get labels(): ReadonlyMap<string, LabelRecord> {
    return this._labels;
  }

  get teams(): ReadonlyMap<number, TeamRecord> {
    return this._teams;
  }

  /** Increases with every conversation write; the sync compares it to know what changed during a fetch. */
  get revision(): number {
    return this._revision;
  }

  revisionOf(id: number): number {
    return this._revisions.get(id) ?? 0;
  }

  /** Whether a view holds this conversation open (see `track`). */
  isTracked(id: number): boolean {
    return this._tracked.has(id);
  }

  /**
   * Marks a conversation as open in a view (a chat) until the returned disposable is disposed.
   * Such a conversation may sit outside every loaded page; the sync then keeps it rather than
   * dropping it when a refetch does not list it, so events keep it current for the view (and for
   * the tree, when it belongs to a group). Counted: two views may show the same conversation.
   */
  track(id: number): IDisposable {
    this._tracked.set(id, (this._tracked.get(id) ?? 0) + 1);
    return toDisposable(() => {
      const n = (this._tracked.get(id) ?? 1) - 1;
      if (n > 0) this._tracked.set(id, n);
      else this._tracked.delete(id);
    });
  }

  isMember(c: ConversationRecord, group: Group): boolean {
    return isMember(c, group, this._filter, this._meId);
  }

  /** A group's loaded conversations, in the filter's sort order (the server's). */
  members(group: Group): ConversationRecord[] {
    const out: ConversationRecord[] = [];
    for (const c of this._conversations.values()) if (this.isMember(c, group)) out.push(c);
    return out.sort(bySort(this._filter.sort));
  }

  /** Unread messages over a group's loaded conversations (the view badge uses Mine). */
  unreadTotal(group: Group): number {
    let total = 0;
    for (const c of this._conversations.values()) if (c.unreadCount > 0 && this.isMember(c, group)) total += c.unreadCount;
    return total;
  }

  // ---- writing ------------------------------------------------------------------------

  /** Runs several writes as one change: listeners hear once, at the end. */
  batch<T>(fn: () => T): T {
    this._depth++;
    try {
      return fn();
    } finally {
      if (--this._depth === 0) this._flush();
    }
  }

  /** The role decides what the server does on its own (an `agent` who reopens is assigned). */
  setRole(role: string | null | undefined): void {
    this._role = role ?? undefined;
  }

  setMe(meId: number | undefined): void {
    if (meId === this._meId) return;
    this.batch(() => {
      this._meId = meId;
      this._pending.filter = true;
    });
  }

  /** A new filter: the counts belong to the old one and are dropped until the next list call. */
  setFilter(filter: ConversationFilter): void {
    if (sameFilter(filter, this._filter)) return;
    this.batch(() => {
      this._filter = filter;
      this._counts = undefined;
      this._pending.filter = true;
      this._pending.counts = true;
    });
  }

  setCounts(counts: GroupCounts): void {
    const c = this._counts;
    if (c && c.mine === counts.mine && c.unassigned === counts.unassigned && c.all === counts.all) return;
    this.batch(() => {
      this._counts = { mine: counts.mine, unassigned: counts.unassigned, all: counts.all };
      this._pending.counts = true;
    });
  }

  /**
   * Takes a conversation from a push event or a REST response. A payload older than what the
   * store holds (by `updated_at`) is ignored; equal is accepted, so REST can settle a tie.
   * Returns whether anything changed.
   */
  upsert(conversation: Conversation, options: UpsertOptions): boolean {
    return this.batch(() => {
      this._noteContact(conversation.meta.sender);
      this._noteAssignee(conversation.meta);
      const team = conversation.meta.team;
      if (team && this._teams.get(team.id)?.name !== team.name) {
        this._teams.set(team.id, { id: team.id, name: team.name });
        this._pending.catalog = true;
      }
      const prev = this._conversations.get(conversation.id);
      const incoming = toConversationRecord(conversation);
      if (prev && prev.updatedAt !== undefined && incoming.updatedAt !== undefined && incoming.updatedAt < prev.updatedAt) {
        return false;
      }
      const merged = prev ? this._merge(prev, incoming, conversation.unread_count === undefined) : incoming;
      return this._put(prev, this._applyHeld(merged), options.counts, options.created === true);
    });
  }

  /**
   * Holds fields at the values the server is about to set, so payloads it built before setting
   * them cannot flip the row back and forth. 3.x renders a reopen's `conversation.status_changed`
   * (and its REST rows carry no `updated_at` to tell old from new) before the self-assignment the
   * same request then saves. The first payload carrying the expected values confirms and ends
   * the hold; other values are kept aside and shown only if the hold ends unconfirmed. A newer
   * hold on the same conversation replaces the older one.
   */
  expect(id: number, fields: ConversationPatch): Expectation {
    const held: Held = { fields: { ...fields }, latest: undefined };
    this._held.set(id, held);
    const isActive = (): boolean => this._held.get(id) === held;
    return {
      get active() {
        return isActive();
      },
      end: () => {
        if (!isActive()) return;
        this._held.delete(id);
        if (held.latest) this.patch(id, held.latest, 'delta');
      },
      cancel: () => {
        if (isActive()) this._held.delete(id);
      },
    };
  }

  private _applyHeld(next: ConversationRecord): ConversationRecord {
    const held = this._held.get(next.id);
    if (!held) return next;
    const keys = Object.keys(held.fields) as Array<keyof ConversationPatch>;
    if (keys.every((k) => next[k] === held.fields[k])) {
      this._held.delete(next.id);
      return next;
    }
    const latest: Record<string, unknown> = {};
    for (const k of keys) latest[k] = next[k];
    held.latest = latest as ConversationPatch;
    return { ...next, ...held.fields };
  }

  /**
   * Payloads can lag behind messages the store has already seen (a message event arrives before
   * the conversation's own update): never let the last message, its activity time or the unread
   * count it implies go backwards.
   */
  private _merge(prev: ConversationRecord, incoming: ConversationRecord, unreadMissing: boolean): ConversationRecord {
    let lastMessage = incoming.lastMessage;
    let unreadCount = unreadMissing ? prev.unreadCount : incoming.unreadCount;
    if (prev.lastMessage && (!lastMessage || prev.lastMessage.id > lastMessage.id)) {
      if (lastMessage) unreadCount = prev.unreadCount;
      lastMessage = prev.lastMessage;
    }
    return {
      ...incoming,
      // Not every payload says whether a reply is possible; silence is not a change.
      canReply: incoming.canReply ?? prev.canReply,
      contactLastSeenAt: incoming.contactLastSeenAt ?? prev.contactLastSeenAt,
      lastMessage,
      unreadCount,
      lastActivityAt: Math.max(prev.lastActivityAt, incoming.lastActivityAt),
    };
  }

  /** Changes some fields of a held conversation. Undefined when it is not held. */
  patch(id: number, fields: ConversationPatch, counts: CountMode): ConversationRecord | undefined {
    return this.batch(() => {
      const prev = this._conversations.get(id);
      if (!prev) return undefined;
      const next: ConversationRecord = { ...prev, ...fields, id };
      this._put(prev, next, counts, false);
      return this._conversations.get(id);
    });
  }

  /**
   * An optimistic change: applied now, and undone by the returned function unless the server has
   * since set those fields to something else (then the server's value stands).
   */
  patchOptimistic(id: number, fields: ConversationPatch): () => void {
    const prev = this._conversations.get(id);
    if (!prev) return () => {};
    const applied = this.patch(id, fields, 'delta');
    return () => {
      const now = this._conversations.get(id);
      if (!now || !applied) return;
      const restore: Record<string, unknown> = {};
      for (const key of Object.keys(fields) as Array<keyof ConversationPatch>) {
        if (now[key] === applied[key]) restore[key] = prev[key];
      }
      if (Object.keys(restore).length > 0) this.patch(id, restore as ConversationPatch, 'delta');
    };
  }

  remove(id: number, counts: CountMode): boolean {
    return this.batch(() => {
      const prev = this._conversations.get(id);
      if (!prev) return false;
      this._conversations.delete(id);
      this._held.delete(id);
      this._revisions.set(id, ++this._revision);
      this._byContact.get(prev.contactId)?.delete(id);
      if (counts === 'delta') this._adjustCounts(prev, undefined);
      this._pending.conversations.add(id);
      this._pending.moved.add(id);
      this._pending.removed.add(id);
      return true;
    });
  }

  /** An event named a conversation the store does not hold. */
  noteMissing(id: number): void {
    this.batch(() => this._pending.missing.add(id));
  }

  upsertContact(contact: Contact): void {
    this.batch(() => this._noteContact(contact));
  }

  /** These contacts came online or went offline: their conversations' rows and headers repaint. */
  contactsPresenceChanged(contactIds: Iterable<number>): void {
    this.batch(() => {
      for (const contactId of contactIds) for (const id of this._byContact.get(contactId) ?? []) this._pending.conversations.add(id);
    });
  }

  /** `contact.deleted`: the contact and its conversations are gone. */
  removeContact(contactId: number): void {
    this.batch(() => {
      this._contacts.delete(contactId);
      for (const id of [...(this._byContact.get(contactId) ?? [])]) this.remove(id, 'delta');
      this._byContact.delete(contactId);
    });
  }

  setCatalog(catalog: CatalogRecords): void {
    this.batch(() => {
      if (catalog.inboxes) this._replace(this._inboxes, catalog.inboxes, (i) => i.id);
      if (catalog.agents) this._replace(this._agents, catalog.agents, (a) => a.id);
      if (catalog.teams) this._replace(this._teams, catalog.teams, (t) => t.id);
      if (catalog.labels) this._replace(this._labels, catalog.labels, (l) => l.title);
      this._pending.catalog = true;
      // Names and icons of every row may depend on these.
      for (const id of this._conversations.keys()) this._pending.conversations.add(id);
    });
  }

  private _replace<K, V>(map: Map<K, V>, items: readonly V[], key: (v: V) => K): void {
    map.clear();
    for (const item of items) map.set(key(item), item);
  }

  private _put(prev: ConversationRecord | undefined, next: ConversationRecord, counts: CountMode, created: boolean): boolean {
    if (prev && sameConversation(prev, next)) return false;
    this._conversations.set(next.id, next);
    this._revisions.set(next.id, ++this._revision);
    if (!prev || prev.contactId !== next.contactId) {
      if (prev) this._byContact.get(prev.contactId)?.delete(next.id);
      let set = this._byContact.get(next.contactId);
      if (!set) this._byContact.set(next.contactId, (set = new Set()));
      set.add(next.id);
    }
    if (counts === 'delta' && (prev || created)) this._adjustCounts(prev, next);
    this._pending.conversations.add(next.id);
    if (!prev || placementChanged(prev, next)) this._pending.moved.add(next.id);
    return true;
  }

  private _adjustCounts(prev: ConversationRecord | undefined, next: ConversationRecord | undefined): void {
    const counts = this._counts;
    if (!counts) return;
    const delta = (g: Group) => (next && this.isMember(next, g) ? 1 : 0) - (prev && this.isMember(prev, g) ? 1 : 0);
    const moved = GROUPS.map(delta);
    if (moved.every((d) => d === 0)) return;
    this._counts = {
      mine: Math.max(0, counts.mine + moved[0]),
      unassigned: Math.max(0, counts.unassigned + moved[1]),
      all: Math.max(0, counts.all + moved[2]),
    };
    this._pending.counts = true;
  }

  private _noteContact(contact: Contact): void {
    const next = toContactRecord(contact);
    const prev = this._contacts.get(next.id);
    if (prev && sameContact(prev, next)) return;
    this._contacts.set(next.id, next);
    for (const id of this._byContact.get(next.id) ?? []) this._pending.conversations.add(id);
  }

  /** Names the assignee in the agents or, for a bot, the bots: a bot and a user may share an id. */
  private _noteAssignee(meta: ConversationMeta): void {
    const user = meta.assignee;
    if (!user) return;
    if (assigneeKindOf(meta) === 'AgentBot') {
      if (this._bots.get(user.id)?.name === user.name) return;
      this._bots.set(user.id, { id: user.id, name: user.name });
      this._pending.catalog = true;
      return;
    }
    const prev = this._agents.get(user.id);
    if (prev && prev.name === user.name) return;
    this._agents.set(user.id, {
      id: user.id,
      name: user.name,
      availableName: user.available_name ?? prev?.availableName,
      availability: user.availability_status ?? prev?.availability,
    });
    this._pending.catalog = true;
  }

  private _flush(): void {
    const p = this._pending;
    if (p.isEmpty) return;
    this._pending = new ChangeBuilder();
    this._onDidChange.fire({
      conversations: p.conversations,
      moved: p.moved,
      removed: p.removed,
      counts: p.counts,
      catalog: p.catalog,
      filter: p.filter,
      missing: p.missing,
    });
  }
}
