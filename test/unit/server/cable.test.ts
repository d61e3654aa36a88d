import * as assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { acc, api, CableClient, subscribed } from '../../helpers/standInClient';
import { INBOXES, startServer, USERS, type FakeChatwoot } from '../../server/index';

suite('stand-in server: ActionCable frames', () => {
  let server: FakeChatwoot;
  const clients: CableClient[] = [];
  const connect = async (): Promise<CableClient> => {
    const c = await CableClient.connect(server.cableUrl);
    clients.push(c);
    return c;
  };

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
  });

  teardown(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.stop();
  });

  test('welcome is the first frame, byte for byte, over actioncable-v1-json', async () => {
    const c = await connect();
    assert.equal(c.ws.protocol, 'actioncable-v1-json');
    assert.equal(c.frames[0].raw, '{"type":"welcome"}');
  });

  test('a client offering no subprotocol is still accepted', async () => {
    const c = await CableClient.connect(server.cableUrl, []);
    clients.push(c);
    assert.equal(c.ws.protocol, '');
  });

  test('only /cable upgrades', async () => {
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/socket', ['actioncable-v1-json']);
    const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
    assert.match(err.message, /404/);
  });

  test('a valid identifier is confirmed with the exact frame, then presence.update in the message envelope', async () => {
    const c = await connect();
    const identifier = server.identifier(USERS.priya);
    c.subscribeFrame(identifier);
    const confirm = await c.next((f) => f.json.type === 'confirm_subscription');
    assert.equal(confirm.raw, JSON.stringify({ identifier, type: 'confirm_subscription' }));
    const presence = await c.next((f) => f.json.message !== undefined);
    const parsed = JSON.parse(presence.raw) as { identifier: string; message: { event: string; data: { account_id: number; users: Record<string, string>; contacts: Record<string, string> } } };
    // Key order and nesting as in the seeds: identifier, then message{event, data}.
    assert.deepEqual(Object.keys(parsed), ['identifier', 'message']);
    assert.deepEqual(Object.keys(parsed.message), ['event', 'data']);
    assert.equal(parsed.identifier, identifier);
    assert.equal(parsed.message.event, 'presence.update');
    assert.equal(parsed.message.data.account_id, 1);
    assert.equal(parsed.message.data.users[String(USERS.priya)], 'online');
    // Aisha never goes auto-offline, so she is always listed with her chosen status.
    assert.equal(parsed.message.data.users[String(USERS.aisha)], 'busy');
    assert.equal(parsed.message.data.users[String(USERS.marcus)], undefined);
    assert.deepEqual(parsed.message.data.contacts, {});
  });

  test('the identifier is echoed exactly as sent, whatever its key order and spacing', async () => {
    const c = await connect();
    const u = server.user(USERS.marcus);
    const identifier = `{"user_id": ${u.id}, "account_id": "1", "pubsub_token": "${u.pubsubToken}", "channel": "RoomChannel"}`;
    c.subscribeFrame(identifier);
    const confirm = await c.next((f) => f.json.type === 'confirm_subscription');
    assert.equal(confirm.json.identifier, identifier);
  });

  for (const [name, mutate] of [
    ['an unknown pubsub_token', (id: Record<string, unknown>) => ({ ...id, pubsub_token: 'nope' })],
    ['a user_id that does not own the token', (id: Record<string, unknown>) => ({ ...id, user_id: USERS.marcus })],
    ['a foreign account_id', (id: Record<string, unknown>) => ({ ...id, account_id: 99 })],
    ['no user_id (a contact token)', (id: Record<string, unknown>) => ({ channel: id.channel, pubsub_token: id.pubsub_token })],
  ] as const) {
    test(`${name}: neither confirm nor reject, and the socket stays open (Chatwoot behaviour)`, async () => {
      const c = await connect();
      const identifier = JSON.stringify(mutate(JSON.parse(server.identifier(USERS.priya)) as Record<string, unknown>));
      const refused = server.control.waitFor((h) => h.kind === 'subscription_refused');
      c.subscribeFrame(identifier);
      await refused;
      await c.fence(server);
      assert.deepEqual(c.frames.filter((f) => f.json.type === 'confirm_subscription' || f.json.type === 'reject_subscription'), []);
      assert.equal(c.ws.readyState, WebSocket.OPEN);
    });
  }

  test('a repeated subscribe for the same identifier is ignored', async () => {
    const { client, identifier } = await subscribed(server, USERS.priya);
    clients.push(client);
    client.subscribeFrame(identifier);
    await server.control.waitFor((h) => h.kind === 'command' && h.command === 'subscribe');
    await client.fence(server);
    assert.equal(client.frames.filter((f) => f.json.type === 'confirm_subscription').length, 1);
  });

  test('slowConfirms(hold): no confirm and no stream until released; repeats are ignored; release confirms once', async () => {
    server.control.slowConfirms('hold');
    const c = await connect();
    const identifier = server.identifier(USERS.priya);
    c.subscribeFrame(identifier);
    c.subscribeFrame(identifier);
    await server.control.waitFor((h) => h.kind === 'command' && h.command === 'subscribe');
    const conversation = [...server.store.conversations.values()][0];
    server.control.contactMessage(conversation.displayId, 'sent while the subscription is pending');
    await c.fence(server);
    assert.deepEqual(c.frames.filter((f) => f.json.type === 'confirm_subscription'), []);
    assert.equal(c.events('message.created').length, 0, 'a pending subscription streams nothing');

    assert.equal(server.control.releaseConfirms(), 1, 'the repeat did not register a second subscription');
    await c.next((f) => f.json.type === 'confirm_subscription' && f.json.identifier === identifier);
    await c.event('presence.update');
    await c.fence(server);
    assert.equal(c.frames.filter((f) => f.json.type === 'confirm_subscription').length, 1);
    const subscribedEntries = server.control.happenings().filter((h) => h.kind === 'subscribed');
    assert.equal(subscribedEntries.length, 1);
  });

  test('slowConfirms(ms) delays the confirmation by that much', async () => {
    server.control.slowConfirms(150);
    const c = await connect();
    const sent = Date.now();
    c.subscribeFrame(server.identifier(USERS.priya));
    await c.next((f) => f.json.type === 'confirm_subscription', 3000);
    assert.ok(Date.now() - sent >= 140, `confirmed after ${Date.now() - sent} ms`);
  });

  test('an unsubscribe before the confirmation cancels it', async () => {
    server.control.slowConfirms('hold');
    const c = await connect();
    const identifier = server.identifier(USERS.marcus);
    c.subscribeFrame(identifier);
    c.send({ command: 'unsubscribe', identifier });
    await server.control.waitFor((h) => h.kind === 'unsubscribed' && h.identifier === identifier);
    assert.equal(server.control.releaseConfirms(), 0);
    await c.fence(server);
    assert.deepEqual(c.frames.filter((f) => f.json.type === 'confirm_subscription'), []);
  });

  test('largeMessage sends a message.created of that size and keeps the message for REST', async function () {
    // A megabyte each way over loopback; generous for a loaded machine.
    this.timeout(30_000);
    const { client } = await subscribed(server, USERS.priya);
    clients.push(client);
    const conversation = [...server.store.conversations.values()].find((c) => c.inboxId === INBOXES.email);
    assert.ok(conversation);
    const message = server.control.largeMessage(conversation.displayId, 1024 * 1024);
    const created = await client.event('message.created', 20_000);
    assert.equal(created.data.id, message.id);
    assert.equal((created.data.content as string).length, 1024 * 1024);
    assert.equal(created.data.content_type, 'incoming_email');
    const listed = await api(server, 'GET', acc(`/conversations/${conversation.displayId}/messages`));
    const payload = (listed.body as { payload: Array<{ id: number; content: string }> }).payload;
    assert.equal(payload.find((m) => m.id === message.id)?.content.length, 1024 * 1024);
  });

  test('update_presence records a heartbeat and answers presence.update to that token only', async () => {
    const priya = await subscribed(server, USERS.priya);
    const marcus = await subscribed(server, USERS.marcus);
    clients.push(priya.client, marcus.client);
    const before = priya.client.frames.length;
    const beat = server.control.waitForKind('heartbeat', (h) => h.userId === USERS.priya && h.via === 'update_presence');
    priya.client.heartbeat(priya.identifier);
    const hb = await beat;
    assert.equal(hb.accountId, 1);
    const presence = await priya.client.event('presence.update', 2000, before);
    assert.equal(presence.identifier, priya.identifier);
    assert.equal((presence.data.users as Record<string, string>)[String(USERS.marcus)], 'online');
    await marcus.client.fence(server);
    assert.equal(marcus.client.events('presence.update').length, 1, 'only the one from its own subscribe');
    assert.deepEqual(server.control.heartbeats(USERS.priya).map((b) => b.via), ['subscribe', 'update_presence'], 'subscribe and update_presence both count');
  });

  test('update_presence on an unconfirmed subscription does nothing', async () => {
    const c = await connect();
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'bad', account_id: 1, user_id: 1 });
    c.subscribeFrame(identifier);
    c.heartbeat(identifier);
    await server.control.waitFor((h) => h.kind === 'command' && h.command === 'message');
    await c.fence(server);
    assert.equal(c.events().length, 0);
    assert.deepEqual(server.control.heartbeats(), []);
  });

  test('unsubscribe stops the stream', async () => {
    const { client, identifier } = await subscribed(server, USERS.priya);
    clients.push(client);
    client.send({ command: 'unsubscribe', identifier });
    await server.control.waitFor((h) => h.kind === 'unsubscribed');
    server.control.contactMessage(1, 'anyone there?');
    await client.fence(server);
    assert.equal(client.events('message.created').length, 0);
  });
});

