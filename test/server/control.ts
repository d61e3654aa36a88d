// The test-only control surface: fault injection, scripted customer activity and
// observation of what the server received. The same operations are exposed as methods (for
// tests in this process) and over HTTP under /__control/ (for tests in another process,
// such as the extension host), answering loopback clients only.

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Actions } from './actions';
import type { CableServer } from './cable';
import type { EventBus } from './events';
import type { FaultKind, RestFaults } from './faults';
import type { Entry, Happening, Happenings } from './happenings';
import { json, ok, type Reply, type Request } from './http';
import type { Presenters } from './presenters';
import type { Store } from './store';
import type { Availability, Conversation, ConversationStatus, JsonObject } from './types';

export const CONTROL_PREFIX = '/__control';

export type DisconnectReason = 'unauthorized' | 'server_restart' | 'invalid_request' | 'remote';

export interface InjectTarget {
  /** One pubsub token's stream. */
  token?: string;
  /** One user's current token. */
  userId?: number;
  /** The recipients Chatwoot uses for this conversation (inbox members + admins). */
  conversationId?: number;
  /** The account_<id> stream (every subscribed agent). */
  account?: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  fault?: string;
  /** The JSON body, when the request had one. */
  body?: unknown;
  at: number;
}

export interface HeartbeatRecord {
  userId: number;
  accountId: number;
  at: number;
  /** A client's `update_presence`, or the presence refresh every subscribe does. */
  via: 'subscribe' | 'update_presence';
}

/** Shared with the store's clock: an offset lets presence expiry be tested without waiting 20 s. */
export interface ServerClock {
  offsetMs: number;
}

export class Control {
  constructor(
    private readonly _store: Store,
    private readonly _present: Presenters,
    private readonly _actions: Actions,
    private readonly _bus: EventBus,
    private readonly _cable: CableServer,
    private readonly _faults: RestFaults,
    private readonly _log: Happenings,
    private readonly _clock: ServerClock,
  ) {}

  private _conversation(id: number): Conversation {
    const c = this._store.conversations.get(id);
    if (!c) throw new Error(`no conversation ${id}`);
    return c;
  }

  // ---- events -------------------------------------------------------------------------

  /** Sends `{event, data}` in the normal envelope (identifier per subscription) to the target. */
  inject(event: string, data: JsonObject, to: InjectTarget = { account: true }): void {
    const streams: string[] = [];
    if (to.token !== undefined) streams.push(to.token);
    if (to.userId !== undefined) {
      const u = this._store.users.get(to.userId);
      if (u) streams.push(u.pubsubToken);
    }
    if (to.conversationId !== undefined) streams.push(...this._bus.conversationTokens(this._conversation(to.conversationId)));
    if (to.account) streams.push(`account_${this._store.account.id}`);
    this._bus.raw(streams, { event, data });
  }

  // ---- event delivery (Chatwoot broadcasts through Sidekiq jobs: late, maybe reordered) ----

  /** Queue broadcasts instead of delivering them, until releaseEvents(). */
  holdEvents(): void {
    this._bus.hold();
  }

  /** Deliver everything queued (shuffled with this seed, if given) and resume; returns the names in delivery order. */
  releaseEvents(opts: { shuffle?: number } = {}): string[] {
    return this._bus.release(opts);
  }

  /** Names of the broadcasts queued and not yet delivered, oldest first. */
  pendingEvents(): string[] {
    return this._bus.pending();
  }

  /** How long a broadcast waits before delivery (default DEFAULT_EVENT_DELAY_MS). */
  setEventDelay(ms: number): void {
    this._bus.setDelay(ms);
  }

  /** Resolves once every queued broadcast has been sent (never while held with something queued). */
  waitForEventsDelivered(): Promise<void> {
    return this._bus.delivered();
  }

  /** Sends a frame byte for byte (no envelope) to sockets subscribed with `token`, or to every socket. */
  injectRaw(frame: string | object, token?: string): number {
    return this._cable.sendRaw(frame, token);
  }

  /** A customer writes, with every side effect (reopen, notifications, events). */
  contactMessage(conversationId: number, content: string): JsonObject {
    return this._present.message(this._actions.contactMessage(this._conversation(conversationId), content));
  }

