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

/**
 * Cap on an incoming frame. Chatwoot sets none, and a `message.created` for an HTML e-mail
 * carries the whole mail, so megabytes are normal; only a broken server sends 64 MiB. A frame
 * over the cap closes the socket (1009), and the consumer's reconnect and resync recover.
 */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

export interface WsSocketOptions {
  /** Lowered by tests to exercise the oversize path without allocating 64 MiB. */
  readonly maxPayloadBytes?: number;
}

/** RFC 6455 "message too big". */
export const CLOSE_MESSAGE_TOO_BIG = 1009;

function isOversize(error: Error | undefined): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

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

  constructor(options: SocketOptions, maxPayloadBytes: number) {
    super();
    this._ws = new WebSocket(options.url, [...options.protocols], {
      headers: { Origin: options.origin },
      maxPayload: maxPayloadBytes,
      // Cross-origin redirects would send our Origin elsewhere; a 301 to https is a proxy
      // misconfiguration the user should see (docs/user-needs.md §2, #8526), not something to follow.
      followRedirects: false,
      // ActionCable's server never accepts permessage-deflate (docs/chatwoot-events.md), so the
      // offer is left out, and with it ws's compression code from the bundle (esbuild.js).
      perMessageDeflate: false,
    });
    this._ws.on('open', () => this._onDidOpen.fire());
    this._ws.on('message', (data, isBinary) => {
      if (!isBinary) this._onDidReceive.fire(data.toString());
    });
    // ws always follows 'error' with 'close'; keep the error so the close can say why.
    this._ws.on('error', (error) => {
      this._error ??= error;
    });
    // On an oversize frame ws sends close 1009 but destroys the socket before the echo, so the
    // close reports 1006; say 1009 ("message too big"), which is what happened.
    this._ws.on('close', (code, reason) => this._finish(isOversize(this._error) ? CLOSE_MESSAGE_TOO_BIG : code, reason.toString()));
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

export function createWsSocketFactory(options: WsSocketOptions = {}): SocketFactory {
  const maxPayloadBytes = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  return (socketOptions) => new WsCableSocket(socketOptions, maxPayloadBytes);
}

export const wsSocketFactory: SocketFactory = createWsSocketFactory();
