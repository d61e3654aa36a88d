import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { listMessages } from '../../../src/api/messages';
import { getProfile } from '../../../src/api/profile';
import { CableState } from '../../../src/cable/consumerState';
import { createWsSocketFactory, SocketFactory } from '../../../src/cable/socket';
import { ResyncEvent, RoomChannel, roomChannelIdentifier } from '../../../src/realtime/roomChannel';
import { FakeClock } from '../../helpers/fakeClock';
import { CapturingLogger } from '../../helpers/logs';
import { nextEvent, Recorder, within } from '../../helpers/wait';
import { INBOXES, startServer, type FakeChatwoot } from '../../server/index';

/**
 * RoomChannel against the stand-in Chatwoot: a busy server that confirms late, a token rotated
 * while waiting, and message.created frames of megabytes. Credentials come from GET /profile
 * through the real REST client, as the connection glue fetches them.
 */
suite('realtime/roomChannel against the stand-in server', () => {
  let server: FakeChatwoot;
  let clock: FakeClock;
  let logger: CapturingLogger;
  let api: ApiClient;
  let channel: RoomChannel | undefined;
  let states: Recorder<CableState>;

  setup(async () => {
    // Pings would only feed the liveness deadline, which runs on the fake clock here.
    server = await startServer({ pingIntervalMs: 60_000 });
    clock = new FakeClock();
    logger = new CapturingLogger();
    api = new ApiClient({ baseUrl: server.url, token: server.demoToken });
  });

  teardown(async () => {
    channel?.dispose();
    channel = undefined;
    await server.stop();
  });

  function create(socketFactory?: SocketFactory): RoomChannel {
    channel = new RoomChannel({
      baseUrl: server.url,
      credentials: async () => {
        const profile = await getProfile(api);
        return { pubsubToken: profile.pubsub_token, accountId: server.accountId, userId: profile.id };
      },
      clock,
      logger,
      socketFactory,
      // The stand-in pings in real time while this test moves a fake clock by many seconds.
      staleAfterMs: 3_600_000,
    });
    states = new Recorder(channel.onDidChangeState);
    return channel;
  }

  const subscribeCommands = (since: number) =>
    server.control.happenings(since).filter((h) => h.kind === 'command' && h.command === 'subscribe');
  const profileRequests = (since: number) =>
    server.control.happenings(since).filter((h) => h.kind === 'request' && h.path === '/api/v1/profile');

  function emailConversation(): number {
    const c = [...server.store.conversations.values()].find((conversation) => conversation.inboxId === INBOXES.email);
    assert.ok(c, 'the seed has an e-mail conversation');
    return c.displayId;
  }

  async function connect(ch: RoomChannel): Promise<void> {
    const connected = nextEvent(ch.onDidChangeState, 'connected', (s) => s.kind === 'connected');
    ch.start();
    await connected;
  }

  test('confirmations withheld for 25 s: subscribe re-sent with backoff, the profile refetched once, then connected', async () => {
    const mark = server.control.mark();
    server.control.slowConfirms('hold');
    const ch = create();
    ch.start();
    await server.control.waitFor((h) => h.kind === 'command' && h.command === 'subscribe', 5000, mark);
    let elapsed = 0;
    for (const [n, at] of [[2, 500], [3, 1_500], [4, 3_500], [5, 7_500], [6, 15_500]] as const) {
      clock.advance(at - elapsed);
      elapsed = at;
      // The n-th subscribe the server received.
      await server.control.waitFor(() => subscribeCommands(mark).length >= n, 5000, mark);
    }
    // The refresh that the 15.5 s re-send started is a real request.
    await server.control.waitFor(() => profileRequests(mark).length >= 2, 5000, mark);
    clock.advance(25_000 - elapsed);
    assert.equal(ch.state.kind, 'awaiting-confirmation');

    const connected = nextEvent(ch.onDidChangeState, 'connected', (s) => s.kind === 'connected');
    assert.equal(server.control.releaseConfirms(), 1, 'the server held one pending subscription: repeats were ignored');
    await connected;
    assert.equal(subscribeCommands(mark).length, 6);
    assert.equal(profileRequests(mark).length, 2, 'connect, and one refresh after 10 s');
    assert.equal(server.control.happenings(mark).filter((h) => h.kind === 'subscribed').length, 1);
    assert.deepEqual(
      states.events.map((s) => s.kind),
      ['connecting', 'awaiting-confirmation', 'connected'],
    );
    // Connected for real: the presence heartbeat reaches the server.
    const beat = server.control.waitForKind('heartbeat', (h) => h.userId === server.demoUserId && h.via === 'update_presence', 5000, server.control.mark());
    assert.ok(ch.updatePresence());
    await beat;
  });

  test('a pubsub token rotated while waiting is picked up by the bounded profile refresh', async () => {
    const mark = server.control.mark();
    server.control.slowConfirms('hold');
    const ch = create();
    ch.start();
    const first = await server.control.waitForKind('command', (h) => h.command === 'subscribe', 5000, mark);
    // A password change: the held subscription now carries a dead token, and new ones confirm at once.
    const rotated = server.control.rotatePubsubToken(server.demoUserId);
    server.control.slowConfirms(0);
    const connected = nextEvent(ch.onDidChangeState, 'connected', (s) => s.kind === 'connected');
    for (const at of [500, 1_000, 2_000, 4_000, 8_000]) clock.advance(at); // to 15.5 s: the first refresh
    await connected;
    const expected = roomChannelIdentifier({ pubsubToken: rotated, accountId: server.accountId, userId: server.demoUserId });
    const unsubscribed = server.control.happenings(mark).find((h) => h.kind === 'unsubscribed');
    assert.ok(unsubscribed && unsubscribed.kind === 'unsubscribed');
    assert.equal(unsubscribed.identifier, first.identifier, 'the old identifier was released');
    const subscribed = server.control.happenings(mark).filter((h) => h.kind === 'subscribed');
    assert.deepEqual(
      subscribed.map((h) => (h.kind === 'subscribed' ? h.identifier : '')),
      [expected],
    );
    assert.ok(!states.events.some((s) => s.kind === 'auth-error'));
  });

  test('a 5 MB message.created (an HTML e-mail) is decoded and dispatched', async function () {
    // Five megabytes through the stand-in and the decoder; generous for a loaded machine.
    this.timeout(40_000);
    const ch = create();
    await connect(ch);
    const conversationId = emailConversation();
    const bytes = 5 * 1024 * 1024;
    // Not nextEvent: its 2 s safety net is too tight for encoding, sending and parsing 5 MB.
    const arrived = new Promise<{ id: number }>((resolve) => {
      const sub = ch.onDidReceiveEvent((e) => {
        if (e.event === 'message.created' && e.data.conversation_id === conversationId && e.data.content?.length === bytes) {
          sub.dispose();
          resolve(e.data);
        }
      });
    });
    const message = server.control.largeMessage(conversationId, bytes);
    const created = await within(arrived, 'the 5 MB message.created', 30_000);
    assert.equal(created.id, message.id);
    assert.equal(ch.state.kind, 'connected');
    assert.equal(logger.at('warn').length, 0, logger.at('warn').join('\n'));
  });

  test('a frame over the cap: one reconnect, one resync, no loop, and the lost message is on the REST API', async function () {
    this.timeout(30_000); // half a megabyte through the stand-in and back over REST
    const ch = create(createWsSocketFactory({ maxPayloadBytes: 256 * 1024 }));
    await connect(ch);
    const resyncs = new Recorder<ResyncEvent>(ch.onDidResync);
    const mark = server.control.mark();
    const conversationId = emailConversation();

    const reconnecting = nextEvent(ch.onDidChangeState, 'reconnecting', (s): s is Extract<CableState, { kind: 'reconnecting' }> => s.kind === 'reconnecting');
    const lost = server.control.largeMessage(conversationId, 512 * 1024);
    const waiting = await reconnecting;
    assert.equal(waiting.cause, 'a frame over the size limit');
    const resynced = nextEvent(ch.onDidResync, 'resync');
    clock.advance(waiting.delayMs);
    await resynced;
    assert.equal(ch.state.kind, 'connected');

    // The new connection carries events again.
    const next = nextEvent(ch.onDidReceiveEvent, 'the next message', (e) => e.event === 'message.created' && e.data.content === 'and a short follow-up');
    server.control.contactMessage(conversationId, 'and a short follow-up');
    await next;
    assert.deepEqual(resyncs.events, [{ reason: 'reconnected' }]);
    assert.equal(server.control.happenings(mark).filter((h) => h.kind === 'socket_opened').length, 1, 'exactly one new socket');
    assert.equal(server.control.happenings(mark).filter((h) => h.kind === 'socket_closed').length, 1);
    assert.deepEqual(
      states.events.slice(-3).map((s) => s.kind),
      ['reconnecting', 'connecting', 'connected'],
    );

    // What the resync refetches: the dropped message is there over REST.
    const page = await listMessages(api, server.accountId, conversationId, { after: lost.id as number - 1 });
    assert.equal(page.payload.find((m) => m.id === lost.id)?.content?.length, 512 * 1024);
  });
});
