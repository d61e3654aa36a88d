// A test's side of the stand-in server: a real `ws` ActionCable client that records every frame
// and lets a test await one, a fetch wrapper for REST, a "fence" that proves a frame was NOT
// delivered without sleeping (frames on one socket arrive in order, so once a fence injected
// after the server's event queue drained has arrived, anything the action sent would have too),
// and a stand-in started with live subscribers.

import * as assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { INBOXES, startServer, type FakeChatwoot } from '../server/index';

export interface Frame {
  raw: string;
  json: Record<string, unknown>;
}

export interface BroadcastMessage {
  event: string;
  data: Record<string, unknown>;
}

export class CableClient {
  readonly frames: Frame[] = [];
  private readonly _waiters = new Set<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }>();
  closed: Promise<{ code: number; reason: string }>;
  private _fences = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const raw = data.toString();
      const frame: Frame = { raw, json: safeParse(raw) };
      this.frames.push(frame);
      for (const w of [...this._waiters]) {
        if (w.pred(frame)) {
          this._waiters.delete(w);
          w.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string, protocols: string[] = ['actioncable-v1-json', 'actioncable-unsupported']): Promise<CableClient> {
    const ws = new WebSocket(url, protocols);
    const client = new CableClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.next((f) => f.json.type === 'welcome');
    return client;
  }

  /** Resolves with the first frame (already received or future) matching pred. */
  next(pred: (f: Frame) => boolean, timeoutMs = 2000, fromIndex = 0): Promise<Frame> {
    const seen = this.frames.slice(fromIndex).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._waiters.delete(waiter);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got: ${this.frames.map((f) => f.raw.slice(0, 120)).join(' | ')}`));
      }, timeoutMs);
      const waiter = { pred, resolve: (f: Frame) => (clearTimeout(timer), resolve(f)) };
      this._waiters.add(waiter);
    });
  }

  event(name: string, timeoutMs = 2000, fromIndex = 0): Promise<BroadcastMessage & { identifier: string }> {
    return this.next((f) => messageOf(f)?.event === name, timeoutMs, fromIndex).then((f) => ({ ...(messageOf(f) as BroadcastMessage), identifier: f.json.identifier as string }));
  }

  events(name?: string): BroadcastMessage[] {
    return this.frames.flatMap((f) => {
      const m = messageOf(f);
      return m && (name === undefined || m.event === name) ? [m] : [];
    });
  }

  send(obj: unknown): void {
    this.ws.send(JSON.stringify(obj));
  }

  subscribeFrame(identifier: string): void {
    this.send({ command: 'subscribe', identifier });
  }

  async subscribe(identifier: string): Promise<void> {
    this.subscribeFrame(identifier);
    await this.next((f) => f.json.type === 'confirm_subscription' && f.json.identifier === identifier);
  }

  heartbeat(identifier: string): void {
    this.send({ command: 'message', identifier, data: JSON.stringify({ action: 'update_presence' }) });
  }

  /**
   * Injects a unique raw frame to this client's sockets (by token, or all) and waits for it.
   * Broadcasts are queued (as Chatwoot's jobs are), so it first waits for the queue to drain.
   */
  async fence(server: FakeChatwoot, token?: string): Promise<void> {
    await server.control.waitForEventsDelivered();
    const marker = `fence-${++this._fences}-${Math.random()}`;
    server.control.injectRaw({ type: 'test_fence', marker }, token);
    await this.next((f) => f.json.marker === marker);
  }

  close(): void {
    this.ws.terminate();
  }
}

export function messageOf(f: Frame): BroadcastMessage | undefined {
  const m = f.json.message;
  if (m && typeof m === 'object' && 'event' in m) return m as BroadcastMessage;
  return undefined;
}

function safeParse(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One user's subscribed RoomChannel: the client, its identifier and the user's pubsub token. */
export interface Subscriber {
  client: CableClient;
  identifier: string;
  token: string;
}

/** Connects and subscribes one user's RoomChannel; returns the client and its identifier. */
export async function subscribed(server: FakeChatwoot, userId: number): Promise<Subscriber> {
  const client = await CableClient.connect(server.cableUrl);
  const identifier = server.identifier(userId);
  await client.subscribe(identifier);
  // Subscribing answers with presence.update; wait for it so it never pollutes later assertions.
  await client.event('presence.update');
  return { client, identifier, token: server.user(userId).pubsubToken };
}

export interface ApiResponse {
  status: number;
  text: string;
  body: unknown;
  contentType: string;
}

export async function api(server: FakeChatwoot, method: string, path: string, opts: { token?: string | null; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? server.demoToken : opts.token;
  if (token !== null) headers.api_access_token = token;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined, signal: opts.signal });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body, contentType: res.headers.get('content-type') ?? '' };
}

export const acc = (path: string): string => `/api/v1/accounts/1${path}`;

/**
 * A fresh stand-in with one live subscriber per user, and the two open conversations the event
 * suites act on: one in Support Email, one unassigned in Website.
 */
export class SubscribedStandIn {
  private constructor(
    readonly server: FakeChatwoot,
    readonly subscribers: Subscriber[],
    readonly emailConv: number,
    readonly webConv: number,
  ) {}

  static async start(userIds: readonly number[]): Promise<SubscribedStandIn> {
    const server = await startServer({ pingIntervalMs: 60_000 });
    const subscribers: Subscriber[] = [];
    for (const id of userIds) subscribers.push(await subscribed(server, id));
    const conversations = [...server.store.conversations.values()];
    const emailConv = conversations.find((c) => c.inboxId === INBOXES.email && c.status === 'open')?.displayId ?? 0;
    const webConv = conversations.find((c) => c.inboxId === INBOXES.website && c.status === 'open' && c.assigneeId === null)?.displayId ?? 0;
    assert.ok(emailConv && webConv);
    return new SubscribedStandIn(server, subscribers, emailConv, webConv);
  }

  /** Waits until every subscriber has seen a fence injected after the action. */
  async settle(): Promise<void> {
    for (const s of this.subscribers) await s.client.fence(this.server, s.token);
  }

  async stop(): Promise<void> {
    for (const s of this.subscribers) s.client.close();
    await this.server.stop();
  }
}