  /**
   * A customer message of `bytes` characters, like an HTML e-mail: Chatwoot caps neither the
   * message nor the cable frame, so its message.created can be megabytes
   * (app/listeners/action_cable_listener.rb broadcasts `message.push_event_data` whole).
   */
  largeMessage(conversationId: number, bytes: number): JsonObject {
    const unit = '<p>Quarterly report attached, see the table below for the figures.</p>\n';
    const content = unit.repeat(Math.ceil(bytes / unit.length)).slice(0, Math.max(0, bytes));
    return this.contactMessage(conversationId, content);
  }

  contactTyping(conversationId: number, on: boolean): void {
    const c = this._conversation(conversationId);
    const contact = this._store.contacts.get(c.contactId);
    if (contact) this._actions.typing(c, on, { contact }, false);
  }

  /** The contact reads the conversation (widget read receipt): `conversation.read` to the inbox, nothing about the agents' unread. */
  contactRead(conversationId: number): void {
    this._actions.contactRead(this._conversation(conversationId));
  }

  newConversation(input: { inboxId: number; content: string; contactName?: string; contactId?: number }): JsonObject {
    return this._present.conversation(this._actions.createConversation(input));
  }

  /** Another agent (or the demo user from "another window") replies or writes a note. */
  agentMessage(userId: number, conversationId: number, content: string, isPrivate = false): JsonObject {
    const user = this._store.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    return this._present.message(this._actions.agentMessage(this._conversation(conversationId), user, { content, private: isPrivate }));
  }

  /**
   * An AgentBot hands a pending conversation over to the humans (toggle_status to open with a
   * bot token, a Dialogflow or Captain handoff): Conversation#bot_handoff!.
   */
  botHandoff(conversationId: number): void {
    this._actions.botHandoff(this._conversation(conversationId));
  }

  /** Team assignment as POST …/assignments {team_id} does it; null removes the team. */
  assignTeam(conversationId: number, teamId: number | null, actorId: number | null = null): void {
    const team = teamId !== null ? this._store.teams.get(teamId) ?? null : null;
    if (teamId !== null && !team) throw new Error(`no team ${teamId}`);
    const actor = actorId !== null ? this._store.users.get(actorId) ?? null : null;
    this._actions.assignTeam(this._conversation(conversationId), team, actor);
  }

  setStatus(conversationId: number, status: ConversationStatus, actorId: number | null = null, snoozedUntil: number | null = null): void {
    const actor = actorId !== null ? this._store.users.get(actorId) ?? null : null;
    this._actions.setStatus(this._conversation(conversationId), status, snoozedUntil, actor);
  }

  assign(conversationId: number, assigneeId: number | null, actorId: number | null = null): void {
    const assignee = assigneeId !== null ? this._store.users.get(assigneeId) ?? null : null;
    const actor = actorId !== null ? this._store.users.get(actorId) ?? null : null;
    this._actions.assign(this._conversation(conversationId), assignee, actor);
  }

  /**
   * An AgentBot (4.x only) takes the conversation, clearing its person assignee; the bot is
   * created with `name` if it does not exist. Bot ids are their own sequence, so pick one equal
   * to a user's id to check that clients tell the two apart. Throws in 3.x mode.
   */
  assignBot(conversationId: number, botId: number, name = `Bot ${botId}`, actorId: number | null = null): void {
    let bot = this._store.bots.get(botId);
    if (!bot) this._store.bots.set(botId, (bot = { id: botId, name, description: `${name} answers first` }));
    const actor = actorId !== null ? this._store.users.get(actorId) ?? null : null;
    this._actions.assignBot(this._conversation(conversationId), bot, actor);
  }

  /**
   * The order of conversations with equal last_activity_at (Chatwoot sets none, so it may differ
   * from one query to the next): flip it between two page fetches to shift a page boundary.
   */
  setTieOrder(order: 'id-desc' | 'id-asc'): void {
    this._store.tieOrder = order;
  }

  updateContact(contactId: number, patch: { name?: string; email?: string | null }): void {
    const contact = this._store.contacts.get(contactId);
    if (!contact) throw new Error(`no contact ${contactId}`);
    this._actions.updateContact(contact, patch);
  }

  // ---- sockets ------------------------------------------------------------------------

  dropSockets(opts: { closeFrame: boolean; code?: number }): number {
    return this._cable.dropSockets(opts.closeFrame, opts.code);
  }

  /** Paused pings make a connection look stale to the client's monitor. */
  setPingsPaused(paused: boolean): void {
    this._cable.setPingsPaused(paused);
  }

