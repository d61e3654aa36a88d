// A fault-injecting proxy for the soak: it stands between the extension and the stand-in server
// (HTTP and the ActionCable WebSocket on one port, as behind a load balancer) and, on command,
// breaks the network the ways production breaks it. It knows nothing about Chatwoot: REST
// faults are plain HTTP statuses, WebSocket faults act on the bytes.

import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyFault = 'drop' | 'stall' | 'halfOpen' | 'restart' | 'rest502' | 'rest503' | 'rest429';
export type RestFaultStatus = 502 | 503 | 429;

/**
 * One upgraded socket pair. Bytes are relayed while `mode` is 'flow'; a stall holds them (and
 * sends them on when it ends, as TCP would after a stuck route recovers); a half-open
 * connection discards them and never closes, as a peer behind a dead NAT entry looks.
 */
class Tunnel {
  mode: 'flow' | 'stall' | 'halfOpen' = 'flow';
  /** Bytes held by a stall, and `null` for an end (FIN) that came meanwhile. */
  private readonly _held: Array<{ to: net.Socket; data: Buffer | null }> = [];

  constructor(
    readonly client: net.Socket,
    readonly upstream: net.Socket,
  ) {
    const relay = (to: net.Socket) => (data: Buffer) => this._pass(to, data);
    client.on('data', relay(upstream));
    upstream.on('data', relay(client));
    // The server closing (after a disconnect frame, say) reaches the client after the bytes
    // before it, as TCP delivers a FIN; a half-open client never hears of it.
    upstream.on('end', () => this._pass(client, null));
    // The client going away ends the server's side too: a real half-open peer would leave it
    // until the server's TCP keepalive gave up, which here would only leak subscriptions.
    client.on('close', () => (this.mode === 'flow' ? upstream.end() : upstream.destroy()));
    client.on('error', () => this.destroy());
    upstream.on('error', () => this.destroy());
  }

  private _pass(to: net.Socket, data: Buffer | null): void {
    if (this.mode === 'stall') this._held.push({ to, data });
    else if (this.mode === 'flow' && !to.destroyed) {
      if (data) to.write(data);
      else to.end();
    }
  }

  resume(): void {
    if (this.mode !== 'stall') return;
    this.mode = 'flow';
    for (const { to, data } of this._held.splice(0)) this._pass(to, data);
  }

  destroy(): void {
    this.client.destroy();
    this.upstream.destroy();
  }
}

export class FaultProxy {
  /** Faults injected, by kind (a REST burst counts once per failed request). */
  readonly injected: Record<ProxyFault, number> = { drop: 0, stall: 0, halfOpen: 0, restart: 0, rest502: 0, rest503: 0, rest429: 0 };
  /** REST requests forwarded to the server, and answered by a fault instead. */
  forwarded = 0;
  failed = 0;
  private readonly _sockets = new Set<net.Socket>();
  private readonly _tunnels = new Set<Tunnel>();
  private readonly _restFaults: Array<{ status: RestFaultStatus; retryAfterSeconds?: number; until: number }> = [];
  private readonly _timers = new Set<NodeJS.Timeout>();
  private _down: Promise<void> | undefined;
  private _stopped = false;

