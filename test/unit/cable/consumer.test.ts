import * as assert from 'node:assert/strict';
import { CableAuthError, CableConsumer, IdentifierRequestReason } from '../../../src/cable/consumer';
import { SocketFactory } from '../../../src/cable/socket';
import { CableState } from '../../../src/cable/state';
import { TestCableServer } from '../helpers/cableServer';
import { FakeClock } from '../helpers/fakeClock';
import { fakeSocketFactory, FakeSocket, sentCommand } from '../helpers/fakeSocket';
import { CapturingLogger } from '../helpers/logs';
import { nextEvent, Recorder } from '../helpers/wait';

function identifierFor(token: string): string {
  return JSON.stringify({ channel: 'RoomChannel', pubsub_token: token, account_id: 1, user_id: 7 });
}

interface Harness {
  readonly consumer: CableConsumer;
  readonly clock: FakeClock;
  readonly logger: CapturingLogger;
  /** Why the identifier was requested, in order. */
  readonly requests: IdentifierRequestReason[];
  readonly states: Recorder<CableState>;
}

interface HarnessOptions {
  readonly url: string;
  readonly socketFactory?: SocketFactory;
  /** Token per identifier request (the last one repeats). */
  readonly tokens?: string[];
  readonly provider?: (reason: IdentifierRequestReason) => Promise<string>;
  readonly staleAfterMs?: number;
}

function harness(options: HarnessOptions): Harness {
  const clock = new FakeClock();
  const logger = new CapturingLogger();
  const requests: IdentifierRequestReason[] = [];
  const tokens = options.tokens ?? ['pubsub-token-1'];
  const consumer = new CableConsumer({
    url: options.url,
    origin: 'http://127.0.0.1',
    clock,
    logger,
    socketFactory: options.socketFactory,
    staleAfterMs: options.staleAfterMs,
    identifier:
      options.provider ??
      (async (reason) => {
        requests.push(reason);
        return identifierFor(tokens[Math.min(requests.length, tokens.length) - 1]);
      }),
  });
  return { consumer, clock, logger, requests, states: new Recorder(consumer.onDidChangeState) };
}

/** Reads the state afresh (TypeScript would otherwise keep an earlier narrowing of `consumer.state`). */
function stateOf(consumer: CableConsumer): CableState {
  return consumer.state;
}

const isKind =
  <K extends CableState['kind']>(kind: K) =>
  (s: CableState): s is Extract<CableState, { kind: K }> =>
    s.kind === kind;

