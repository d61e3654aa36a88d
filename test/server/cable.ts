// ActionCable over `ws`, as Rails serves it for Chatwoot: welcome, a ping every few seconds,
// RoomChannel subscriptions authenticated per subscription by pubsub token, streams per token
// and per account, and update_presence. Invalid subscriptions get no answer at all unless the
// server was started with rejectBadSubscriptions (upstream Chatwoot never calls reject).
// Confirmations can be delayed or withheld (setConfirmDelay) to play a busy server: Rails sends
// confirm_subscription only once its pub/sub acknowledged the SUBSCRIBE
// (rails: actioncable/lib/action_cable/channel/streams.rb, `stream_from` defers it).

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Actions } from './actions';
import { accountStream, type Broadcaster, type CableMessage } from './events';
import type { Happenings } from './happenings';
import type { Store } from './store';

export const CABLE_PROTOCOL = 'actioncable-v1-json';

export interface CableOptions {
  pingIntervalMs: number;
  rejectBadSubscriptions: boolean;
}

interface Subscription {
  socket: SocketState;
  identifier: string;
  token: string;
  userId: number;
  accountId: number;
  streams: string[];
  /** Until confirmed, the subscription is registered (repeats are ignored) but streams nothing. */
  confirmed: boolean;
}

interface SocketState {
  id: number;
  ws: WebSocket;
  /** null = registered but never confirmed, so repeats are ignored as Rails does. */
  subscriptions: Map<string, Subscription | null>;
}

interface IdentifierParams {
  channel?: unknown;
  pubsub_token?: unknown;
  account_id?: unknown;
  user_id?: unknown;
}

