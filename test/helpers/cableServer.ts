import { IncomingMessage } from 'http';
import { AddressInfo } from 'net';
import WebSocket, { WebSocketServer } from 'ws';
import { within } from './wait';

/** What the server does with a `subscribe`: confirm, reject, or say nothing (real Chatwoot with a bad token). */
export type SubscribeBehaviour = 'confirm' | 'reject' | 'ignore';

export interface ClientCommand {
  readonly command: string;
  readonly identifier: string;
  readonly data?: string;
}

/** One accepted socket, as the server sees it. */
export class ServerConnection {
  readonly received: ClientCommand[] = [];
  private readonly _waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  constructor(
    readonly socket: WebSocket,
    readonly request: IncomingMessage,
    private readonly _server: TestCableServer,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('message', (raw) => {
      const command = JSON.parse(raw.toString()) as ClientCommand;
      this.received.push(command);
      if (command.command === 'subscribe') this._onSubscribe(command.identifier);
      for (const wake of this._waiters.splice(0)) wake();
    });
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** A broadcast to `identifier` with the given channel message. */
  broadcast(identifier: string, message: unknown): void {
    this.send({ identifier, message });
  }

  /** Resolves once `count` received commands match `predicate`; returns the last of them. */
  async waitFor(what: string, predicate: (c: ClientCommand) => boolean, count = 1): Promise<ClientCommand> {
    return within(
      new Promise<ClientCommand>((resolve) => {
        const check = () => {
          const matches = this.received.filter(predicate);
          if (matches.length >= count) resolve(matches[count - 1]);
          else this._waiters.push(check);
        };
        check();
      }),
      what,
    );
  }

  private _onSubscribe(identifier: string): void {
    const behaviour = this._server.nextSubscribeBehaviour();
    if (behaviour === 'confirm') this.send({ identifier, type: 'confirm_subscription' });
    else if (behaviour === 'reject') this.send({ identifier, type: 'reject_subscription' });
  }
}

export interface TestCableServerOptions {
  /** Send `welcome` as soon as a socket opens (default true). */
  readonly autoWelcome?: boolean;
  /** Picks the subprotocol from those offered; default: `actioncable-v1-json` when offered. */
  readonly selectProtocol?: (offered: Set<string>) => string | false;
}

/**
 * A small, scriptable ActionCable server on 127.0.0.1 and a port the OS picks. It speaks just
 * enough of the protocol for the client's state machine: welcome, confirm/reject/ignore per
 * subscribe (scripted in order), broadcasts, disconnect frames and abrupt closes. The faithful
 * Chatwoot stand-in lives in test/server/.
 */
export class TestCableServer {
  readonly connections: ServerConnection[] = [];
  /** Behaviours for the next subscribes, in order; then `defaultBehaviour`. */
  readonly subscribeScript: SubscribeBehaviour[] = [];
  defaultBehaviour: SubscribeBehaviour = 'confirm';
  private readonly _connectionWaiters: Array<() => void> = [];

  private constructor(
    private readonly _wss: WebSocketServer,
    readonly port: number,
    private readonly _options: TestCableServerOptions,
  ) {
    _wss.on('connection', (socket, request) => {
      const connection = new ServerConnection(socket, request, this);
      this.connections.push(connection);
      if (this._options.autoWelcome ?? true) connection.send({ type: 'welcome' });
      for (const wake of this._connectionWaiters.splice(0)) wake();
    });
  }

  static start(options: TestCableServerOptions = {}): Promise<TestCableServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({
        host: '127.0.0.1',
        port: 0,
        path: '/cable',
        handleProtocols: (offered) =>
          options.selectProtocol
            ? options.selectProtocol(offered)
            : offered.has('actioncable-v1-json')
              ? 'actioncable-v1-json'
              : false,
      });
      wss.once('error', reject);
      wss.once('listening', () => resolve(new TestCableServer(wss, (wss.address() as AddressInfo).port, options)));
    });
  }

  /** The installation base URL a client would be configured with. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  nextSubscribeBehaviour(): SubscribeBehaviour {
    return this.subscribeScript.shift() ?? this.defaultBehaviour;
  }

  /** Resolves with the n-th connection (1-based) once it exists. */
  connection(n: number): Promise<ServerConnection> {
    return within(
      new Promise<ServerConnection>((resolve) => {
        const check = () => {
          if (this.connections.length >= n) resolve(this.connections[n - 1]);
          else this._connectionWaiters.push(check);
        };
        check();
      }),
      `server connection #${n}`,
    );
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((resolve) => this._wss.close(() => resolve()));
  }
}
