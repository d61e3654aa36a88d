import * as assert from 'node:assert/strict';
import { CableAuthError, CableConsumer, IdentifierRequestReason } from '../../../src/cable/consumer';
import { CableState } from '../../../src/cable/consumerState';
import { createWsSocketFactory, SocketFactory } from '../../../src/cable/socket';
import { TestCableServer } from '../../helpers/cableServer';
import { FakeClock } from '../../helpers/fakeClock';
import { fakeSocketFactory, FakeSocket, sentCommand } from '../../helpers/fakeSocket';
import { CapturingLogger } from '../../helpers/logs';
import { nextEvent, Recorder, within } from '../../helpers/wait';

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

  test('a confirmation 25 s late still ends connected: subscribe re-sent with doubling delays, no auth error', async () => {
    server.defaultBehaviour = 'ignore';
    // This server doesn't ping; keep the liveness deadline out of the way (it has its own tests).
    start(['pubsub-token-1'], 600_000);
    const connection = await server.connection(1);
    await connection.waitFor('first subscribe', (c) => c.command === 'subscribe');
    // Re-sends due 0.5, 1.5, 3.5, 7.5 and 15.5 s after the first subscribe (0.5 s doubling).
    let elapsed = 0;
    for (const [n, at] of [[2, 500], [3, 1_500], [4, 3_500], [5, 7_500], [6, 15_500]] as const) {
      h.clock.advance(at - 1 - elapsed);
      assert.equal(connection.received.filter((c) => c.command === 'subscribe').length, n - 1, `nothing before ${at} ms`);
      h.clock.advance(1);
      elapsed = at;
      await connection.waitFor(`subscribe #${n} at ${at} ms`, (c) => c.command === 'subscribe', n);
    }
    h.clock.advance(25_000 - elapsed);
    assert.equal(h.consumer.state.kind, 'awaiting-confirmation');
    assert.deepEqual(h.requests, ['connect', 'subscription-unconfirmed'], 'one credentials refresh, after 10 s');

    const connected = nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    connection.send({ identifier: identifierFor('pubsub-token-1'), type: 'confirm_subscription' });
    await connected;
    // A perform is sent after every subscribe, and a socket keeps order: once it arrived, all did.
    assert.ok(h.consumer.perform({ action: 'update_presence' }));
    await connection.waitFor('message', (c) => c.command === 'message');
    assert.deepEqual(
      connection.received.map((c) => c.command),
      ['subscribe', 'subscribe', 'subscribe', 'subscribe', 'subscribe', 'subscribe', 'message'],
      'the same identifier re-sent, never unsubscribed',
    );
    assert.deepEqual(
      h.states.events.map((s) => s.kind),
      ['connecting', 'awaiting-confirmation', 'connected'],
    );
    assert.equal(h.clock.pendingTimers, 1, 'only the liveness deadline: no re-send or patience timer left');
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

  test('disconnect with reason unauthorized but no reconnect flag, while awaiting the confirmation → auth error', async () => {
    server.defaultBehaviour = 'ignore';
    start(undefined, 600_000);
    const connection = await server.connection(1);
    await connection.waitFor('subscribe', (c) => c.command === 'subscribe');
    h.clock.advance(500);
    assert.equal(h.consumer.state.kind, 'awaiting-confirmation');
    const authError = nextEvent(h.consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    connection.send({ type: 'disconnect', reason: 'unauthorized' });
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'server-refused', detail: 'unauthorized' });
    await connection.closed;
    assert.equal(h.clock.pendingTimers, 0);
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

  test('a frame over the size cap: one reconnect, reported as reconnected, and the next socket works', async () => {
    h = harness({ url: `ws://127.0.0.1:${server.port}/cable`, socketFactory: createWsSocketFactory({ maxPayloadBytes: 64 * 1024 }) });
    const connects = new Recorder(h.consumer.onDidConnect);
    h.consumer.start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const first = await server.connection(1);
    const reconnecting = nextEvent(h.consumer.onDidChangeState, 'reconnecting', isKind('reconnecting'));
    first.broadcast(identifierFor('pubsub-token-1'), { event: 'message.created', data: { content: 'x'.repeat(65 * 1024) } });
    const waiting = await reconnecting;
    assert.equal(waiting.cause, 'a frame over the size limit');
    assert.ok(h.logger.at('warn').some((w) => w.includes('size limit')));
    await first.closed;

    const connected = nextEvent(h.consumer.onDidChangeState, 'connected again', isKind('connected'));
    h.clock.advance(waiting.delayMs);
    await connected;
    const second = await server.connection(2);
    const received = nextEvent(h.consumer.onDidReceive, 'a frame under the cap');
    second.broadcast(identifierFor('pubsub-token-1'), { event: 'message.created', data: { content: 'y'.repeat(60 * 1024) } });
    assert.equal(((await received) as { data: { content: string } }).data.content.length, 60 * 1024);
    assert.deepEqual(connects.events, [{ reconnected: false }, { reconnected: true }]);
    assert.equal(h.consumer.state.kind, 'connected');
    assert.equal(server.connections.length, 2);
  });

  test('a 5 MB frame is delivered whole under the default cap', async function () {
    this.timeout(30_000); // five megabytes over loopback on a possibly loaded machine
    start();
    await nextEvent(h.consumer.onDidChangeState, 'connected', isKind('connected'));
    const connection = await server.connection(1);
    // Not nextEvent: its 2 s safety net is too tight for 5 MB on a loaded machine.
    const received = within(new Promise<unknown>((resolve) => h.consumer.onDidReceive(resolve)), 'the 5 MB frame', 25_000);
    const content = 'z'.repeat(5 * 1024 * 1024);
    connection.broadcast(identifierFor('pubsub-token-1'), { event: 'message.created', data: { content } });
    assert.equal(((await received) as { data: { content: string } }).data.content, content);
    assert.equal(h.consumer.state.kind, 'connected');
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

suite('cable/consumer waiting for a late confirmation', () => {
  let h: Harness;
  let sockets: FakeSocket[];

  function create(options: Omit<HarnessOptions, 'url' | 'socketFactory'> = {}): void {
    const fake = fakeSocketFactory();
    sockets = fake.sockets;
    // Liveness has its own tests; here the fake server never pings.
    h = harness({ url: 'ws://example.test/cable', socketFactory: fake.factory, staleAfterMs: 3_600_000, ...options });
  }

  teardown(() => h.consumer.dispose());

  /** Opens the latest socket, welcomes, and resolves once the first subscribe went out. */
  async function welcomeLatest(): Promise<FakeSocket> {
    const socket = sockets[sockets.length - 1];
    socket.open();
    socket.receive({ type: 'welcome' });
    await sentCommand(socket, 'subscribe', (c) => c.command === 'subscribe');
    return socket;
  }

  /** Every command the socket sent, with the fake time it was sent at (relative to `t0`). */
  function record(socket: FakeSocket, t0: number): Array<{ at: number; command: string; token: string }> {
    const log: Array<{ at: number; command: string; token: string }> = [];
    socket.onDidSend((text) => {
      const c = JSON.parse(text) as { command: string; identifier: string };
      log.push({ at: h.clock.now() - t0, command: c.command, token: (JSON.parse(c.identifier) as { pubsub_token: string }).pubsub_token });
    });
    return log;
  }

  test('re-sends subscribe at 0.5, 1.5, 3.5, 7.5, 15.5 s, then every 15 s; refreshes credentials after 10 s, then 20 s later', async () => {
    create();
    h.consumer.start();
    const socket = await welcomeLatest();
    const t0 = h.clock.now();
    const sent = record(socket, t0);
    const refreshedAt: number[] = [];
    const requestsBefore = h.requests.length;
    for (let t = 0; t < 59_000; t += 100) {
      h.clock.advance(100);
      // Let each refresh's promise settle, as real time would between ticks.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (h.requests.length > requestsBefore + refreshedAt.length) refreshedAt.push(h.clock.now() - t0);
    }
    assert.deepEqual(
      sent.map((c) => c.at),
      [500, 1_500, 3_500, 7_500, 15_500, 30_500, 45_500],
    );
    assert.ok(sent.every((c) => c.command === 'subscribe' && c.token === 'pubsub-token-1'));
    assert.deepEqual(refreshedAt, [15_500, 45_500], 'the first re-send after 10 s, then the first after 20 s more');
    assert.deepEqual(h.requests, ['connect', 'subscription-unconfirmed', 'subscription-unconfirmed']);
    const state = stateOf(h.consumer);
    assert.ok(state.kind === 'awaiting-confirmation', `expected awaiting-confirmation, got ${state.kind}`);
    assert.deepEqual(state, { kind: 'awaiting-confirmation', attempt: 0, since: t0 });
    assert.deepEqual(
      h.states.events.map((s) => s.kind),
      ['connecting', 'awaiting-confirmation'],
      'entered once, no auth error',
    );
  });

  test('a fast confirmation never shows the waiting state', async () => {
    create();
    h.consumer.start();
    const socket = await welcomeLatest();
    h.clock.advance(499);
    socket.receive({ identifier: identifierFor('pubsub-token-1'), type: 'confirm_subscription' });
    assert.deepEqual(
      h.states.events.map((s) => s.kind),
      ['connecting', 'connected'],
    );
    assert.equal(h.clock.pendingTimers, 1, 'the liveness deadline only');
  });

  test('a pubsub token rotated meanwhile: the refresh unsubscribes the old identifier and subscribes the new one', async () => {
    create({ tokens: ['old-token', 'rotated-token'] });
    h.consumer.start();
    const socket = await welcomeLatest();
    const sent = record(socket, h.clock.now());
    h.clock.advance(15_500);
    await sentCommand(socket, 'the new subscribe', (c) => c.command === 'subscribe' && c.identifier === identifierFor('rotated-token'));
    assert.deepEqual(
      sent.map((c) => `${c.command} ${c.token}`),
      ['subscribe old-token', 'subscribe old-token', 'subscribe old-token', 'subscribe old-token', 'subscribe old-token', 'unsubscribe old-token', 'subscribe rotated-token'],
    );
    // The new identifier starts its own rhythm at 0.5 s.
    h.clock.advance(500);
    assert.equal(sent.at(-1)?.token, 'rotated-token');
    assert.equal(sent.length, 8);
    socket.receive({ identifier: identifierFor('old-token'), type: 'confirm_subscription' });
    assert.equal(h.consumer.state.kind, 'awaiting-confirmation', 'a confirmation for the abandoned identifier does not count');
    socket.receive({ identifier: identifierFor('rotated-token'), type: 'confirm_subscription' });
    assert.equal(h.consumer.state.kind, 'connected');
  });

  test('a 401 while refreshing is an auth error; a transient failure keeps waiting', async () => {
    let call = 0;
    create({
      provider: async () => {
        call++;
        if (call === 2) throw new Error('ECONNRESET');
        if (call === 3) throw new CableAuthError('Invalid Access Token');
        return identifierFor('pubsub-token-1');
      },
    });
    h.consumer.start();
    const socket = await welcomeLatest();
    h.clock.advance(15_500);
    // The provider's rejection is handled in promise continuations; setImmediate runs after all of them.
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.ok(h.logger.at('warn').some((w) => w.includes('ECONNRESET')));
    assert.equal(h.consumer.state.kind, 'awaiting-confirmation', 'a network error while refreshing is no verdict');
    assert.equal(socket.closedByClient, false);
    const authError = nextEvent(h.consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    h.clock.advance(30_000);
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'credentials-rejected', detail: 'Invalid Access Token' });
    assert.ok(socket.closedByClient);
    assert.equal(h.clock.pendingTimers, 0);
  });

  test('after a minute unconfirmed on one socket, a fresh socket; the next one is given two minutes', async () => {
    create();
    h.consumer.start();
    const first = await welcomeLatest();
    h.clock.advance(59_999);
    assert.equal(first.closedByClient, false);
    h.clock.queueRandom(0.999999);
    h.clock.advance(1);
    assert.ok(first.closedByClient);
    const state = stateOf(h.consumer);
    assert.ok(state.kind === 'reconnecting', `expected reconnecting, got ${state.kind}`);
    assert.equal(state.cause, 'no subscription confirmation for 60 s');
    assert.equal(state.attempt, 1);

    h.clock.advance(state.delayMs);
    assert.equal(sockets.length, 2);
    const second = await welcomeLatest();
    h.clock.advance(119_999);
    assert.equal(second.closedByClient, false, 'patience doubles per unconfirmed socket');
    second.receive({ identifier: identifierFor('pubsub-token-1'), type: 'confirm_subscription' });
    assert.equal(h.consumer.state.kind, 'connected');
    assert.ok(!h.states.events.some((s) => s.kind === 'auth-error'));
  });

  test('reject while waiting → fresh credentials, subscribe once more; a second reject → auth error', async () => {
    create({ tokens: ['stale', 'fresh'] });
    h.consumer.start();
    const socket = await welcomeLatest();
    h.clock.advance(2_000);
    assert.equal(h.consumer.state.kind, 'awaiting-confirmation');
    socket.receive({ identifier: identifierFor('stale'), type: 'reject_subscription' });
    await sentCommand(socket, 'subscribe with fresh', (c) => c.command === 'subscribe' && c.identifier === identifierFor('fresh'));
    const authError = nextEvent(h.consumer.onDidChangeState, 'auth error', isKind('auth-error'));
    socket.receive({ identifier: identifierFor('fresh'), type: 'reject_subscription' });
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'subscription-rejected' });
    assert.deepEqual(h.requests, ['connect', 'subscription-rejected']);
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