suite('cable/consumer against a WebSocket server', () => {
  let server: TestCableServer;
  let h: Harness;

  setup(async () => {
    server = await TestCableServer.start();
  });

  teardown(async () => {
    h?.consumer.dispose();
    await server.close();
  });

  function start(tokens?: string[], staleAfterMs?: number): Harness {
    h = harness({ url: `ws://127.0.0.1:${server.port}/cable`, tokens, staleAfterMs });
    h.consumer.start();
    return h;
  }

  test('offers both subprotocols and sends the Origin header', async () => {
    start();
    const connection = await server.connection(1);
    const offered = String(connection.request.headers['sec-websocket-protocol']).split(',').map((p) => p.trim());
    assert.deepEqual(offered, ['actioncable-v1-json', 'actioncable-unsupported']);
    assert.equal(connection.request.headers.origin, 'http://127.0.0.1');
    assert.equal(connection.protocol, 'actioncable-v1-json');
  });

  test('welcome → subscribe with the identifier exactly; confirm → connected', async () => {
    const connected = nextEvent(start().consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    const subscribe = await connection.waitFor('subscribe', (c) => c.command === 'subscribe');
    assert.equal(
      subscribe.identifier,
      '{"channel":"RoomChannel","pubsub_token":"pubsub-token-1","account_id":1,"user_id":7}',
    );
    await connected;
    assert.deepEqual(
      h.states.events.map((s) => s.kind),
      ['connecting', 'connected'],
    );
    assert.deepEqual(h.requests, ['connect']);
  });

  test('no confirmation within 10 s → refetch, unsubscribe, resubscribe once → auth error, no reconnect', async () => {
    server.defaultBehaviour = 'ignore';
    // This server doesn't ping; keep the liveness deadline out of the way (it has its own tests).
    start(['old-token', 'rotated-token'], 60_000);
    const connection = await server.connection(1);
    await connection.waitFor('first subscribe', (c) => c.command === 'subscribe');
    h.clock.advance(9_999);
    assert.deepEqual(h.requests, ['connect']);
    h.clock.advance(1);
    const second = await connection.waitFor('second subscribe', (c) => c.command === 'subscribe', 2);
    assert.equal(second.identifier, identifierFor('rotated-token'));
    assert.deepEqual(h.requests, ['connect', 'subscription-unconfirmed']);
    assert.deepEqual(
      connection.received.map((c) => c.command),
      ['subscribe', 'unsubscribe', 'subscribe'],
    );
    assert.equal(connection.received[1].identifier, identifierFor('old-token'));

    const authError = nextEvent(h.consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    h.clock.advance(10_000);
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'subscription-unconfirmed' });
    await connection.closed;
    assert.equal(h.clock.pendingTimers, 0, 'no retry is scheduled');
    h.consumer.retryNow();
    h.clock.advance(120_000);
    assert.equal(server.connections.length, 1);
    assert.equal(h.consumer.state.kind, 'auth-error');
  });

  test('reject → refetch and resubscribe once → auth error', async () => {
    server.subscribeScript.push('reject', 'reject');
    const authError = nextEvent(start().consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'subscription-rejected' });
    assert.deepEqual(h.requests, ['connect', 'subscription-rejected']);
    const connection = await server.connection(1);
    assert.deepEqual(
      connection.received.map((c) => c.command),
      ['subscribe', 'subscribe'],
    );
    await connection.closed;
    assert.equal(h.clock.pendingTimers, 0);
  });

  test('reject, then confirm after the token rotated → connected', async () => {
    server.subscribeScript.push('reject', 'confirm');
    const connected = nextEvent(start(['stale', 'fresh']).consumer.onDidChangeState, 'connected', isKind('connected'));
    await connected;
    const connection = await server.connection(1);
    assert.equal(connection.received[1].identifier, identifierFor('fresh'));
  });

  test('6 s of silence → stale → reconnect with a refetched profile → resync', async () => {
    const connects = new Recorder(start().consumer.onDidConnect);
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const first = await server.connection(1);

    h.clock.advance(5_999);
    assert.equal(h.consumer.state.kind, 'connected');
    h.clock.advance(1);
    const state = stateOf(h.consumer);
    assert.ok(state.kind === 'reconnecting', `expected reconnecting, got ${state.kind}`);
    assert.match(state.cause, /no frame for 6000 ms/);
    assert.ok(state.delayMs < 1000, 'the first retry comes quickly');
    assert.equal(state.nextRetryAt, h.clock.now() + state.delayMs);
    await first.closed;

    const reconnected = nextEvent(h.consumer.onDidChangeState, 'connected again', isKind('connected'));
    h.clock.advance(state.delayMs);
    await reconnected;
    assert.equal(server.connections.length, 2);
    assert.deepEqual(h.requests, ['connect', 'connect'], 'the profile is refetched on every reconnect');
    assert.deepEqual(connects.events, [{ reconnected: false }, { reconnected: true }]);
  });

  test('disconnect with reconnect:false → auth error, and no reconnect loop', async () => {
    start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    const authError = nextEvent(h.consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    connection.send({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'server-refused', detail: 'unauthorized' });
    assert.equal(h.clock.pendingTimers, 0);
    h.consumer.retryNow();
    h.clock.advance(300_000);
    assert.equal(server.connections.length, 1);
  });

  test('disconnect with reconnect:true (server restart) → reconnecting', async () => {
    start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    const reconnecting = nextEvent(h.consumer.onDidChangeState, 'reconnecting', isKind('reconnecting'));
    connection.send({ type: 'disconnect', reason: 'server_restart', reconnect: true });
    const state = await reconnecting;
    assert.equal(state.attempt, 1);
    assert.match(state.cause, /server_restart/);
  });

  test('an abrupt server close → reconnecting', async () => {
    start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    const reconnecting = nextEvent(h.consumer.onDidChangeState, 'reconnecting', isKind('reconnecting'));
    connection.socket.terminate();
    assert.equal((await reconnecting).attempt, 1);
  });

  test('a refused subprotocol stops without retrying', async () => {
    await server.close();
    server = await TestCableServer.start({ selectProtocol: () => 'actioncable-unsupported' });
    const stopped = nextEvent(start().consumer.onDidChangeState, 'stopped', isKind('stopped'));
    assert.deepEqual(await stopped, { kind: 'stopped', reason: 'unsupported-protocol' });
    assert.equal(h.clock.pendingTimers, 0);
  });

  test('perform sends a message command only while connected', async () => {
    start();
    assert.equal(h.consumer.perform({ action: 'update_presence' }), false);
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    assert.equal(h.consumer.perform({ action: 'update_presence' }), true);
    const connection = await server.connection(1);
    const message = await connection.waitFor('message', (c) => c.command === 'message');
    assert.equal(message.identifier, identifierFor('pubsub-token-1'));
    assert.equal(message.data, '{"action":"update_presence"}');
  });

  test('only broadcasts for our identifier are delivered', async () => {
    start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    const received = nextEvent(h.consumer.onDidReceive, 'a broadcast');
    connection.broadcast(identifierFor('someone-else'), { event: 'wrong' });
    connection.broadcast(identifierFor('pubsub-token-1'), { event: 'right' });
    assert.deepEqual(await received, { event: 'right' });
  });

  test('dispose closes the socket and leaves no timer behind', async () => {
    start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    h.consumer.dispose();
    await connection.closed;
    assert.equal(h.clock.pendingTimers, 0);
  });
});