export class CableServer implements Broadcaster {
  private readonly _wss: WebSocketServer;
  private readonly _sockets = new Map<number, SocketState>();
  private readonly _streams = new Map<string, Set<Subscription>>();
  private _nextSocketId = 0;
  private _pingTimer: NodeJS.Timeout | undefined;
  private _pingsPaused = false;
  private _upgradeRefusal: number | null = null;
  private _confirmDelay: number | 'hold' = 0;
  private readonly _heldConfirms = new Set<Subscription>();
  private readonly _confirmTimers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly _store: Store,
    private readonly _actions: () => Actions,
    private readonly _log: Happenings,
    private readonly _opts: CableOptions,
  ) {
    this._wss = new WebSocketServer({
      noServer: true,
      // Pick the JSON protocol when offered; a client offering nothing is still accepted.
      handleProtocols: (protocols) => (protocols.has(CABLE_PROTOCOL) ? CABLE_PROTOCOL : false),
    });
    this._pingTimer = setInterval(() => this._ping(), _opts.pingIntervalMs);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    const refusal = path === '/cable' ? this._upgradeRefusal : 404;
    if (refusal !== null) {
      socket.end(`HTTP/1.1 ${refusal} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    this._wss.handleUpgrade(req, socket, head, (ws) => this._onConnection(ws));
  }

  private _onConnection(ws: WebSocket): void {
    const state: SocketState = { id: ++this._nextSocketId, ws, subscriptions: new Map() };
    this._sockets.set(state.id, state);
    this._log.record({ kind: 'socket_opened', socketId: state.id, protocol: ws.protocol });
    ws.on('message', (data) => this._onFrame(state, data));
    ws.on('close', (code) => {
      for (const sub of state.subscriptions.values()) if (sub) this._unstream(sub);
      this._sockets.delete(state.id);
      this._log.record({ kind: 'socket_closed', socketId: state.id, code });
    });
    ws.on('error', () => undefined); // a reset socket also emits close, which does the cleanup
    ws.send(JSON.stringify({ type: 'welcome' }));
  }

  private _ping(): void {
    if (this._pingsPaused) {
      // Recorded so a stale-connection test can wait for skipped beats instead of sleeping.
      if (this._sockets.size > 0) this._log.record({ kind: 'ping', sockets: 0, paused: true });
      return;
    }
    const frame = JSON.stringify({ type: 'ping', message: Math.floor(Date.now() / 1000) });
    let n = 0;
    for (const s of this._sockets.values()) {
      if (s.ws.readyState === WebSocket.OPEN) {
        s.ws.send(frame);
        n++;
      }
    }
    if (n > 0) this._log.record({ kind: 'ping', sockets: n, paused: false });
  }

  private _onFrame(state: SocketState, data: RawData): void {
    let frame: { command?: unknown; identifier?: unknown; data?: unknown };
    try {
      frame = JSON.parse(data.toString()) as typeof frame;
    } catch {
      return; // Rails logs and drops unparsable frames
    }
    if (typeof frame.command !== 'string' || typeof frame.identifier !== 'string') return;
    this._log.record({ kind: 'command', socketId: state.id, command: frame.command, identifier: frame.identifier });
    if (frame.command === 'subscribe') this._subscribe(state, frame.identifier);
    else if (frame.command === 'unsubscribe') this._unsubscribe(state, frame.identifier);
    else if (frame.command === 'message' && typeof frame.data === 'string') this._perform(state, frame.identifier, frame.data);
  }

  private _subscribe(state: SocketState, identifier: string): void {
    // Rails: actioncable/lib/action_cable/connection/subscriptions.rb `add` returns early for an
    // identifier it already holds, confirmed or not: a repeat is silently ignored.
    if (state.subscriptions.has(identifier)) return;
    let params: IdentifierParams;
    try {
      params = JSON.parse(identifier) as IdentifierParams;
    } catch {
      return;
    }
    const refuse = (reason: string): void => {
      this._log.record({ kind: 'subscription_refused', socketId: state.id, identifier, reason });
      if (this._opts.rejectBadSubscriptions) {
        state.ws.send(JSON.stringify({ identifier, type: 'reject_subscription' }));
      } else {
        state.subscriptions.set(identifier, null);
      }
    };
    if (params.channel !== 'RoomChannel') return refuse('unknown channel');
    // Rails' find accepts "1" as well as 1, so coerce like it does.
    const userId = Number(params.user_id);
    const accountId = Number(params.account_id);
    const token = typeof params.pubsub_token === 'string' ? params.pubsub_token : '';
    if (params.user_id === undefined) return refuse('no user_id: treated as a contact token');
    const user = this._store.userByPubsub(token, userId);
    if (!user) return refuse('no user with this pubsub_token and user_id');
    if (accountId !== this._store.account.id) return refuse('user is not a member of this account');
    const sub: Subscription = { socket: state, identifier, token, userId, accountId, streams: [token, accountStream(accountId)], confirmed: false };
    state.subscriptions.set(identifier, sub);
    const delay = this._confirmDelay;
    if (delay === 'hold') this._heldConfirms.add(sub);
    else if (delay > 0) {
      const timer = setTimeout(() => {
        this._confirmTimers.delete(timer);
        this._confirm(sub);
      }, delay);
      this._confirmTimers.add(timer);
    } else this._confirm(sub);
  }

  /** The pub/sub acknowledged: stream, confirm. Skipped if the client unsubscribed or left meanwhile. */
  private _confirm(sub: Subscription): void {
    const state = sub.socket;
    if (sub.confirmed || state.subscriptions.get(sub.identifier) !== sub || state.ws.readyState !== WebSocket.OPEN) return;
    sub.confirmed = true;
    for (const stream of sub.streams) {
      let set = this._streams.get(stream);
      if (!set) this._streams.set(stream, (set = new Set()));
      set.add(sub);
    }
    state.ws.send(JSON.stringify({ identifier: sub.identifier, type: 'confirm_subscription' }));
    this._log.record({ kind: 'subscribed', socketId: state.id, userId: sub.userId, accountId: sub.accountId, identifier: sub.identifier });
    // Subscribing counts as a heartbeat and answers with presence.update, like update_presence.
    // Chatwoot: app/channels/room_channel.rb (subscribed)
    this._heartbeat(sub, 'subscribe');
  }

  private _unsubscribe(state: SocketState, identifier: string): void {
    const sub = state.subscriptions.get(identifier);
    if (sub === undefined) return;
    state.subscriptions.delete(identifier);
    if (sub) {
      this._heldConfirms.delete(sub);
      this._unstream(sub);
    }
    this._log.record({ kind: 'unsubscribed', socketId: state.id, identifier });
  }

  private _unstream(sub: Subscription): void {
    for (const stream of sub.streams) this._streams.get(stream)?.delete(sub);
  }

  private _perform(state: SocketState, identifier: string, data: string): void {
    const sub = state.subscriptions.get(identifier);
    if (!sub) return; // "Unable to find subscription": logged by Rails, nothing sent
    let action: unknown;
    try {
      action = (JSON.parse(data) as { action?: unknown }).action;
    } catch {
      return;
    }
    if (action === 'update_presence') this._heartbeat(sub, 'update_presence');
  }

  private _heartbeat(sub: Subscription, via: 'subscribe' | 'update_presence'): void {
    // current_user is looked up again on every action: a rotated token stops working here.
    const user = this._store.userByPubsub(sub.token, sub.userId);
    if (!user) return;
    this._log.record({ kind: 'heartbeat', userId: user.id, accountId: sub.accountId, at: Date.now(), via });
    this._actions().heartbeat(user, sub.accountId, sub.token);
  }

  broadcast(streams: Iterable<string>, message: CableMessage): void {
    const names = [...new Set(streams)];
    const targets = new Set<Subscription>();
    for (const name of names) for (const sub of this._streams.get(name) ?? []) targets.add(sub);
    let deliveries = 0;
    for (const sub of targets) {
      if (sub.socket.ws.readyState !== WebSocket.OPEN) continue;
      sub.socket.ws.send(JSON.stringify({ identifier: sub.identifier, message }));
      deliveries++;
    }
    this._log.record({ kind: 'broadcast', event: message.event, streams: names, deliveries });
  }

  private _socketsFor(token?: string): SocketState[] {
    const all = [...this._sockets.values()];
    if (token === undefined) return all;
    return all.filter((s) => [...s.subscriptions.values()].some((sub) => sub?.token === token));
  }

  /** Sends a frame exactly as given (string) or JSON-encoded, to sockets subscribed with `token` or to all. */
  sendRaw(frame: string | object, token?: string): number {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    const targets = this._socketsFor(token).filter((s) => s.ws.readyState === WebSocket.OPEN);
    for (const s of targets) s.ws.send(text);
    return targets.length;
  }

  /** closeFrame=false destroys the TCP socket (the client sees 1006), like a dead network. */
  dropSockets(closeFrame: boolean, code = 1001): number {
    const all = [...this._sockets.values()];
    for (const s of all) {
      if (closeFrame) s.ws.close(code);
      else s.ws.terminate();
    }
    return all.length;
  }

  /** ActionCable's server-initiated close: a disconnect frame, then the close handshake. */
  disconnect(reason: 'unauthorized' | 'server_restart' | 'invalid_request' | 'remote', reconnect: boolean, token?: string): number {
    const targets = this._socketsFor(token);
    for (const s of targets) {
      if (s.ws.readyState !== WebSocket.OPEN) continue;
      s.ws.send(JSON.stringify({ type: 'disconnect', reason, reconnect }));
      s.ws.close();
    }
    return targets.length;
  }

  setPingsPaused(paused: boolean): void {
    this._pingsPaused = paused;
  }

  /**
   * Delays every later confirm_subscription by `ms`, or withholds them ('hold') until
   * releaseConfirms(). 0 confirms at once, as an idle server does.
   */
  setConfirmDelay(delay: number | 'hold'): void {
    this._confirmDelay = delay === 'hold' ? 'hold' : Math.max(0, delay);
  }

  /** Sends every withheld confirmation now; returns how many were still wanted. */
  releaseConfirms(): number {
    const held = [...this._heldConfirms];
    this._heldConfirms.clear();
    let n = 0;
    for (const sub of held) {
      if (sub.socket.subscriptions.get(sub.identifier) === sub && sub.socket.ws.readyState === WebSocket.OPEN) n++;
      this._confirm(sub);
    }
    return n;
  }

  /** Make /cable upgrades fail with this HTTP status (a proxy that does not pass websockets), or null to allow. */
  refuseUpgrades(status: number | null): void {
    this._upgradeRefusal = status;
  }

  connectedSockets(): number {
    return this._sockets.size;
  }

  subscriptionsOf(userId: number): number {
    let n = 0;
    for (const s of this._sockets.values()) for (const sub of s.subscriptions.values()) if (sub?.confirmed && sub.userId === userId) n++;
    return n;
  }

  close(): void {
    if (this._pingTimer) clearInterval(this._pingTimer);
    this._pingTimer = undefined;
    for (const timer of this._confirmTimers) clearTimeout(timer);
    this._confirmTimers.clear();
    this._heldConfirms.clear();
    for (const s of this._sockets.values()) s.ws.terminate();
    this._wss.close();
  }
}
