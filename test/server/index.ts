// The stand-in Chatwoot server: REST, ActionCable and the control API on one loopback port.
// startServer() is what tests and the demo use; everything it wires together lives in its
// own module (store, seed, rest, cable, events, actions, control, simulation).

import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Actions } from './actions';
import { CableServer } from './cable';
import { CONTROL_PREFIX, Control, type ServerClock } from './control';
import { EventBus } from './events';
import { RestFaults } from './faults';
import { Happenings } from './happenings';
import { parseQuery, readRequestBody, send, type Request } from './http';
import type { FormPart } from './multipart';
import { DEFAULT_PRESENCE_TTL_MS } from './presence';
import { Presenters } from './presenters';
import { RestApi } from './rest';
import { SEED_CONVERSATIONS, seedStore } from './seed';
import { ACCOUNT_ID, DEMO_TOKEN, DEMO_USER_ID } from './seedText';
import { Simulation } from './simulation';
import { Store } from './store';
import { defaultChatwootVersion, type ChatwootVersion, type Role } from './types';
export type { ChatwootVersion } from './types';

export { ACCOUNT_ID, DEMO_TOKEN, DEMO_USER_ID } from './seedText';
export { LONG_THREAD_ID, SEED_CONVERSATIONS } from './seed';
export { CABLE_PROTOCOL } from './cable';
export { CONTROL_PREFIX, Control } from './control';
export type { DisconnectReason, HeartbeatRecord, InjectTarget, RequestRecord } from './control';
export type { Entry, Happening } from './happenings';
export type { FaultKind } from './faults';
export { ERR_INVALID_TOKEN, ERR_NOT_AUTHORIZED, ERR_NOT_FOUND } from './rest';

/** Well-known seed users, for recipient tests (ids are stable). */
export const USERS = {
  /** The signed-in demo user: administrator, member of Website and Support Email. */
  priya: 1,
  /** Agent, member of Website and WhatsApp only: never hears about Support Email or Partner API. */
  marcus: 2,
  /** Agent, member of Website and Support Email. */
  sofia: 3,
  /** Agent, member of Support Email and Partner API. */
  jonas: 4,
  /** Administrator with auto_offline=false (always shown "busy"). */
  aisha: 5,
} as const;