suite('cable/consumer backoff and recovery', () => {
  let h: Harness;
  let sockets: FakeSocket[];

  setup(() => {
    const fake = fakeSocketFactory();
    sockets = fake.sockets;
    h = harness({ url: 'ws://example.test/cable', socketFactory: fake.factory });
  });

  teardown(() => h.consumer.dispose());

  /** Plays a server that welcomes and confirms on the latest socket. */
  async function confirmLatest(): Promise<void> {
    const socket = sockets[sockets.length - 1];
    socket.open();
    socket.receive({ type: 'welcome' });
    const subscribe = await sentCommand(socket, 'subscribe', (c) => c.command === 'subscribe');
    socket.receive({ identifier: subscribe.identifier, type: 'confirm_subscription' });
    assert.equal(h.consumer.state.kind, 'connected');
  }

  function failLatest(): Extract<CableState, { kind: 'reconnecting' }> {
    sockets[sockets.length - 1].serverClose(1006, '');
    const state = stateOf(h.consumer);
    assert.ok(state.kind === 'reconnecting', `expected reconnecting, got ${state.kind}`);
    return state;
  }

  /** Keeps a confirmed connection alive across `ms` of fake time with pings every 3 s. */
  function stayConnected(ms: number): void {
    const socket = sockets[sockets.length - 1];
    for (let elapsed = 0; elapsed < ms; elapsed += 3000) {
      h.clock.advance(Math.min(3000, ms - elapsed));
      socket.receive({ type: 'ping', message: elapsed });
    }
    assert.equal(h.consumer.state.kind, 'connected');
  }

  test('full jitter from the injected random; bounds double up to a 30 s cap', () => {
    h.consumer.start();
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      h.clock.queueRandom(0.999999);
      const state = failLatest();
      assert.equal(state.attempt, i + 1);
      delays.push(state.delayMs);
      h.clock.advance(state.delayMs);
      assert.equal(h.consumer.state.kind, 'connecting');
    }
    assert.deepEqual(delays, [499, 999, 1999, 3999, 7999, 15999, 29999, 29999, 29999, 29999]);

    h.clock.queueRandom(0.25);
    assert.equal(failLatest().delayMs, 7500, 'a quarter of the capped bound');
  });

  test('the first retry is well under a second even at the top of the jitter', () => {
    h.consumer.start();
    h.clock.queueRandom(0.999999);
    assert.ok(failLatest().delayMs < 1000);
  });

  test('a connection that stayed healthy for a minute resets the backoff', async () => {
    h.consumer.start();
    for (let i = 0; i < 4; i++) {
      h.clock.advance(failLatest().delayMs);
    }
    await confirmLatest();
    stayConnected(60_000);
    h.clock.queueRandom(0.999999);
    const state = failLatest();
    assert.equal(state.attempt, 1);
    assert.equal(state.delayMs, 499);
  });

  test('a connection that dropped within the minute keeps backing off', async () => {
    h.consumer.start();
    for (let i = 0; i < 4; i++) {
      h.clock.advance(failLatest().delayMs);
    }
    await confirmLatest();
    stayConnected(30_000);
    assert.equal(failLatest().attempt, 5);
  });

  test('retryNow skips the wait, keeping the attempt count', () => {
    h.consumer.start();
    h.clock.queueRandom(0.999999);
    const waiting = failLatest();
    assert.ok(waiting.delayMs > 0);
    const before = sockets.length;
    h.consumer.retryNow();
    assert.deepEqual(h.consumer.state, { kind: 'connecting', attempt: waiting.attempt });
    assert.equal(sockets.length, before + 1);
    assert.equal(h.clock.pendingTimers, 1, 'only the new liveness deadline; the retry timer is gone');
  });

  test('retryNow while connected does nothing', async () => {
    h.consumer.start();
    await confirmLatest();
    h.consumer.retryNow();
    assert.equal(sockets.length, 1);
    assert.equal(h.consumer.state.kind, 'connected');
  });

  test('stop closes and stays down', async () => {
    h.consumer.start();
    await confirmLatest();
    h.consumer.stop();
    assert.deepEqual(h.consumer.state, { kind: 'stopped', reason: 'stopped' });
    assert.ok(sockets[0].closedByClient);
    assert.equal(h.clock.pendingTimers, 0);
  });
});

