// A forward HTTP proxy for tests, as a corporate proxy stands between VS Code and the internet:
// it tunnels CONNECT requests (what fetch and wss:// use) and relays absolute-URI requests and
// upgrades (what a plain http:// or ws:// request through a proxy is), and logs each one, so a
// test can prove what went through it. `hosts` maps a name the client asks for to where the
// proxy really connects: VS Code sends 127.0.0.1 and localhost direct, so tests address the
// stand-in as 127.0.0.2 (where nothing listens) and only the proxy knows the way.

import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  /** CONNECT, or the method of an absolute-URI request. */
  readonly method: string;
  /** `host:port` for CONNECT, the absolute URI otherwise. */
  readonly target: string;
  /** An absolute-URI request asked to upgrade (a WebSocket). */
  readonly upgrade: boolean;
  /** What the proxy answered itself, when it did not pass the request on (407, 502, reset). */
  readonly refused?: number | 'reset';
}

export type ProxyMode =
  /** Passes everything on. */
  | 'pass'
  /** Resets every connection at once (ECONNRESET at the client): a proxy that will not serve us. */
  | 'reset'
  /** Answers 407 unless the request carries `Proxy-Authorization` equal to `authorization`. */
  | 'auth'
  /** Answers 502, as a proxy does that cannot reach the target. */
  | 'bad-gateway';

export interface ConnectProxyOptions {
  /** `host` → `host` the proxy really connects to (ports are kept). */
  readonly hosts?: Readonly<Record<string, string>>;
  readonly mode?: ProxyMode;
  /** The `Proxy-Authorization` value mode 'auth' accepts, e.g. `Basic dXNlcjpwYXNz`. */
  readonly authorization?: string;
}

export class ConnectProxy {
  readonly log: ProxiedRequest[] = [];
  mode: ProxyMode;
  private readonly _sockets = new Set<net.Socket>();
  private readonly _waiters: Array<{ test: (r: ProxiedRequest) => boolean; resolve: (r: ProxiedRequest) => void }> = [];

  private constructor(
    private readonly _server: http.Server,
    private readonly _options: ConnectProxyOptions,
  ) {
    this.mode = _options.mode ?? 'pass';
  }

  static async start(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
    const server = http.createServer();
    const proxy = new ConnectProxy(server, options);
    server.on('connection', (socket) => {
      proxy._sockets.add(socket);
      socket.on('close', () => proxy._sockets.delete(socket));
      if (proxy.mode === 'reset') socket.resetAndDestroy();
    });
    server.on('connect', (req, socket, head) => proxy._connect(req, socket as net.Socket, head));
    server.on('upgrade', (req, socket, head) => proxy._upgrade(req, socket as net.Socket, head));
    server.on('request', (req, res) => proxy._request(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `http://127.0.0.1:port`, the value for `http.proxy`. */
  get url(): string {
    return `http://127.0.0.1:${(this._server.address() as AddressInfo).port}`;
  }

  /** Resolves with the first logged request (already logged or still to come) that passes `test`. */
  waitFor(test: (r: ProxiedRequest) => boolean): Promise<ProxiedRequest> {
    const seen = this.log.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this._waiters.push({ test, resolve }));
  }

  /** Ends every connection through the proxy (tunnels included), as a proxy restart does. */
  dropConnections(): void {
    for (const socket of this._sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this._sockets) socket.destroy();
    await new Promise<void>((resolve) => this._server.close(() => resolve()));
  }

  private _record(entry: ProxiedRequest): void {
    this.log.push(entry);
    for (const waiter of this._waiters.filter((w) => w.test(entry))) {
      this._waiters.splice(this._waiters.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  }

  /** The status the proxy answers itself, or undefined to pass the request on. */
  private _refusal(req: http.IncomingMessage): number | undefined {
    if (this.mode === 'bad-gateway') return 502;
    if (this.mode === 'auth' && req.headers['proxy-authorization'] !== this._options.authorization) return 407;
    return undefined;
  }

  private _where(host: string, port: string | number): { host: string; port: number } {
    const bare = host.replace(/^\[|\]$/g, '');
    return { host: this._options.hosts?.[bare] ?? bare, port: Number(port) };
  }

  private _connect(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    const refused = this._refusal(req);
    this._record({ method: 'CONNECT', target, upgrade: false, ...(refused ? { refused } : {}) });
    if (refused) return refuseRaw(client, refused);
    const at = target.lastIndexOf(':');
    const upstream = net.connect(this._where(target.slice(0, at), target.slice(at + 1)), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    pair(client, upstream);
  }

  private _upgrade(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    const refused = this._refusal(req);
    this._record({ method: req.method ?? 'GET', target, upgrade: true, ...(refused ? { refused } : {}) });
    if (refused) return refuseRaw(client, refused);
    const url = new URL(target);
    const upstream = net.connect(this._where(url.hostname, url.port || 80), () => {
      // Origin-form upstream, as a proxy forwards it; the Host header keeps what the client asked for.
      const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (req.rawHeaders[i].toLowerCase() !== 'proxy-authorization') lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    pair(client, upstream);
  }

  private _request(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = req.url ?? '';
    const refused = this._refusal(req);
    this._record({ method: req.method ?? 'GET', target, upgrade: false, ...(refused ? { refused } : {}) });
    if (refused) {
      res.writeHead(refused, refused === 407 ? { 'proxy-authenticate': 'Basic realm="test proxy"' } : {}).end();
      return;
    }
    if (!/^https?:\/\//.test(target)) {
      res.writeHead(400).end('absolute URI required');
      return;
    }
    const url = new URL(target);
    const { host, port } = this._where(url.hostname, url.port || 80);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request({ host, port, method: req.method, path: `${url.pathname}${url.search}`, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end());
    req.pipe(upstream);
  }
}

function refuseRaw(client: net.Socket, status: number): void {
  const reason = status === 407 ? 'Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"' : 'Bad Gateway';
  client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

/** Either side failing or closing ends the other. */
function pair(client: net.Socket, upstream: net.Socket): void {
  const end = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
}
