// The chaos soak, run inside the extension host: the stand-in server, the fault proxy in front
// of it, the extension signed in through the proxy with one conversation open in the chat.
// While the plan's activity and faults run, the chat's DOM is checked for a message shown
// twice and the host's heap is sampled; afterwards, with the faults healed, it waits until the
// extension's state equals the server's (or the settle deadline passes) and reports the rest.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { CABLE_DEFAULTS } from '../../../src/cable/consumer';
import { Commands } from '../../../src/constants';
import { isMember, GROUPS, type Group } from '../../../src/conversations/filters';
import { toConversationRecord, type ConversationRecord } from '../../../src/conversations/records';
import type { ExtensionApi } from '../../../src/extension';
import type { Conversation } from '../../../src/model/conversation';
import { Profile } from '../../../src/model/profile';
import { startServer, USERS, type FakeChatwoot } from '../../server';
import { FaultProxy } from '../faultProxy';
import { FAULT_KINDS, SoakPlan, type ActivityStep, type FaultStep } from '../soakPlan';
import { activeExtension, connectionState, setSetting } from './extension';
import { evaluateInWebview } from './window';

export interface SoakOptions {
  readonly seed: number;
  readonly durationMs: number;
  /** How long the extension may take to equal the server once the faults stop. */
  readonly settleMs: number;
  readonly print: (line: string) => void;
}

export interface SoakReport {
  readonly seed: number;
  readonly openConversationId: number;
  readonly events: Record<ActivityStep['kind'], number>;
  readonly faults: Record<FaultStep['kind'], number>;
  /** REST requests the proxy answered with a fault status instead of forwarding. */
  readonly restFailed: number;
  readonly restForwarded: number;
  /** Readable differences between the extension and the server after settling (goal: none). */
  readonly differences: string[];
  /** Among the differences: items the server has and the extension does not show (a message, a notification, a conversation, a conversation's newest message). */
  readonly lost: number;
  /** For each conversation named in a difference: what the soak did to it, among the faults and connection states. */
  readonly history: string[];
  /** Messages shown twice in the chat at any check (goal: none). */
  readonly duplicates: string[];
  /** Warnings in the extension's log that a catch-up failed and is retried. */
  readonly catchUpsRetried: number;
  readonly settledAfterMs: number | undefined;
  readonly heapGrowthMbPerHour: number;
  readonly heapSamples: number;
  /** Heap used at the first and the last sample. */
  readonly heapMb: [number, number];
  /** Whether each sample followed a full garbage collection. */
  readonly gc: boolean;
}

type ShownRow = { id: number; activity: boolean; text: string };
/** The little of the DOM that shownRows' function uses inside the webview (this tsconfig has no DOM lib). */
interface DomRow {
  getAttribute(name: string): string | null;
  readonly classList: { contains(name: string): boolean };
  querySelector(selector: string): { readonly textContent: string | null } | null;
}
declare const document: { querySelectorAll(selector: string): Iterable<DomRow> };
type ServerMessage = { id: number; content: string | null; message_type: number; private: boolean };
type ServerNotification = { id: number; read_at: number | string | null };

const COLLEAGUES = [USERS.marcus, USERS.sofia, USERS.jonas, USERS.aisha];

/** Runs `fn` every `ms` until `stop()`; a run never overlaps the next. */
function every(ms: number, fn: () => Promise<void>): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = fn().finally(() => {
      if (!stopped) timer = setTimeout(tick, ms);
    });
  };
  timer = setTimeout(tick, ms);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** A wait that ends early when the soak stops. */
function pause(ms: number, stop: { readonly stopped: boolean; readonly signal: Promise<void> }): Promise<void> {
  if (stop.stopped) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), stop.signal]).finally(() => clearTimeout(timer));
}

/** gc() if the flag can still be set in this process, so heap samples measure what is kept. */
function collector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Least-squares slope of the samples, in MB per hour. */
function slopePerHour(samples: ReadonlyArray<{ at: number; heap: number }>): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const mx = samples.reduce((s, p) => s + p.at, 0) / n;
  const my = samples.reduce((s, p) => s + p.heap, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.at - mx) * (p.heap - my);
    den += (p.at - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 3_600_000 / (1024 * 1024);
}

/** Lines the extension logged under its log folder. */
function logLines(api: ExtensionApi): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) lines.push(...fs.readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(api.logUri.fsPath);
  return lines;
}