suite('cable/consumer credentials', () => {
  test('a CableAuthError from the provider is an auth error, not a retry', async () => {
    const fake = fakeSocketFactory();
    const h = harness({
      url: 'ws://example.test/cable',
      socketFactory: fake.factory,
      provider: () => Promise.reject(new CableAuthError('token revoked')),
    });
    const authError = nextEvent(h.consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    h.consumer.start();
    fake.sockets[0].open();
    fake.sockets[0].receive({ type: 'welcome' });
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'credentials-rejected', detail: 'token revoked' });
    assert.ok(fake.sockets[0].closedByClient);
    assert.equal(h.clock.pendingTimers, 0);
    h.consumer.dispose();
  });

  test('any other provider failure retries with backoff', async () => {
    const fake = fakeSocketFactory();
    const h = harness({
      url: 'ws://example.test/cable',
      socketFactory: fake.factory,
      provider: () => Promise.reject(new Error('ECONNRESET')),
    });
    const reconnecting = nextEvent(h.consumer.onDidChangeState, 'reconnecting', isKind('reconnecting'));
    h.consumer.start();
    fake.sockets[0].open();
    fake.sockets[0].receive({ type: 'welcome' });
    const state = await reconnecting;
    assert.equal(state.cause, 'credentials unavailable');
    assert.equal(state.attempt, 1);
    h.consumer.dispose();
  });
});
