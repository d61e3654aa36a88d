import { CableSocket, SocketCloseInfo, SocketFactory, SocketOptions } from '../../src/cable/socket';
import { Emitter } from '../../src/common/event';
import { within } from './wait';

/** An in-memory CableSocket: the test plays the server synchronously. */
export class FakeSocket implements CableSocket {
  private readonly _onDidOpen = new Emitter<void>();
  readonly onDidOpen = this._onDidOpen.event;
  private readonly _onDidReceive = new Emitter<string>();
  readonly onDidReceive = this._onDidReceive.event;
  private readonly _onDidClose = new Emitter<SocketCloseInfo>();
  readonly onDidClose = this._onDidClose.event;

  private readonly _onDidSend = new Emitter<string>();
  /** Every frame the client sends, as it sends it. */
  readonly onDidSend = this._onDidSend.event;

  readonly sent: string[] = [];
  protocol = '';
  closedByClient = false;

  constructor(readonly options: SocketOptions) {}

  open(protocol = 'actioncable-v1-json'): void {
    this.protocol = protocol;
    this._onDidOpen.fire();
  }

  receive(frame: unknown): void {
    this._onDidReceive.fire(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  serverClose(code = 1006, reason = ''): void {
    this._onDidClose.fire({ code, reason });
  }

  send(text: string): void {
    this.sent.push(text);
    this._onDidSend.fire(text);
  }

  close(): void {
    this.closedByClient = true;
  }
}

export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (options) => {
      const socket = new FakeSocket(options);
      sockets.push(socket);
      return socket;
    },
  };
}

/** Resolves with the first frame sent (so far or later) whose parsed command matches. */
export function sentCommand(
  socket: FakeSocket,
  what: string,
  predicate: (command: { command: string; identifier: string; data?: string }) => boolean,
): Promise<{ command: string; identifier: string; data?: string }> {
  const parse = (text: string) => JSON.parse(text) as { command: string; identifier: string; data?: string };
  const already = socket.sent.map(parse).find(predicate);
  if (already) return Promise.resolve(already);
  return within(
    new Promise((resolve) => {
      const sub = socket.onDidSend((text) => {
        const command = parse(text);
        if (predicate(command)) {
          sub.dispose();
          resolve(command);
        }
      });
    }),
    what,
  );
}