  private constructor(
    private readonly _server: http.Server,
    private readonly _target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1 (a free port unless `port` is given) and forwards to `targetUrl`. */
  static async start(targetUrl: string, port = 0): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    const server = http.createServer();
    await listen(server, port);
    const proxy = new FaultProxy(server, { host: target.hostname, port: Number(target.port) }, (server.address() as AddressInfo).port);
    proxy._wire();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open client connections (HTTP keep-alive and WebSocket), and of those the WebSockets. */
  get openSockets(): number {
    return this._sockets.size;
  }

  get openTunnels(): number {
    return this._tunnels.size;
  }

  /** Whether `restart` has the port closed right now. */
  get isDown(): boolean {
    return this._down !== undefined;
  }

  private _wire(): void {
    this._server.keepAliveTimeout = 5000;
    this._server.on('connection', (socket: net.Socket) => {
      this._sockets.add(socket);
      socket.on('close', () => this._sockets.delete(socket));
    });
    this._server.on('request', (req, res) => this._request(req, res));
    this._server.on('upgrade', (req, socket, head) => this._upgrade(req, socket as net.Socket, head));
  }

  private _request(req: http.IncomingMessage, res: http.ServerResponse): void {
    // A burst is over when its time is: faults left unused by then are dropped.
    while (this._restFaults.length > 0 && this._restFaults[0].until < Date.now()) this._restFaults.shift();
    const fault = req.url?.startsWith('/api/') ? this._restFaults.shift() : undefined;
    if (fault) {
      this.failed++;
      this.injected[`rest${fault.status}`]++;
      // What a load balancer or rack-attack answers: a short plain body, Retry-After on a 429.
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers).end(`${http.STATUS_CODES[fault.status]}\n`);
      return;
    }
    this.forwarded++;
    const upstream = http.request(
      { host: this._target.host, port: this._target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  private _upgrade(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const upstream = net.connect(this._target.port, this._target.host);
    const tunnel = new Tunnel(client, upstream);
    this._tunnels.add(tunnel);
    client.on('close', () => this._tunnels.delete(tunnel));
    // The upgrade request goes on as it came; from then on only bytes are relayed.
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
  }

  // ---- faults -------------------------------------------------------------------------

  /** Resets every open connection, HTTP and WebSocket alike; returns how many. */
  drop(): number {
    const n = this._sockets.size;
    for (const s of this._sockets) s.destroy();
    this.injected.drop++;
    return n;
  }

  /** Holds every open WebSocket's bytes, both ways, for `ms`, then sends them on. */
  stall(ms: number): number {
    const stalled = [...this._tunnels].filter((t) => t.mode === 'flow');
    for (const t of stalled) t.mode = 'stall';
    this._after(ms, () => stalled.forEach((t) => t.resume()));
    this.injected.stall++;
    return stalled.length;
  }

  /** Every open WebSocket stops carrying bytes and is never closed by the proxy. */
  halfOpen(): number {
    const open = [...this._tunnels].filter((t) => t.mode !== 'halfOpen');
    for (const t of open) t.mode = 'halfOpen';
    this.injected.halfOpen++;
    return open.length;
  }

  /**
   * The next `count` REST requests (paths under /api/) within `withinMs` (default: however long
   * it takes) get `status` instead of the server's answer.
   */
  failRest(count: number, status: RestFaultStatus, retryAfterSeconds?: number, withinMs = Infinity): void {
    const until = Date.now() + withinMs;
    for (let i = 0; i < count; i++) this._restFaults.push({ status, until, ...(status === 429 ? { retryAfterSeconds: retryAfterSeconds ?? 1 } : {}) });
  }

  /** REST faults queued and not yet used. */
  get pendingRestFaults(): number {
    return this._restFaults.length;
  }

  /**
   * A restart of the server behind the proxy: every connection is reset and the port refuses
   * connections for `ms`, then listens again. The server's state is untouched.
   */
  restart(ms: number): Promise<void> {
    if (this._down) return this._down;
    this.injected.restart++;
    this._server.close();
    for (const s of this._sockets) s.destroy();
    const down = new Promise<void>((resolve) => this._after(ms, () => resolve()))
      .then(() => (this._stopped ? undefined : listen(this._server, this.port)))
      .finally(() => (this._down = undefined));
    this._down = down;
    return down;
  }

  /** Ends every fault: stalled bytes flow again, queued REST faults are dropped, a restart finishes. */
  async heal(): Promise<void> {
    this._restFaults.length = 0;
    for (const t of this._tunnels) {
      if (t.mode === 'stall') t.resume();
      // A half-open connection cannot come back: its peers have lost bytes. Close it now.
      else if (t.mode === 'halfOpen') t.destroy();
    }
    await this._down;
  }

  async stop(): Promise<void> {
    this._stopped = true;
    for (const t of this._timers) clearTimeout(t);
    this._timers.clear();
    for (const t of this._tunnels) t.destroy();
    for (const s of this._sockets) s.destroy();
    // A restart under way never listens again (its timer is gone).
    await new Promise<void>((resolve) => (this._server.listening ? this._server.close(() => resolve()) : resolve()));
  }

  private _after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this._timers.delete(t);
      fn();
    }, ms);
    this._timers.add(t);
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
