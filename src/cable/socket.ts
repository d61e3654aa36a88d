import WebSocket from 'ws';
import { Disposable } from '../common/dispose';
import { Emitter, Event } from '../common/event';

export interface SocketCloseInfo {
  readonly code: number;
  readonly reason: string;
  /** The transport error that caused the close, if any (DNS, TLS, refused, bad handshake). */
  readonly error?: Error;
}

/**
 * The socket as the connection needs it: the seam through which tests or other transports plug
 * in (rails' `adapters.WebSocket`). Events fire at most once each for open and close.
 */
export interface CableSocket {
  readonly onDidOpen: Event<void>;
  readonly onDidReceive: Event<string>;
  readonly onDidClose: Event<SocketCloseInfo>;
  /** The subprotocol the server selected; '' until open. */
  readonly protocol: string;
  send(text: string): void;
  /** Closes at once, without waiting for the peer: used for stale or abandoned sockets. */
  close(): void;
}

export interface SocketOptions {
  readonly url: string;
  readonly protocols: readonly string[];
  readonly origin: string;
}

export type SocketFactory = (options: SocketOptions) => CableSocket;

/** Cap on an incoming frame; Chatwoot payloads are a few KB, a megabyte is a broken peer. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** `ws` behind the CableSocket seam. */
class WsCableSocket extends Disposable implements CableSocket {
  private readonly _onDidOpen = this._register(new Emitter<void>());
  readonly onDidOpen = this._onDidOpen.event;
  private readonly _onDidReceive = this._register(new Emitter<string>());
  readonly onDidReceive = this._onDidReceive.event;
  private readonly _onDidClose = this._register(new Emitter<SocketCloseInfo>());
  readonly onDidClose = this._onDidClose.event;

  private readonly _ws: WebSocket;
  private _error: Error | undefined;
  private _closed = false;

  constructor(options: SocketOptions) {
    super();
    this._ws = new WebSocket(options.url, [...options.protocols], {
      headers: { Origin: options.origin },
      maxPayload: MAX_PAYLOAD_BYTES,
      // Cross-origin redirects would send our Origin elsewhere; a 301 to https is a proxy
      // misconfiguration the user should see (ASKS.md §2, #8526), not something to follow.
      followRedirects: false,
    });
    this._ws.on('open', () => this._onDidOpen.fire());
    this._ws.on('message', (data, isBinary) => {
      if (!isBinary) this._onDidReceive.fire(data.toString());
    });
    // ws always follows 'error' with 'close'; keep the error so the close can say why.
    this._ws.on('error', (error) => {
      this._error ??= error;
    });
    this._ws.on('close', (code, reason) => this._finish(code, reason.toString()));
  }

  get protocol(): string {
    return this._ws.protocol;
  }

  send(text: string): void {
    if (this._ws.readyState === WebSocket.OPEN) this._ws.send(text);
  }

  close(): void {
    this._ws.terminate();
    this._finish(1006, 'closed by client');
  }

  private _finish(code: number, reason: string): void {
    if (this._closed) return;
    this._closed = true;
    this._onDidClose.fire({ code, reason, error: this._error });
    this.dispose();
  }
}

export const wsSocketFactory: SocketFactory = (options) => new WsCableSocket(options);