suite('stand-in server: pings and rejection option', () => {
  test('ping frames are {"type":"ping","message":<unix seconds>} at the configured interval', async () => {
    const server = await startServer({ pingIntervalMs: 40 });
    try {
      const c = await CableClient.connect(server.cableUrl);
      const first = await c.next((f) => f.json.type === 'ping');
      const second = await c.next((f) => f.json.type === 'ping' && f !== first);
      for (const p of [first, second]) {
        assert.match(p.raw, /^\{"type":"ping","message":\d{10}\}$/);
        assert.ok(Math.abs((p.json.message as number) - Date.now() / 1000) < 5);
      }
      c.close();
    } finally {
      await server.stop();
    }
  });

  test('the default ping interval is Chatwoot’s 3 s', async function () {
    this.timeout(6000);
    const server = await startServer();
    try {
      const c = await CableClient.connect(server.cableUrl);
      const t0 = Date.now();
      await c.next((f) => f.json.type === 'ping', 4000);
      const elapsed = Date.now() - t0;
      assert.ok(elapsed > 1500 && elapsed < 3600, `first ping after ${elapsed} ms`);
      c.close();
    } finally {
      await server.stop();
    }
  });

  test('rejectBadSubscriptions answers reject_subscription with the exact frame', async () => {
    const server = await startServer({ rejectBadSubscriptions: true, pingIntervalMs: 60_000 });
    try {
      const c = await CableClient.connect(server.cableUrl);
      const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'bad', account_id: 1, user_id: 1 });
      c.subscribeFrame(identifier);
      const reject = await c.next((f) => f.json.type === 'reject_subscription');
      assert.equal(reject.raw, JSON.stringify({ identifier, type: 'reject_subscription' }));
      c.close();
    } finally {
      await server.stop();
    }
  });
});