/** A failed catch-up that will be tried again, as the chat logs it at warn level. */
const CATCH_UP_RETRY = /\[warning\].*catch-up.*(retrying|trying again)/i;

/** The rows the chat webview shows, in DOM order (pending bubbles carry no data-id). */
function shownRows(): Promise<ShownRow[]> {
  return evaluateInWebview(
    '.messages__items',
    () =>
      [...document.querySelectorAll('.messages__items [data-id]')].map((el) => ({
        id: Number(el.getAttribute('data-id')),
        activity: el.classList.contains('activity'),
        text: (el.querySelector('.msg__content, .activity__text')?.textContent ?? '').trim(),
      })),
    undefined,
  );
}

/** Ids, and bodies of messages written by the soak (all unique), that appear more than once. */
function duplicatesIn(rows: readonly ShownRow[]): string[] {
  const out: string[] = [];
  const ids = new Map<number, number>();
  const bodies = new Map<string, number>();
  for (const r of rows) {
    ids.set(r.id, (ids.get(r.id) ?? 0) + 1);
    if (!r.activity && r.text.includes('soak#')) bodies.set(r.text, (bodies.get(r.text) ?? 0) + 1);
  }
  for (const [id, n] of ids) if (n > 1) out.push(`message id ${id} shown ${n} times`);
  for (const [text, n] of bodies) if (n > 1) out.push(`body "${text.slice(0, 60)}" shown ${n} times`);
  return out;
}

export class Soak {
  private readonly _plan: SoakPlan;
  private readonly _events = Object.fromEntries(['customerMessage', 'privateNote', 'agentReply', 'status', 'assign', 'newConversation'].map((k) => [k, 0])) as Record<ActivityStep['kind'], number>;
  private readonly _faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultStep['kind'], number>;
  private readonly _duplicates = new Set<string>();
  private readonly _heap: Array<{ at: number; heap: number }> = [];
  private _written = 0;
  /** What happened when, relative to the start: activity on each conversation, faults, the connection's states. */
  private readonly _timeline: Array<{ at: number; conversation?: number; what: string }> = [];
  private _started = Date.now();
  private _stop!: () => void;
  private readonly _signal = new Promise<void>((resolve) => (this._stop = resolve));

  private constructor(
    private readonly _o: SoakOptions,
    readonly api: ExtensionApi,
    readonly server: FakeChatwoot,
    readonly proxy: FaultProxy,
    readonly openConversationId: number,
  ) {
    this._plan = new SoakPlan(_o.seed, CABLE_DEFAULTS.staleAfterMs);
  }