/** Inbox ids: 1 Website (web widget), 2 Support Email, 3 WhatsApp, 4 Partner API. */
export const INBOXES = { website: 1, email: 2, whatsapp: 3, api: 4 } as const;

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** ActionCable ping period; Chatwoot uses 3000. */
  pingIntervalMs?: number;
  /** Live demo activity (default false here; main.ts turns it on). */
  simulate?: boolean;
  simulationIntervalMs?: number;
  /** Number of conversations (default 40; 10000 for benchmarks). */
  scale?: number;
  /** Answer bad subscriptions with reject_subscription instead of Chatwoot's silence. */
  rejectBadSubscriptions?: boolean;
  /** PRNG seed: same seed, same data. */
  seed?: number;
  /** Unix seconds the seed timestamps count back from (default: now). */
  now?: number;
  /** Presence window (Chatwoot's PRESENCE_DURATION, 20 s). */
  presenceTtlMs?: number;
  /** Chatwoot release line to imitate (default: CHATWOOT_STANDIN_VERSION, else 4). */
  chatwoot?: ChatwootVersion;
  /** Serve https:// and wss:// with this key and certificate (PEM) instead of http:// and ws://. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface UserInfo {
  id: number;
  name: string;
  email: string;
  role: Role;
  accessToken: string;
  pubsubToken: string;
  inboxIds: number[];
}

export interface FakeChatwoot {
  /** http://127.0.0.1:<port> (https:// with the `tls` option) */
  readonly url: string;
  /** ws://127.0.0.1:<port>/cable (wss:// with the `tls` option) */
  readonly cableUrl: string;
  readonly port: number;
  readonly accountId: number;
  readonly demoToken: string;
  readonly demoUserId: number;
  /** The Chatwoot release line this server imitates. */
  readonly chatwoot: ChatwootVersion;
  /** Live view: tokens reflect rotations and revocations. */
  user(id: number): UserInfo;
  users(): UserInfo[];
  /** RoomChannel identifier string for a user, exactly as a client would send it. */
  identifier(userId: number): string;
  readonly control: Control;
  /** Demo-mode activity; start/stop it at will (stop() also stops it). */
  readonly simulation: Pick<Simulation, 'start' | 'stop' | 'running' | 'pendingTimers'>;
  /** The raw in-memory state, for assertions the API does not expose. */
  readonly store: Store;
  stop(): Promise<void>;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export async function startServer(options: StartOptions = {}): Promise<FakeChatwoot> {
  const clock: ServerClock = { offsetMs: 0 };
  const version = options.chatwoot ?? defaultChatwootVersion();
  const store = new Store(() => Date.now() + clock.offsetMs, options.presenceTtlMs ?? DEFAULT_PRESENCE_TTL_MS, version);
  const seed = options.seed ?? 1;
  seedStore(store, { conversations: options.scale ?? SEED_CONVERSATIONS, nowSeconds: options.now ?? Math.floor(Date.now() / 1000), seed });
  const log = new Happenings();
  const present = new Presenters(store);
  // The cable needs Actions for heartbeats and Actions needs the cable to broadcast: the
  // closure breaks the cycle and only runs once both exist.
  const cable: CableServer = new CableServer(store, (): Actions => actions, log, {
    pingIntervalMs: options.pingIntervalMs ?? 3000,
    rejectBadSubscriptions: options.rejectBadSubscriptions ?? false,
  });
  const bus = new EventBus(store, cable);
  const actions: Actions = new Actions(store, present, bus);
  const faults = new RestFaults();
  const ctl = new Control(store, present, actions, bus, cable, faults, log, clock);
  const rest = new RestApi(store, present, actions);
  const simulation = new Simulation(store, actions, { intervalMs: options.simulationIntervalMs ?? 6000, seed, demoUserId: DEMO_USER_ID });
  const hanging = new Set<http.ServerResponse>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = parseQuery(url.searchParams);
    let params;
    let parts: FormPart[] | undefined;
    // What the request log keeps of a JSON or form body (a multipart body is logged as its fields).
    let body: Record<string, unknown> | undefined;
    try {
      const read = await readRequestBody(req);
      params = { ...query, ...read.params };
      parts = read.parts;
      body = parts ? undefined : read.params;
    } catch {
      send(res, { status: 400, body: { error: 'malformed request body' } });
      return;
    }
    const request: Request = { method: req.method ?? 'GET', path: url.pathname.replace(/\/+$/, '') || '/', query, params, headers: req.headers, ...(parts ? { parts } : {}) };
    if (parts) log.record({ kind: 'multipart', method: request.method, path: request.path, fields: parts.map((p) => (p.file ? { name: p.name, filename: p.file.filename, contentType: p.file.contentType, size: p.file.data.length } : { name: p.name, value: p.value ?? '' })) });
    // Active Storage serves what was uploaded without the API token (its URLs are signed).
    if (request.path.startsWith('/rails/active_storage/')) return send(res, rest.activeStorage(request));
    if (request.path.startsWith(`${CONTROL_PREFIX}/`)) {
      if (!isLoopback(req.socket.remoteAddress)) return send(res, { status: 403, body: { error: 'control API is loopback only' } });
      return send(res, await ctl.handle(request));
    }
    // The token never enters the log, even if a client puts it in the query string.
    const { api_access_token: _dropped, ...loggedQuery } = query;
    const record = (status: number, fault?: string): void => {
      log.record({ kind: 'request', method: request.method, path: request.path, query: loggedQuery, status, ...(fault ? { fault } : {}), ...(body && Object.keys(body).length > 0 ? { body } : {}) });
    };
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const fault = request.path.startsWith('/api/') ? faults.take(request.path) : undefined;
    if (fault === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      record(0, 'hang');
      return;
    }
    if (fault === 401) {
      record(401, '401');
      // Chatwoot: app/controllers/concerns/access_token_auth_helper.rb (authenticate_access_token!)
      return send(res, { status: 401, body: { error: 'Invalid Access Token' } });
    }
    if (fault === 429) {
      record(429, '429');
      return send(res, { status: 429, text: 'Retry later\n' });
    }
    if (fault === 500) {
      record(500, '500');
      return send(res, { status: 500, body: { status: 500, error: 'Internal Server Error' } });
    }
    // Chatwoot enqueues its broadcasts as jobs, so they reach the client after this reply:
    // hold them until the reply is written (EventBus).
    const release = request.method === 'GET' ? undefined : bus.deferDelivery();
    if (release) {
      res.once('finish', release);
      res.once('close', release);
    }
    const reply = await rest.handle(request);
    send(res, reply);
    record(reply.status);
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch(() => send(res, { status: 500, body: { status: 500, error: 'Internal Server Error' } }));
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  server.on('upgrade', (req, socket, head) => cable.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (options.simulate) simulation.start();

  const info = (id: number): UserInfo => {
    const u = store.users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    const inboxIds = [...store.inboxes.values()].filter((i) => i.memberIds.includes(id)).map((i) => i.id);
    return { id: u.id, name: u.name, email: u.email, role: u.role, accessToken: u.accessToken, pubsubToken: u.pubsubToken, inboxIds };
  };
  let stopped: Promise<void> | undefined;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    cableUrl: `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${port}/cable`,
    port,
    accountId: ACCOUNT_ID,
    demoToken: DEMO_TOKEN,
    demoUserId: DEMO_USER_ID,
    chatwoot: version,
    user: info,
    users: () => [...store.users.keys()].map(info),
    identifier: (userId) => {
      const u = info(userId);
      return JSON.stringify({ channel: 'RoomChannel', pubsub_token: u.pubsubToken, account_id: ACCOUNT_ID, user_id: u.id });
    },
    control: ctl,
    simulation,
    store,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        simulation.stop();
        bus.close();
        cable.close();
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
