import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { CableState } from '../../../src/cable/consumerState';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ChatwootEvent } from '../../../src/realtime/events';
import { INVALID_EVENT_REFETCH_MS, ResyncEvent, RoomChannel, RoomCredentials, roomChannelIdentifier } from '../../../src/realtime/roomChannel';
import { SEED_EVENT_NAMES, seedFrame } from '../../fixtures/seeds';
import { ServerConnection, TestCableServer } from '../../helpers/cableServer';
import { FakeClock } from '../../helpers/fakeClock';
import { CapturingLogger } from '../../helpers/logs';
import { nextEvent, Recorder } from '../../helpers/wait';

const TOKEN = 'pubsub-9f8e7d6c5b4a';
const CREDENTIALS: RoomCredentials = { pubsubToken: TOKEN, accountId: 1, userId: 1 };
const IDENTIFIER = `{"channel":"RoomChannel","pubsub_token":"${TOKEN}","account_id":1,"user_id":1}`;

const connected = (s: CableState) => s.kind === 'connected';

suite('realtime/roomChannel', () => {
  let server: TestCableServer;
  let clock: FakeClock;
  let logger: CapturingLogger;
  let channel: RoomChannel;
  let credentialCalls: number;

  setup(async () => {
    server = await TestCableServer.start();
    clock = new FakeClock();
    logger = new CapturingLogger();
    credentialCalls = 0;
  });

  teardown(async () => {
    channel?.dispose();
    await server.close();
  });

  function create(credentials: () => Promise<RoomCredentials> = async () => CREDENTIALS, log = logger): RoomChannel {
    channel = new RoomChannel({
      baseUrl: server.baseUrl,
      credentials: () => {
        credentialCalls++;
        return credentials();
      },
      clock,
      logger: log,
    });
    return channel;
  }

  async function connect(): Promise<ServerConnection> {
    const ready = nextEvent(channel.onDidChangeState, 'connected', connected);
    channel.start();
    await ready;
    return server.connection(server.connections.length);
  }

  /** Sends a sentinel event after `frames` and resolves once it arrives, so everything before it was handled. */
  async function deliver(connection: ServerConnection, ...messages: unknown[]): Promise<ChatwootEvent[]> {
    const events = new Recorder(channel.onDidReceiveEvent);
    const sentinel = nextEvent(channel.onDidReceiveEvent, 'sentinel', (e) => e.event === 'contact.deleted' && e.data.id === -1);
    for (const message of messages) connection.broadcast(IDENTIFIER, message);
    connection.broadcast(IDENTIFIER, { event: 'contact.deleted', data: { id: -1, account_id: 1 } });
    await sentinel;
    events.dispose();
    return events.events.slice(0, -1);
  }

  test('the identifier is built exactly as the seeds show', () => {
    assert.equal(
      roomChannelIdentifier({ pubsubToken: 'token', accountId: 1, userId: 1 }),
      '{"channel":"RoomChannel","pubsub_token":"token","account_id":1,"user_id":1}',
    );
  });

  test('subscribes to <baseUrl>/cable with that identifier', async () => {
    create();
    const connection = await connect();
    assert.equal(connection.request.url, '/cable');
    assert.equal(connection.request.headers.origin, server.baseUrl);
    assert.equal(connection.received[0].identifier, IDENTIFIER);
    assert.equal(channel.accountId, 1);
  });

  test('every seed sample arrives as a typed event (assignee.changed aside)', async () => {
    create();
    const connection = await connect();
    const names = SEED_EVENT_NAMES.filter((n) => n !== 'assignee.changed');
    const events = await deliver(connection, ...names.map((n) => seedFrame(n).message));
    assert.deepEqual(
      events.map((e) => e.event),
      names,
    );
  });

  test('assignee.changed with id null asks for a refetch instead of an event', async () => {
    create();
    const connection = await connect();
    const resyncs = new Recorder(channel.onDidResync);
    const events = await deliver(connection, seedFrame('assignee.changed').message);
    assert.deepEqual(events, []);
    assert.deepEqual(resyncs.events, [{ reason: 'unappliable-event', event: 'assignee.changed' }]);
    assert.equal(logger.at('warn').length, 0, 'a documented quirk is not a warning');
  });

  test('events of other accounts are dropped; events without account_id pass', async () => {
    create();
    const connection = await connect();
    const otherAccount = structuredClone(seedFrame('contact.updated').message) as { data: Record<string, unknown> };
    otherAccount.data.account_id = 2;
    const noAccount = structuredClone(seedFrame('contact.updated').message) as { data: Record<string, unknown> };
    delete noAccount.data.account_id;
    const events = await deliver(connection, otherAccount, noAccount);
    assert.equal(events.length, 1);
    assert.equal((events[0].data as { account_id?: number }).account_id, undefined);
  });

  test('malformed payloads are logged at warn with the zod path and dropped; the logger never sees the token', async () => {
    create();
    const connection = await connect();
    const broken = structuredClone(seedFrame('message.created').message) as { data: Record<string, unknown> };
    broken.data.private = 'maybe';
    connection.send(`{"identifier":${JSON.stringify(IDENTIFIER)},"message":`); // truncated frame
    const events = await deliver(connection, broken, { event: 'presence.update', data: { users: 'nope', account_id: 1 } });
    assert.deepEqual(events, []);
    const warnings = logger.at('warn');
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('data.private')));
    assert.ok(warnings.some((w) => w.includes('data.users')));
    assert.ok(!logger.all.includes(TOKEN));
  });

  test('unknown events and the ignored families (voice calls, copilot) are logged at debug only', async () => {
    create();
    const connection = await connect();
    const resyncs = new Recorder(channel.onDidResync);
    const events = await deliver(
      connection,
      { event: 'voice_call.incoming', data: { call_sid: 'CA1', account_id: 1 } },
      { event: 'voice_call.ended', data: 'odd' },
      { event: 'copilot.message.created', data: { id: 1, account_id: 1 } },
      { event: 'crm_deal.created', data: { id: 9, account_id: 1 } },
    );
    assert.deepEqual(events, []);
    assert.deepEqual(resyncs.events, []);
    assert.deepEqual(logger.at('warn'), []);
    assert.deepEqual(logger.at('error'), []);
    const debug = logger.at('debug').join('\n');
    for (const name of ['voice_call.incoming', 'voice_call.ended', 'copilot.message.created', 'crm_deal.created']) assert.ok(debug.includes(name), name);
  });

  test('an unreadable known event is a warning and asks for a refetch of what it names: the first at once, the rest together, each once', async () => {
    channel = new RoomChannel({ baseUrl: server.baseUrl, credentials: async () => CREDENTIALS, clock, logger, staleAfterMs: 10 * 60_000 });
    const connection = await connect();
    const resyncs = new Recorder<ResyncEvent>(channel.onDidResync);
    const mentioned = structuredClone(seedFrame('conversation.created').message) as { event: string; data: Record<string, unknown> };
    mentioned.event = 'conversation.mentioned';
    mentioned.data.status = 'exploded';
    await deliver(connection, mentioned);
    const conversationId = (mentioned.data as { id: number }).id;
    assert.deepEqual(resyncs.events, [{ reason: 'invalid-event', event: 'conversation.mentioned', targets: [{ kind: 'conversation', id: conversationId }] }]);
    assert.equal(logger.at('warn').length, 1);
    assert.match(logger.at('warn')[0], /conversation\.mentioned.*data\.status/);

    // More within the window: one trailing refetch for all of them, and the repeat is not a second warning.
    const notification = structuredClone(seedFrame('notification.created').message) as { data: Record<string, unknown> };
    delete notification.data.unread_count;
    await deliver(connection, mentioned, notification);
    assert.equal(resyncs.events.length, 1);
    assert.equal(logger.at('warn').length, 2, logger.at('warn').join('\n'));
    clock.advance(INVALID_EVENT_REFETCH_MS);
    const invalid = resyncs.events.filter((r) => r.reason === 'invalid-event');
    assert.deepEqual(invalid[1], {
      reason: 'invalid-event',
      event: 'conversation.mentioned, notification.created',
      targets: [{ kind: 'conversation', id: conversationId }, { kind: 'notifications' }],
    });
    assert.equal(invalid.length, 2);
  });

  test('an unreadable event that names nothing to refetch (presence, a frame without a name) is only logged', async () => {
    create();
    const connection = await connect();
    const resyncs = new Recorder(channel.onDidResync);
    await deliver(connection, { event: 'presence.update', data: { users: 'nope', account_id: 1 } }, { data: { id: 1 } });
    assert.deepEqual(resyncs.events, []);
    assert.equal(logger.at('warn').length, 2);
  });

  test('with the production logger, pubsub tokens are registered for redaction', async () => {
    const sink = new MemoryLogSink();
    const redactor = new Redactor();
    channel = new RoomChannel({
      baseUrl: server.baseUrl,
      credentials: async () => CREDENTIALS,
      clock,
      logger: new RedactingLogger(sink, redactor, 'cable'),
      redactor,
    });
    await connect();
    assert.equal(redactor.redact(`x ${TOKEN} y`), 'x [redacted] y');
    assert.ok(sink.lines.length > 0);
    assert.ok(!sink.lines.some((l) => l.text.includes(TOKEN)));
  });

  test('a reconnect after a connected period fires onDidResync; the first connect does not', async () => {
    create();
    const resyncs = new Recorder<ResyncEvent>(channel.onDidResync);
    const first = await connect();
    assert.deepEqual(resyncs.events, []);
    const reconnecting = nextEvent(channel.onDidChangeState, 'reconnecting', (s) => s.kind === 'reconnecting');
    first.socket.terminate();
    const waiting = await reconnecting;
    assert.ok(waiting.kind === 'reconnecting');
    const resynced = nextEvent(channel.onDidResync, 'resync');
    clock.advance(waiting.delayMs);
    assert.deepEqual(await resynced, { reason: 'reconnected' });
    assert.equal(channel.state.kind, 'connected');
    assert.equal(credentialCalls, 2);
  });

  test('updatePresence sends the seed payload on the same identifier', async () => {
    create();
    assert.equal(channel.updatePresence(), false);
    const connection = await connect();
    assert.equal(channel.updatePresence(), true);
    await connection.waitFor('presence', (c) => c.command === 'message');
    const raw = connection.received.find((c) => c.command === 'message');
    assert.deepEqual(raw, { command: 'message', identifier: IDENTIFIER, data: '{"action":"update_presence"}' });
  });

  test('a revoked API token while fetching credentials is an auth error', async () => {
    create(() => Promise.reject(new ApiError('unauthorized', 'token revoked', { status: 401 })));
    const authError = nextEvent(channel.onDidChangeState, 'auth error', (s) => s.kind === 'auth-error');
    channel.start();
    assert.deepEqual(await authError, { kind: 'auth-error', reason: 'credentials-rejected', detail: 'token revoked' });
  });

  test('a transient credentials failure (server down) is retried, and the retry connects', async () => {
    let down = true;
    create(() => (down ? Promise.reject(new ApiError('network', 'Cannot reach host', {})) : Promise.resolve(CREDENTIALS)));
    const reconnecting = nextEvent(channel.onDidChangeState, 'reconnecting', (s) => s.kind === 'reconnecting');
    channel.start();
    const waiting = await reconnecting;
    assert.ok(waiting.kind === 'reconnecting');
    const subscribes = () => server.connections.flatMap((c) => c.received).filter((c) => c.command === 'subscribe');
    assert.deepEqual(subscribes(), [], 'no subscribe without credentials');
    down = false;
    const ready = nextEvent(channel.onDidChangeState, 'connected', connected);
    clock.advance(waiting.delayMs);
    await ready;
    assert.equal(credentialCalls, 2);
    assert.deepEqual(subscribes().map((c) => c.identifier), [IDENTIFIER], 'the retry subscribed on the server');
  });
});