  disconnect(reason: DisconnectReason, reconnect: boolean, token?: string): number {
    return this._cable.disconnect(reason, reconnect, token);
  }

  refuseUpgrades(status: number | null): void {
    this._cable.refuseUpgrades(status);
  }

  /**
   * A busy server: every later confirm_subscription comes `ms` late, or not until
   * releaseConfirms() with 'hold'. Rails confirms once the pub/sub acknowledged the SUBSCRIBE
   * (rails: actioncable/lib/action_cable/channel/streams.rb); repeats of a pending subscribe are
   * ignored (connection/subscriptions.rb).
   */
  slowConfirms(ms: number | 'hold'): void {
    this._cable.setConfirmDelay(ms);
  }

  /** Sends the withheld confirmations; returns how many went out. */
  releaseConfirms(): number {
    return this._cable.releaseConfirms();
  }

  // ---- auth ---------------------------------------------------------------------------

  /** Like a password change: existing subscriptions keep the old stream and hear nothing more. */
  rotatePubsubToken(userId: number): string {
    const u = this._store.users.get(userId);
    if (!u) throw new Error(`no user ${userId}`);
    u.pubsubToken = `pubsub-${randomBytes(9).toString('hex')}`;
    return u.pubsubToken;
  }

  /** The old token answers 401 Invalid Access Token from now on; returns the replacement. */
  revokeAccessToken(userId: number): string {
    const u = this._store.users.get(userId);
    if (!u) throw new Error(`no user ${userId}`);
    u.accessToken = `token-${randomBytes(12).toString('hex')}`;
    return u.accessToken;
  }

  // ---- REST faults --------------------------------------------------------------------

  failNext(count: number, kind: FaultKind, pathEndsWith?: string): void {
    this._faults.failNext(count, kind, pathEndsWith);
  }

  /** The server recovers: the failures still queued are dropped. */
  clearFailures(): void {
    this._faults.clearFailures();
  }

  setLatency(ms: number): void {
    this._faults.latencyMs = Math.max(0, ms);
  }

  // ---- presence and time --------------------------------------------------------------

  advanceClock(ms: number): void {
    this._clock.offsetMs += ms;
  }

  availabilityOf(userId: number): Availability {
    const u = this._store.users.get(userId);
    if (!u) throw new Error(`no user ${userId}`);
    return this._store.presence.availabilityStatus(this._store.account.id, u);
  }

  // ---- observation --------------------------------------------------------------------

  heartbeats(userId?: number): HeartbeatRecord[] {
    return this._log
      .list()
      .filter((e): e is Extract<Entry, { kind: 'heartbeat' }> => e.kind === 'heartbeat' && (userId === undefined || e.userId === userId))
      .map((e) => ({ userId: e.userId, accountId: e.accountId, at: e.at, via: e.via }));
  }

  requests(): RequestRecord[] {
    return this._log
      .list()
      .filter((e): e is Extract<Entry, { kind: 'request' }> => e.kind === 'request')
      .map((e) => ({ method: e.method, path: e.path, query: e.query, status: e.status, ...(e.fault ? { fault: e.fault } : {}), ...(e.body !== undefined ? { body: e.body } : {}), at: e.at }));
  }

  happenings(since = 0): Entry[] {
    return this._log.list(since);
  }

  mark(): number {
    return this._log.mark();
  }

  waitFor<K extends Happening['kind']>(predicate: (h: Entry) => h is Extract<Entry, { kind: K }>, timeoutMs?: number, since?: number): Promise<Extract<Entry, { kind: K }>>;
  waitFor(predicate: (h: Entry) => boolean, timeoutMs?: number, since?: number): Promise<Entry>;
  waitFor(predicate: (h: Entry) => boolean, timeoutMs?: number, since?: number): Promise<Entry> {
    return this._log.waitFor(predicate, timeoutMs, since);
  }

  /** waitFor narrowed to one kind: `waitForKind('heartbeat', (h) => h.userId === 1)`. */
  waitForKind<K extends Happening['kind']>(kind: K, predicate?: (h: Extract<Entry, { kind: K }>) => boolean, timeoutMs?: number, since?: number): Promise<Extract<Entry, { kind: K }>> {
    return this._log.waitForKind(kind, predicate, timeoutMs, since);
  }

