import * as assert from 'node:assert/strict';
import { SocketConnection, SocketCloseCause } from '../../../src/cable/socketConnection';
import { FakeClock } from '../../helpers/fakeClock';
import { fakeSocketFactory } from '../../helpers/fakeSocket';
import { CapturingLogger } from '../../helpers/logs';

suite('cable/socketConnection', () => {
  let clock: FakeClock;
  let logger: CapturingLogger;
  let sockets: ReturnType<typeof fakeSocketFactory>;
  let connection: SocketConnection;
  let closes: SocketCloseCause[];

  setup(() => {
    clock = new FakeClock();
    logger = new CapturingLogger();
    sockets = fakeSocketFactory();
    connection = new SocketConnection({
      url: 'ws://example.test/cable',
      origin: 'http://example.test',
      clock,
      logger,
      socketFactory: sockets.factory,
      staleAfterMs: 6000,
    });
    closes = [];
    connection.onDidClose((c) => closes.push(c));
  });

  teardown(() => connection.dispose());

  test('offers both ActionCable subprotocols and the Origin', () => {
    assert.deepEqual([...sockets.sockets[0].options.protocols], ['actioncable-v1-json', 'actioncable-unsupported']);
    assert.equal(sockets.sockets[0].options.origin, 'http://example.test');
  });

  test('6 s without any frame is stale; the socket is closed', () => {
    const socket = sockets.sockets[0];
    socket.open();
    clock.advance(5999);
    assert.deepEqual(closes, []);
    clock.advance(1);
    assert.deepEqual(closes, [{ kind: 'stale', silentForMs: 6000 }]);
    assert.ok(socket.closedByClient);
  });

  test('every ping pushes the deadline back', () => {
    const socket = sockets.sockets[0];
    socket.open();
    for (let i = 0; i < 5; i++) {
      clock.advance(5000);
      socket.receive({ type: 'ping', message: i });
    }
    assert.equal(closes.length, 0);
    clock.advance(6000);
    assert.deepEqual(closes.map((c) => c.kind), ['stale']);
  });

  test('stale exactly 6 s after the last frame, however the frames fell in the window', () => {
    const socket = sockets.sockets[0];
    socket.open();
    clock.advance(1000);
    socket.receive({ type: 'ping', message: 1 });
    clock.advance(4500);
    socket.receive({ type: 'ping', message: 2 });
    clock.advance(5999);
    assert.deepEqual(closes, []);
    clock.advance(1);
    assert.deepEqual(closes, [{ kind: 'stale', silentForMs: 6000 }]);
  });

  test('a frame schedules no timer (a burst costs only the one deadline)', () => {
    const socket = sockets.sockets[0];
    socket.open();
    let scheduled = 0;
    const setTimeout = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, ms) => {
      scheduled++;
      return setTimeout(fn, ms);
    };
    for (let i = 0; i < 100; i++) socket.receive({ type: 'ping', message: i });
    assert.equal(scheduled, 0);
    assert.equal(clock.pendingTimers, 1);
  });

  test('any frame counts as life, even a malformed one', () => {
    const socket = sockets.sockets[0];
    socket.open();
    clock.advance(5000);
    socket.receive('garbage');
    clock.advance(5000);
    assert.deepEqual(closes, []);
  });

  test('a hanging handshake also times out', () => {
    clock.advance(6000);
    assert.equal(closes[0]?.kind, 'stale');
  });

  test('disconnect ends the connection with its reconnect flag (absent means true)', () => {
    sockets.sockets[0].open();
    sockets.sockets[0].receive({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
    assert.deepEqual(closes, [{ kind: 'disconnect', reason: 'unauthorized', reconnect: false }]);
  });

  test('a disconnect without reconnect flag allows reconnecting', () => {
    sockets.sockets[0].receive({ type: 'disconnect', reason: 'server_restart' });
    assert.deepEqual(closes, [{ kind: 'disconnect', reason: 'server_restart', reconnect: true }]);
  });

  test('the unsupported subprotocol ends the connection', () => {
    sockets.sockets[0].open('actioncable-unsupported');
    assert.deepEqual(closes, [{ kind: 'unsupported-protocol' }]);
  });

  test('control and data frames are dispatched; pings are not', () => {
    const control: string[] = [];
    const data: unknown[] = [];
    connection.onDidReceiveControl((f) => control.push(f.type));
    connection.onDidReceiveData((f) => data.push(f.message));
    const socket = sockets.sockets[0];
    socket.receive({ type: 'welcome' });
    socket.receive({ type: 'ping', message: 1 });
    socket.receive({ identifier: 'x', type: 'confirm_subscription' });
    socket.receive({ identifier: 'x', message: { event: 'e' } });
    assert.deepEqual(control, ['welcome', 'confirm_subscription']);
    assert.deepEqual(data, [{ event: 'e' }]);
  });

  test('malformed frames are logged at warn with the issue path and dropped, never the token', () => {
    const data: unknown[] = [];
    connection.onDidReceiveData((f) => data.push(f));
    const socket = sockets.sockets[0];
    socket.receive('{"type":"confirm_subscription","identifier":{"pubsub_token":"secret-pubsub-token"}}');
    socket.receive('{not json "pubsub_token":"secret-pubsub-token"');
    socket.receive('{"identifier":42,"message":{"pubsub_token":"secret-pubsub-token"}}');
    assert.deepEqual(data, []);
    const warnings = logger.at('warn');
    assert.equal(warnings.length, 3);
    assert.match(warnings[0], /identifier/);
    assert.match(warnings[2], /identifier/);
    assert.ok(!logger.all.includes('secret-pubsub-token'));
  });

  test('a socket close is reported once; disposing reports nothing', () => {
    sockets.sockets[0].serverClose(1006, 'gone');
    sockets.sockets[0].serverClose(1006, 'again');
    assert.equal(closes.length, 1);
    assert.equal(closes[0].kind, 'socket');
    connection.dispose();
    assert.equal(closes.length, 1);
    assert.equal(clock.pendingTimers, 0);
  });
});
