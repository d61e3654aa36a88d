import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface CannedResponse {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Objects are sent as JSON with a JSON content type; strings as given. */
  readonly body?: unknown;
  /** Never answer (for timeouts). */
  readonly hang?: boolean;
  /** Close the connection without answering, as a crashing proxy or a reset does. */
  readonly drop?: boolean;
}

export type Responder = (req: RecordedRequest) => CannedResponse;

/** A node:http server on 127.0.0.1 and a port the OS picks, answering from a scripted responder. */
export class TestHttpServer {
  readonly requests: RecordedRequest[] = [];
  responder: Responder = () => ({ status: 200, body: {} });
  private readonly _waiters: Array<{ count: number; resolve: () => void }> = [];

  private constructor(private readonly _server: Server) {}

  static start(): Promise<TestHttpServer> {
    return new Promise((resolve) => {
      const server = createServer();
      const instance = new TestHttpServer(server);
      server.on('request', (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const recorded = {
            method: req.method ?? '',
            url: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString(),
          };
          instance.requests.push(recorded);
          for (const w of instance._waiters.filter((w) => instance.requests.length >= w.count)) {
            instance._waiters.splice(instance._waiters.indexOf(w), 1);
            w.resolve();
          }
          instance._answer(instance.responder(recorded), res);
        });
      });
      server.listen(0, '127.0.0.1', () => resolve(instance));
    });
  }

  /** Resolves once `count` requests have arrived in all (at once if they already have). */
  whenReceived(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this._waiters.push({ count, resolve }));
  }

  get port(): number {
    return (this._server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private _answer(response: CannedResponse, res: ServerResponse): void {
    if (response.hang) return;
    if (response.drop) {
      res.socket?.destroy();
      return;
    }
    const isText = typeof response.body === 'string';
    const headers: Record<string, string> = {
      ...(response.body === undefined ? {} : { 'content-type': isText ? 'text/plain' : 'application/json; charset=utf-8' }),
      ...response.headers,
    };
    res.writeHead(response.status ?? 200, headers);
    res.end(response.body === undefined ? undefined : isText ? (response.body as string) : JSON.stringify(response.body));
  }

  close(): Promise<void> {
    this._server.closeAllConnections();
    return new Promise((resolve) => this._server.close(() => resolve()));
  }
}