  /** Server, proxy, the extension signed in through the proxy, one conversation open in the chat. */
  static async start(o: SoakOptions): Promise<Soak> {
    const api = await activeExtension();
    const server = await startServer({ seed: o.seed });
    const proxy = await FaultProxy.start(server.url);
    try {
      const res = await fetch(`${server.url}/api/v1/profile`, { headers: { api_access_token: server.demoToken } });
      await api.session.signIn(proxy.url, server.demoToken, Profile.parse(await res.json()), server.accountId);
      await connectionState(api, 'connected');
      // As a user would: a web-widget conversation of one's own, opened in the sidebar chat.
      const mine = [...server.store.conversations.values()].find((c) => c.assigneeId === server.demoUserId && c.status === 'open' && c.inboxId === 1);
      if (!mine) throw new Error('the seed has no open web-widget conversation assigned to the demo agent');
      await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: mine.displayId });
      await shownRows().then((rows) => {
        if (rows.length === 0) throw new Error('the chat shows no messages');
      });
      return new Soak(o, api, server, proxy, mine.displayId);
    } catch (e) {
      await Soak._teardown(api, server, proxy);
      throw e;
    }
  }

  private static async _teardown(api: ExtensionApi, server: FakeChatwoot, proxy: FaultProxy): Promise<void> {
    if (api.session.current) await api.session.signOut('soak teardown');
    await setSetting('baseUrl', undefined);
    await proxy.stop();
    await server.stop();
  }

  dispose(): Promise<void> {
    return Soak._teardown(this.api, this.server, this.proxy);
  }

  async run(): Promise<SoakReport> {
    const { print } = this._o;
    const logStart = logLines(this.api).length;
    const gc = collector();
    const started = (this._started = Date.now());
    const stop = { stopped: false, signal: this._signal };
    const states = this.api.connection.onDidChangeState((st) => this._note(`connection ${st.kind}`));
    const sampleHeap = async () => {
      gc?.();
      this._heap.push({ at: Date.now() - started, heap: process.memoryUsage().heapUsed });
      // The stand-in shares this heap: its request log would grow without end.
      this.server.control.clearLog();
    };
    const heap = every(5_000, sampleHeap);
    const dupes = every(2_000, () => this._checkDuplicates());
    const timer = setTimeout(() => {
      stop.stopped = true;
      this._stop();
    }, this._o.durationMs);
    let differences: string[];
    let settledAfterMs: number | undefined;
    try {
      await Promise.all([this._activity(stop), this._faultLoop(stop)]);
      await dupes.stop();
      print(`soak: activity and faults stopped after ${Date.now() - started} ms; healing and settling`);
      await this.proxy.heal();
      this.server.control.reset();
      this._note('faults healed; waiting for the extension to settle');
      await this.server.control.waitForEventsDelivered();
      const settleStart = Date.now();
      differences = await this._differences();
      while (differences.length > 0 && Date.now() - settleStart < this._o.settleMs) {
        await new Promise((r) => setTimeout(r, 500));
        differences = await this._differences();
      }
      settledAfterMs = differences.length === 0 ? Date.now() - settleStart : undefined;
      await this._checkDuplicates();
    } finally {
      clearTimeout(timer);
      await dupes.stop();
      await heap.stop();
      states.dispose();
    }
    await sampleHeap();
    const retried = logLines(this.api).slice(logStart).filter((l) => CATCH_UP_RETRY.test(l)).length;
    return {
      seed: this._o.seed,
      openConversationId: this.openConversationId,
      events: this._events,
      faults: this._faults,
      restFailed: this.proxy.failed,
      restForwarded: this.proxy.forwarded,
      differences,
      history: this._historyOf(differences),
      lost: differences.filter((d) => d.startsWith('missing') || d.startsWith('stale')).length,
      duplicates: [...this._duplicates],
      catchUpsRetried: retried,
      settledAfterMs,
      heapGrowthMbPerHour: slopePerHour(this._heap),
      heapMb: [this._heap[0].heap, this._heap[this._heap.length - 1].heap].map((b) => b / (1024 * 1024)) as [number, number],
      gc: gc !== undefined,
      heapSamples: this._heap.length,
    };
  }

  private _note(what: string, conversation?: number): void {
    this._timeline.push({ at: Date.now() - this._started, conversation, what });
  }

  private _historyOf(differences: readonly string[]): string[] {
    const named = new Set([...differences.join('\n').matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
    if (named.size === 0) return [];
    const t = (ms: number) => `${(ms / 1000).toFixed(1)}s`.padStart(7);
    return this._timeline
      .filter((e) => e.conversation === undefined ? !e.what.startsWith('connection connecting') : named.has(e.conversation))
      .map((e) => `${t(e.at)} ${e.conversation !== undefined ? `#${e.conversation} ` : ''}${e.what}`);
  }

  private async _checkDuplicates(): Promise<void> {
    try {
      for (const d of duplicatesIn(await shownRows())) this._duplicates.add(d);
    } catch {
      // The webview may be re-rendering; the next check reads it again.
    }
  }

  // ---- activity -----------------------------------------------------------------------

  private async _activity(stop: { readonly stopped: boolean; readonly signal: Promise<void> }): Promise<void> {
    while (!stop.stopped) {
      await pause(this._plan.activityGapMs(), stop);
      if (stop.stopped) break;
      const step = this._plan.nextActivity();
      if (this._apply(step)) this._events[step.kind]++;
    }
  }

  /** Carries out one step through the stand-in's controls; false when it had nothing to act on. */
  private _apply(step: ActivityStep): boolean {
    const ctl = this.server.control;
    const all = [...this.server.store.conversations.values()].sort((a, b) => a.displayId - b.displayId);
    const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);
    const conversationFor = (n: number, inOpenChat = false) => (inOpenChat ? this.server.store.conversations.get(this.openConversationId) : pick(all, n));
    const memberOf = (inboxId: number, n: number) => pick(COLLEAGUES.filter((id) => this.server.user(id).role === 'administrator' || this.server.user(id).inboxIds.includes(inboxId)), n);
    const text = (what: string) => `${what} soak#${this._o.seed}-${++this._written}`;
    switch (step.kind) {
      case 'customerMessage': {
        const c = conversationFor(step.pick, step.inOpenChat);
        if (!c) return false;
        const m = ctl.contactMessage(c.displayId, text('Customer asks again'));
        this._note(`customer message ${String(m.id)}`, c.displayId);
        return true;
      }
      case 'privateNote':
      case 'agentReply': {
        const c = conversationFor(step.pick, step.inOpenChat);
        const author = c && memberOf(c.inboxId, step.author);
        if (!c || author === undefined) return false;
        const me = this.server.user(this.server.demoUserId);
        const mention = step.kind === 'privateNote' && step.mention ? ` [@${me.name}](mention://user/${me.id}/${encodeURIComponent(me.name)})` : '';
        const m = ctl.agentMessage(author, c.displayId, text(step.kind === 'privateNote' ? `Note${mention}` : 'Colleague replies'), step.kind === 'privateNote');
        this._note(`${step.kind === 'privateNote' ? `private note${mention ? ' mentioning me' : ''}` : 'reply'} ${String(m.id)} by user ${author}`, c.displayId);
        return true;
      }
      case 'status': {
        const c = conversationFor(step.pick);
        const actor = c && memberOf(c.inboxId, step.actor);
        if (!c || actor === undefined || c.status === step.status) return false;
        this._note(`status ${c.status} -> ${step.status} by user ${actor}`, c.displayId);
        ctl.setStatus(c.displayId, step.status, actor, step.status === 'snoozed' ? Math.floor(Date.now() / 1000) + 3600 : null);
        return true;
      }
      case 'assign': {
        const c = conversationFor(step.pick);
        const colleague = c && memberOf(c.inboxId, step.colleague);
        if (!c || colleague === undefined) return false;
        const to = step.to === 'me' ? this.server.demoUserId : step.to === 'colleague' ? colleague : null;
        if (c.assigneeId === to) return false;
        this._note(`assignee ${c.assigneeId} -> ${to} by user ${colleague}`, c.displayId);
        ctl.assign(c.displayId, to, colleague);
        return true;
      }
      case 'newConversation': {
        const c = ctl.newConversation({ inboxId: 1 + (step.inbox % 3), content: text('Hello, a new question') });
        this._note('created', Number(c.id));
        return true;
      }
    }
  }

  // ---- faults -------------------------------------------------------------------------

  private async _faultLoop(stop: { readonly stopped: boolean; readonly signal: Promise<void> }): Promise<void> {
    while (!stop.stopped) {
      await pause(this._plan.faultGapMs(), stop);
      if (stop.stopped) break;
      const step = this._plan.nextFault();
      this._faults[step.kind]++;
      this._o.print(`soak: fault ${JSON.stringify(step)}`);
      this._note(`fault ${JSON.stringify(step)}`);
      await this._inject(step, stop);
    }
  }

  private async _inject(step: FaultStep, stop: { readonly stopped: boolean; readonly signal: Promise<void> }): Promise<void> {
    switch (step.kind) {
      case 'drop':
        this.proxy.drop();
        return;
      case 'stall':
        this.proxy.stall(step.ms);
        await pause(step.ms, stop);
        return;
      case 'halfOpen':
        this.proxy.halfOpen();
        // Long enough for the liveness deadline to notice.
        await pause(CABLE_DEFAULTS.staleAfterMs + 1_000, stop);
        return;
      case 'restBurst':
        // Time-bound, like a deploy's 502s: a burst must not wait for a quiet client's next call.
        this.proxy.failRest(step.count, step.status, step.retryAfterSeconds, step.withinMs);
        return;
      case 'slowConfirms':
        // The next subscription is confirmed late: the server drops the socket so there is one.
        this.server.control.slowConfirms(step.delayMs);
        this.server.control.dropSockets({ closeFrame: false });
        await pause(step.forMs, stop);
        this.server.control.slowConfirms(0);
        return;
      case 'restart':
        // Rails tells its clients before it goes (ActionCable::Server::Base#restart closes each
        // connection with reason server_restart, reconnect true); then the port refuses.
        this.server.control.disconnect('server_restart', true);
        await this._tunnelsClosed(1_000);
        await this.proxy.restart(step.downMs);
        return;
    }
  }

  /** Until the server's closes have gone through the proxy (its frames with them), at most `ms`. */
  private async _tunnelsClosed(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.proxy.openTunnels > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  // ---- the comparison -----------------------------------------------------------------

  private async _get<T>(pathAndQuery: string): Promise<T> {
    const res = await fetch(`${this.server.url}/api/v1/accounts/${this.server.accountId}${pathAndQuery}`, { headers: { api_access_token: this.server.demoToken } });
    if (!res.ok) throw new Error(`GET ${pathAndQuery}: ${res.status}`);
    return (await res.json()) as T;
  }

  /** Everything in which the extension differs from the server now, one readable line each. */
  private async _differences(): Promise<string[]> {
    if (this.api.connection.state.kind !== 'connected') return [`the connection is ${this.api.connection.state.kind}, not connected`];
    try {
      return [...(await this._conversationDifferences()), ...(await this._chatDifferences()), ...(await this._notificationDifferences())];
    } catch (e) {
      return [`the comparison failed: ${String(e)}`];
    }
  }

  private async _conversationDifferences(): Promise<string[]> {
    const store = this.api.conversations.store;
    const sync = this.api.conversations.sync;
    if (!store || !sync) return ['no conversation store'];
    const out: string[] = [];
    const filter = store.filter;
    const filterQuery = `status=${filter.status}${filter.inboxId !== undefined ? `&inbox_id=${filter.inboxId}` : ''}`;
    const assignee: Record<Group, string> = { mine: 'me', unassigned: 'unassigned', all: 'all' };
    const inWindow = new Set<number>();
    for (const group of GROUPS) {
      for (let page = 1; page <= sync.pagesLoaded(group); page++) {
        const list = await this._get<{ data: { meta: Record<string, number>; payload: Conversation[] } }>(`/conversations?assignee_type=${assignee[group]}&${filterQuery}&page=${page}`);
        if (group === 'all' && page === 1) {
          const server = { mine: list.data.meta.mine_count, unassigned: list.data.meta.unassigned_count, all: list.data.meta.all_count };
          if (JSON.stringify(server) !== JSON.stringify(store.counts)) out.push(`counts: extension ${JSON.stringify(store.counts)}, server ${JSON.stringify(server)}`);
        }
        for (const c of list.data.payload) {
          inWindow.add(c.id);
          if (!store.get(c.id)) out.push(`missing conversation #${c.id} (${group}, page ${page}): the server lists it, the store does not hold it`);
        }
      }
    }
    // What is on screen (rows of the tree's groups, the conversation open in the chat) or must
    // be (what the server lists on the loaded pages). The store may also hold conversations that
    // events mentioned and the filter hides, or that now sort below the loaded pages: nothing
    // shows those, and loading more or another filter fetches them again.
    const shown = (r: ConversationRecord) => store.isTracked(r.id) || inWindow.has(r.id) || GROUPS.some((g) => isMember(r, g, filter, store.meId));
    for (const held of store.conversations.values()) {
      let server: ConversationRecord;
      try {
        server = toConversationRecord(await this._get<Conversation>(`/conversations/${held.id}`));
      } catch (e) {
        out.push(`conversation #${held.id}: held, but the server answers ${String(e)}`);
        continue;
      }
      if (!shown(held)) continue;
      const fields = (r: ConversationRecord) => ({
        status: r.status,
        assignee: `${r.assigneeType}:${r.assigneeId}`,
        teamId: r.teamId,
        unreadCount: r.unreadCount,
        lastActivityAt: r.lastActivityAt,
        snoozedUntil: r.snoozedUntil,
        priority: r.priority,
        labels: r.labels.join(','),
        muted: r.muted,
        lastMessage: r.lastMessage?.id,
      });
      const mine = fields(held);
      const theirs = fields(server);
      const diff = Object.keys(mine).filter((k) => mine[k as keyof typeof mine] !== theirs[k as keyof typeof theirs]);
      const where = `${server.status}${store.isTracked(held.id) ? ', open in the chat' : ''}`;
      for (const k of diff) {
        const what = k === 'lastMessage' ? 'stale' : 'differs';
        out.push(`${what} conversation #${held.id} (${where}) ${k}: extension ${JSON.stringify(mine[k as keyof typeof mine])}, server ${JSON.stringify(theirs[k as keyof typeof theirs])}`);
      }
      for (const group of GROUPS) {
        if (isMember(held, group, filter, store.meId) !== isMember(server, group, filter, store.meId)) out.push(`conversation #${held.id}: in ${group} for the extension, not for the server (or the reverse)`);
      }
    }
    return out;
  }

  private async _chatDifferences(): Promise<string[]> {
    let rows: ShownRow[];
    try {
      rows = await shownRows();
    } catch (e) {
      return [`the chat cannot be read: ${String(e)}`];
    }
    const out = duplicatesIn(rows);
    const shown = new Set(rows.map((r) => r.id));
    const oldest = rows.length > 0 ? Math.min(...rows.map((r) => r.id)) : 0;
    const c = this.openConversationId;
    const server = (await this._get<{ payload: ServerMessage[] }>(`/conversations/${c}/messages?after=${oldest}&before=${2 ** 31 - 1}`)).payload;
    const onServer = new Set(server.map((m) => m.id));
    for (const m of server) if (!shown.has(m.id)) out.push(`missing message ${m.id} in the open chat #${c}: ${JSON.stringify((m.content ?? '').slice(0, 60))}`);
    for (const r of rows) if (!onServer.has(r.id)) out.push(`extra message ${r.id} in the open chat #${c} that the server does not have: ${JSON.stringify(r.text.slice(0, 60))}`);
    const order = rows.map((r) => r.id);
    if (order.some((id, i) => i > 0 && id < order[i - 1])) out.push(`the open chat #${c} shows messages out of order: ${order.join(',')}`);
    return out;
  }

  private async _notificationDifferences(): Promise<string[]> {
    const store = this.api.notifications.store;
    const out: string[] = [];
    // The extension's own query: read ones included (NotificationSync), newest activity first.
    const serverList: ServerNotification[] = [];
    let unread = 0;
    for (let page = 1; ; page++) {
      const res = await this._get<{ data: { meta: { unread_count: number }; payload: ServerNotification[] } }>(`/notifications?page=${page}&includes[]=read&type=read`);
      if (page === 1) unread = res.data.meta.unread_count;
      if (res.data.payload.length === 0) break;
      serverList.push(...res.data.payload);
    }
    if (store.unreadCount !== unread) out.push(`notifications unread count: extension ${store.unreadCount}, server ${unread}`);
    const held = new Map(store.items.map((n) => [n.id, n]));
    const window = serverList.slice(0, Math.max(1, store.pagesLoaded) * 15);
    for (const n of window) if (!held.has(n.id)) out.push(`missing notification ${n.id}: listed by the server within the loaded pages`);
    const onServer = new Map(serverList.map((n) => [n.id, n]));
    for (const n of store.items) {
      const s = onServer.get(n.id);
      if (!s) out.push(`extra notification ${n.id}: the server no longer lists it`);
      else if ((n.read_at == null) !== (s.read_at == null)) out.push(`notification ${n.id}: ${n.read_at == null ? 'unread' : 'read'} in the extension, ${s.read_at == null ? 'unread' : 'read'} on the server`);
    }
    const order = store.items.map((n) => n.id).filter((id) => onServer.has(id));
    const serverOrder = serverList.map((n) => n.id).filter((id) => held.has(id));
    if (order.join(',') !== serverOrder.join(',')) out.push(`notifications order: extension ${order.join(',')}, server ${serverOrder.join(',')}`);
    return out;
  }
}

/** The report as the soak prints it. */
export function describeReport(r: SoakReport): string[] {
  const total = Object.values(r.events).reduce((a, b) => a + b, 0);
  return [
    `SOAK seed ${r.seed} (rerun with CHATWOOT_SOAK_SEED=${r.seed}); open chat #${r.openConversationId}`,
    `SOAK events generated: ${total} ${JSON.stringify(r.events)}`,
    `SOAK faults injected: ${JSON.stringify(r.faults)}; REST requests failed by the proxy: ${r.restFailed} (forwarded ${r.restForwarded})`,
    `SOAK items lost: ${r.lost} (goal 0)`,
    `SOAK duplicates shown: ${r.duplicates.length} (goal 0)${r.duplicates.length ? `: ${r.duplicates.join('; ')}` : ''}`,
    `SOAK catch-ups retried: ${r.catchUpsRetried}`,
    `SOAK settled: ${r.settledAfterMs !== undefined ? `after ${r.settledAfterMs} ms` : 'NO'}; differences: ${r.differences.length}`,
    ...r.differences.map((d) => `SOAK   - ${d}`),
    ...(r.history.length ? ['SOAK history of those conversations, with the faults and connection states (seconds from the start):', ...r.history.map((h) => `SOAK   ${h}`)] : []),
    `SOAK extension-host heap growth: ${r.heapGrowthMbPerHour.toFixed(1)} MB/h (${r.heapMb.map((m) => m.toFixed(1)).join(' -> ')} MB over ${r.heapSamples} samples${r.gc ? ', each after a gc' : ', no gc available'}; the stand-in and proxy share this heap)`,
  ];
}