  clearLog(): void {
    this._log.clear();
  }

  /** Undo every fault: pings on, upgrades allowed, no queued failures, no latency, real clock, events flowing, confirmations at once. */
  reset(): void {
    this._bus.reset();
    this._cable.setPingsPaused(false);
    this._cable.refuseUpgrades(null);
    this._cable.setConfirmDelay(0);
    this._cable.releaseConfirms();
    this._faults.clear();
    this._clock.offsetMs = 0;
    this._store.tieOrder = 'id-desc';
  }

  // ---- HTTP ---------------------------------------------------------------------------

  async handle(req: Request): Promise<Reply> {
    const action = req.path.slice(CONTROL_PREFIX.length + 1);
    const handler = this._http[`${req.method} ${action}`];
    if (!handler) return json(404, { error: `no control action ${req.method} ${action}` });
    try {
      return await handler(req.method === 'GET' ? req.query : req.params);
    } catch (e) {
      return json(e instanceof z.ZodError ? 400 : 422, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private readonly _http: Record<string, (p: Record<string, unknown>) => Reply | Promise<Reply>> = {
    'GET mark': () => ok({ seq: this.mark() }),
    'GET happenings': (p) => ok(this.happenings(Number(p.since ?? 0))),
    'GET requests': () => ok(this.requests()),
    'GET heartbeats': (p) => ok(this.heartbeats(p.userId !== undefined ? Number(p.userId) : undefined)),
    'POST clear-log': () => (this.clearLog(), ok({})),
    'POST reset': () => (this.reset(), ok({})),
    'POST wait': async (p) => {
      const b = WaitBody.parse(p);
      const match = b.match ?? {};
      try {
        const entry = await this.waitFor((h) => h.kind === b.kind && Object.entries(match).every(([k, v]) => (h as Record<string, unknown>)[k] === v), b.timeoutMs, b.since);
        return ok(entry);
      } catch (e) {
        return json(408, { error: e instanceof Error ? e.message : String(e) });
      }
    },
    'POST inject': (p) => {
      const b = InjectBody.parse(p);
      this.inject(b.event, b.data as JsonObject, b.to ?? { account: true });
      return ok({});
    },
    'POST inject-raw': (p) => {
      const b = InjectRawBody.parse(p);
      return ok({ sockets: this.injectRaw(b.frame as string | object, b.token) });
    },
    'POST contact-message': (p) => {
      const b = z.object({ conversationId: z.number().int(), content: z.string().min(1) }).parse(p);
      return ok(this.contactMessage(b.conversationId, b.content));
    },
    'POST contact-typing': (p) => {
      const b = z.object({ conversationId: z.number().int(), on: z.boolean() }).parse(p);
      this.contactTyping(b.conversationId, b.on);
      return ok({});
    },
    'POST contact-read': (p) => (this.contactRead(z.object({ conversationId: z.number().int() }).parse(p).conversationId), ok({})),
    'POST new-conversation': (p) => ok(this.newConversation(z.object({ inboxId: z.number().int(), content: z.string().min(1), contactName: z.string().optional(), contactId: z.number().int().optional() }).parse(p))),
    'POST agent-message': (p) => {
      const b = z.object({ userId: z.number().int(), conversationId: z.number().int(), content: z.string().min(1), private: z.boolean().optional() }).parse(p);
      return ok(this.agentMessage(b.userId, b.conversationId, b.content, b.private));
    },
    'POST status': (p) => {
      const b = z.object({ conversationId: z.number().int(), status: z.enum(['open', 'resolved', 'pending', 'snoozed']), actorId: z.number().int().nullable().optional(), snoozedUntil: z.number().int().nullable().optional() }).parse(p);
      this.setStatus(b.conversationId, b.status, b.actorId ?? null, b.snoozedUntil ?? null);
      return ok({});
    },
    'POST assign': (p) => {
      const b = z.object({ conversationId: z.number().int(), assigneeId: z.number().int().nullable(), actorId: z.number().int().nullable().optional() }).parse(p);
      this.assign(b.conversationId, b.assigneeId, b.actorId ?? null);
      return ok({});
    },
    'POST assign-bot': (p) => {
      const b = z.object({ conversationId: z.number().int(), botId: z.number().int(), name: z.string().min(1).optional(), actorId: z.number().int().nullable().optional() }).parse(p);
      this.assignBot(b.conversationId, b.botId, b.name, b.actorId ?? null);
      return ok({});
    },
    'POST tie-order': (p) => (this.setTieOrder(z.object({ order: z.enum(['id-desc', 'id-asc']) }).parse(p).order), ok({})),
    'POST drop-sockets': (p) => {
      const b = z.object({ closeFrame: z.boolean(), code: z.number().int().optional() }).parse(p);
      return ok({ sockets: this.dropSockets(b) });
    },
    'POST pings': (p) => (this.setPingsPaused(z.object({ paused: z.boolean() }).parse(p).paused), ok({})),
    'POST disconnect': (p) => {
      const b = z.object({ reason: z.enum(['unauthorized', 'server_restart', 'invalid_request', 'remote']), reconnect: z.boolean(), token: z.string().optional() }).parse(p);
      return ok({ sockets: this.disconnect(b.reason, b.reconnect, b.token) });
    },
    'POST slow-confirms': (p) => (this.slowConfirms(z.object({ ms: z.number().min(0).nullable() }).parse(p).ms ?? 'hold'), ok({})),
    'POST release-confirms': () => ok({ confirmed: this.releaseConfirms() }),
    'POST large-message': (p) => {
      const b = z.object({ conversationId: z.number().int(), bytes: z.number().int().min(1).max(128 * 1024 * 1024) }).parse(p);
      return ok(this.largeMessage(b.conversationId, b.bytes));
    },
    'POST refuse-upgrades': (p) => (this.refuseUpgrades(z.object({ status: z.number().int().nullable() }).parse(p).status), ok({})),
    'POST rotate-pubsub': (p) => ok({ pubsub_token: this.rotatePubsubToken(z.object({ userId: z.number().int() }).parse(p).userId) }),
    'POST revoke-token': (p) => ok({ access_token: this.revokeAccessToken(z.object({ userId: z.number().int() }).parse(p).userId) }),
    'POST fail-next': (p) => {
      const b = z.object({ count: z.number().int().min(1), kind: z.union([z.literal(401), z.literal(429), z.literal(500), z.literal('hang')]), pathEndsWith: z.string().optional() }).parse(p);
      this.failNext(b.count, b.kind, b.pathEndsWith);
      return ok({});
    },
    'POST hold-events': () => (this.holdEvents(), ok({})),
    'POST release-events': (p) => ok({ events: this.releaseEvents(z.object({ shuffle: z.number().int().optional() }).parse(p)) }),
    'GET pending-events': () => ok({ events: this.pendingEvents() }),
    'POST event-delay': (p) => (this.setEventDelay(z.object({ ms: z.number().min(0) }).parse(p).ms), ok({})),
    'POST events-delivered': async (p) => {
      const { timeoutMs } = z.object({ timeoutMs: z.number().int().min(1).max(60_000).optional() }).parse(p);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs ?? 10_000)));
      const result = await Promise.race([this.waitForEventsDelivered().then(() => 'done' as const), timedOut]).finally(() => clearTimeout(timer));
      return result === 'done' ? ok({}) : json(408, { error: `events still queued: ${this.pendingEvents().join(', ')}` });
    },
    'POST bot-handoff': (p) => (this.botHandoff(z.object({ conversationId: z.number().int() }).parse(p).conversationId), ok({})),
    'POST assign-team': (p) => {
      const b = z.object({ conversationId: z.number().int(), teamId: z.number().int().nullable(), actorId: z.number().int().nullable().optional() }).parse(p);
      this.assignTeam(b.conversationId, b.teamId, b.actorId ?? null);
      return ok({});
    },
    'POST latency': (p) => (this.setLatency(z.object({ ms: z.number().min(0) }).parse(p).ms), ok({})),
    'POST advance-clock': (p) => (this.advanceClock(z.object({ ms: z.number() }).parse(p).ms), ok({})),
  };
}

const WaitBody = z.object({
  kind: z.string(),
  match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  timeoutMs: z.number().int().min(1).max(60_000).optional(),
  since: z.number().int().optional(),
});
const InjectBody = z.object({
  event: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  to: z.object({ token: z.string().optional(), userId: z.number().int().optional(), conversationId: z.number().int().optional(), account: z.boolean().optional() }).optional(),
});
const InjectRawBody = z.object({ frame: z.union([z.string(), z.record(z.string(), z.unknown())]), token: z.string().optional() });
