import * as assert from 'node:assert/strict';
import { acc, api, messageOf, SubscribedStandIn, type Subscriber } from '../../helpers/standInClient';
import { USERS, type FakeChatwoot } from '../../server/index';

/**
 * Chatwoot broadcasts through Sidekiq (ActionCableListener#broadcast → ActionCableBroadcastJob
 * `perform_later`): an event reaches the client after the REST reply that caused it, and jobs
 * may finish out of order. The stand-in queues broadcasts the same way.
 */
suite('stand-in server: event delivery (after the reply, maybe reordered)', () => {
  let standIn: SubscribedStandIn;
  let server: FakeChatwoot;
  let priya: Subscriber;
  let marcus: Subscriber;
  let emailConv: number;
  let webConv: number;

  setup(async () => {
    standIn = await SubscribedStandIn.start([USERS.priya, USERS.marcus]);
    ({ server, emailConv, webConv } = standIn);
    [priya, marcus] = standIn.subscribers;
  });

  teardown(() => standIn.stop());

  /** A raw frame skips the queue: once it has arrived, anything delivered before it has too. */
  async function marker(a: Subscriber): Promise<void> {
    const id = `marker-${Math.random()}`;
    server.control.injectRaw({ type: 'test_marker', id }, a.token);
    await a.client.next((f) => f.json.id === id);
  }

  test('a REST reply precedes the broadcasts it caused', async () => {
    const mark = server.control.mark();
    const reply = await api(server, 'POST', acc(`/conversations/${emailConv}/messages`), { body: { content: 'Order matters' } });
    assert.equal(reply.status, 200);
    const broadcast = await server.control.waitForKind('broadcast', (h) => h.event === 'message.created', 2000, mark);
    const request = server.control.happenings(mark).find((h) => h.kind === 'request' && h.method === 'POST');
    assert.ok(request, 'the request was recorded');
    assert.ok(request.seq < broadcast.seq, 'the reply was written before the broadcast went out');
    assert.equal((await priya.client.event('message.created')).data.content, 'Order matters');
  });

  test('held: the reply arrives, the event waits in the queue until released', async () => {
    server.control.holdEvents();
    const reply = await api(server, 'POST', acc(`/conversations/${emailConv}/messages`), { body: { content: 'Held back' } });
    assert.equal(reply.status, 200);
    assert.ok(server.control.pendingEvents().includes('message.created'));
    await marker(priya);
    assert.deepEqual(priya.client.events('message.created'), [], 'nothing delivered while held');
    const released = server.control.releaseEvents();
    assert.ok(released.includes('message.created'));
    assert.deepEqual(server.control.pendingEvents(), []);
    assert.equal((await priya.client.event('message.created')).data.content, 'Held back');
  });

  test('released with a seed, held events arrive in that shuffled order', async () => {
    server.control.holdEvents();
    server.control.setStatus(webConv, 'pending', USERS.priya);
    server.control.assign(webConv, USERS.marcus, USERS.priya);
    const queued = server.control.pendingEvents();
    const from = marcus.client.frames.length;
    const order = server.control.releaseEvents({ shuffle: 3 });
    assert.notDeepEqual(order, queued, 'the seed reorders');
    assert.deepEqual([...order].sort(), [...queued].sort(), 'nothing lost or added');
    await marker(marcus);
    const got = marcus.client.frames.slice(from).flatMap((f) => {
      const m = messageOf(f);
      return m ? [m.event] : [];
    });
    assert.deepEqual(got, order, 'marcus sees every one (inbox member, and the assignee) in the released order');
  });

  test('the same seed gives the same order', async () => {
    const run = (): string[] => {
      server.control.holdEvents();
      server.control.setStatus(webConv, 'resolved', USERS.priya);
      server.control.setStatus(webConv, 'open', USERS.priya);
      return server.control.releaseEvents({ shuffle: 11 });
    };
    assert.deepEqual(run(), run());
  });

  test('waitForEventsDelivered settles once the queue drained; the delay is adjustable', async () => {
    server.control.setEventDelay(50);
    server.control.contactMessage(emailConv, 'Are you there?');
    assert.ok(server.control.pendingEvents().length > 0);
    await server.control.waitForEventsDelivered();
    assert.deepEqual(server.control.pendingEvents(), []);
    await marker(priya);
    assert.equal(priya.client.events('message.created').at(-1)?.data.content, 'Are you there?');
  });

  test('presence.update answers a heartbeat at once, not through the queue (RoomChannel broadcasts it itself)', async () => {
    server.control.holdEvents();
    const from = priya.client.frames.length;
    priya.client.heartbeat(priya.identifier);
    const presence = await priya.client.event('presence.update', 2000, from);
    assert.equal(typeof presence.data.users, 'object');
    assert.deepEqual(server.control.pendingEvents(), []);
  });

  test('the control API holds and releases over HTTP', async () => {
    const post = (action: string, body: unknown = {}) =>
      fetch(`${server.url}/__control/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    assert.equal((await post('hold-events')).status, 200);
    server.control.contactMessage(emailConv, 'Over HTTP');
    const pending = (await (await fetch(`${server.url}/__control/pending-events`)).json()) as { events: string[] };
    assert.ok(pending.events.includes('message.created'));
    assert.equal((await post('events-delivered', { timeoutMs: 50 })).status, 408, 'held: not delivered');
    const released = await post('release-events', { shuffle: 5 });
    assert.ok((released.body.events as string[]).includes('message.created'));
    assert.equal((await post('events-delivered', { timeoutMs: 2000 })).status, 200);
  });

  test('reset() releases held events and restores the default delay', async () => {
    server.control.holdEvents();
    server.control.setEventDelay(5_000);
    server.control.contactMessage(emailConv, 'After reset');
    server.control.reset();
    assert.deepEqual(server.control.pendingEvents(), []);
    await marker(priya);
    assert.equal(priya.client.events('message.created').at(-1)?.data.content, 'After reset');
  });
});
