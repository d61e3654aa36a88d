import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { acc, api, CableClient, subscribed } from '../../helpers/standInClient';
import { INBOXES, startServer, USERS, type FakeChatwoot } from '../../server/index';

suite('stand-in server: control faults', () => {
  let server: FakeChatwoot;
  const clients: CableClient[] = [];

  setup(async () => {
    server = await startServer({ pingIntervalMs: 30 });
  });
  teardown(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.stop();
  });

  const sub = async (userId: number = USERS.priya): Promise<Awaited<ReturnType<typeof subscribed>>> => {
    const s = await subscribed(server, userId);
    clients.push(s.client);
    return s;
  };

  test('inject sends {event,data} in the envelope to one token only', async () => {
    const priya = await sub(USERS.priya);
    const marcus = await sub(USERS.marcus);
    server.control.inject('assignee.changed', { id: null, timestamp: 0 }, { token: priya.token });
    const got = await priya.client.next((f) => (f.json.message as { event?: string } | undefined)?.event === 'assignee.changed');
    assert.equal(got.raw, JSON.stringify({ identifier: priya.identifier, message: { event: 'assignee.changed', data: { id: null, timestamp: 0 } } }));
    await marcus.client.fence(server, marcus.token);
    assert.deepEqual(marcus.client.events('assignee.changed'), []);
  });

  test('inject to a conversation uses Chatwoot recipients; injectRaw sends bytes unchanged', async () => {
    const marcus = await sub(USERS.marcus);
    const emailConv = [...server.store.conversations.values()].find((c) => c.inboxId === INBOXES.email)?.displayId ?? 0;
    const webConv = [...server.store.conversations.values()].find((c) => c.inboxId === INBOXES.website)?.displayId ?? 0;
    server.control.inject('x.email', {}, { conversationId: emailConv });
    server.control.inject('x.web', {}, { conversationId: webConv });
    await marcus.client.event('x.web');
    assert.deepEqual(marcus.client.events('x.email'), []);
    assert.equal(server.control.injectRaw('{not json', marcus.token), 1);
    await marcus.client.next((f) => f.raw === '{not json');
  });

  test('contactMessage and contactTyping behave like a customer', async () => {
    const priya = await sub();
    server.control.contactTyping(2, true);
    const typing = await priya.client.event('conversation.typing_on');
    assert.equal((typing.data.user as { type: string }).type, 'contact');
    const m = server.control.contactMessage(2, 'Hello?');
    assert.equal(m.message_type, 0);
    assert.equal((await priya.client.event('message.created')).data.id, m.id);
  });

  test('contactRead: the contact reads, conversation.read reaches the inbox (also over HTTP)', async () => {
    const priya = await sub();
    const marcus = await sub(USERS.marcus);
    const emailConv = [...server.store.conversations.values()].find((c) => c.inboxId === INBOXES.email)!;
    server.control.advanceClock(60_000);
    server.control.contactRead(emailConv.displayId);
    const read = await priya.client.event('conversation.read');
    assert.equal(read.data.contact_last_seen_at, emailConv.contactLastSeenAt);
    const res = await fetch(`${server.url}/__control/contact-read`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId: emailConv.displayId }) });
    assert.equal(res.status, 200);
    await priya.client.fence(server, priya.token);
    assert.equal(priya.client.events('conversation.read').length, 2);
    await marcus.client.fence(server, marcus.token);
    assert.deepEqual(marcus.client.events('conversation.read'), [], 'not a member of Support Email');
  });

  test('dropSockets with a close frame: the client sees the code; without: an abnormal 1006', async () => {
    const a = await CableClient.connect(server.cableUrl);
    assert.equal(server.control.dropSockets({ closeFrame: true, code: 1012 }), 1);
    assert.equal((await a.closed).code, 1012);
    const b = await CableClient.connect(server.cableUrl);
    server.control.dropSockets({ closeFrame: false });
    assert.equal((await b.closed).code, 1006);
  });

  test('paused pings stop arriving and resume on demand', async () => {
    const c = await CableClient.connect(server.cableUrl);
    clients.push(c);
    await c.next((f) => f.json.type === 'ping');
    server.control.setPingsPaused(true);
    // A ping tick may already be in flight: fence first, then count from a clean point.
    await c.fence(server);
    const from = c.frames.length;
    const ticks = server.control.mark();
    // Two ping periods pass while paused: the server records each skipped beat.
    await server.control.waitForKind('ping', (h) => h.paused, 1000, ticks);
    const second = server.control.mark();
    await server.control.waitForKind('ping', (h) => h.paused, 1000, second);
    await c.fence(server);
    assert.equal(c.frames.slice(from).filter((f) => f.json.type === 'ping').length, 0);
    assert.equal(server.control.happenings(ticks).filter((h) => h.kind === 'ping' && !h.paused).length, 0);
    server.control.setPingsPaused(false);
    await c.next((f) => f.json.type === 'ping', 2000, c.frames.length);
  });

  for (const [reason, reconnect] of [['unauthorized', false], ['server_restart', true]] as const) {
    test(`disconnect ${reason}: the exact frame, then the close handshake`, async () => {
      const c = await CableClient.connect(server.cableUrl);
      server.control.disconnect(reason, reconnect);
      const frame = await c.next((f) => f.json.type === 'disconnect');
      assert.equal(frame.raw, `{"type":"disconnect","reason":"${reason}","reconnect":${reconnect}}`);
      assert.notEqual((await c.closed).code, 1006);
    });
  }

  test('refuseUpgrades makes /cable fail like a proxy without websocket support', async () => {
    server.control.refuseUpgrades(301);
    await assert.rejects(CableClient.connect(server.cableUrl), /301/);
    server.control.refuseUpgrades(null);
    clients.push(await CableClient.connect(server.cableUrl));
  });

  test('rotating the pubsub token: the old subscription hears nothing, the old identifier is refused, the profile has the new one', async () => {
    const old = await sub(USERS.priya);
    const fresh = server.control.rotatePubsubToken(USERS.priya);
    server.control.contactMessage(2, 'after rotation');
    await old.client.fence(server, old.token);
    assert.deepEqual(old.client.events('message.created'), []);
    const again = await CableClient.connect(server.cableUrl);
    clients.push(again);
    const refused = server.control.waitForKind('subscription_refused');
    again.subscribeFrame(old.identifier);
    await refused;
    const profile = await api(server, 'GET', '/api/v1/profile');
    assert.equal((profile.body as { pubsub_token: string }).pubsub_token, fresh);
    await again.subscribe(server.identifier(USERS.priya));
  });

  test('revoking an access token: 401 Invalid Access Token; the replacement works', async () => {
    const replacement = server.control.revokeAccessToken(USERS.priya);
    const r = await api(server, 'GET', '/api/v1/profile');
    assert.deepEqual([r.status, r.body], [401, { error: 'Invalid Access Token' }]);
    assert.equal((await api(server, 'GET', '/api/v1/profile', { token: replacement })).status, 200);
  });

  test('failNext 429 (plain text), 500, then normal service', async () => {
    server.control.failNext(1, 429);
    server.control.failNext(1, 500);
    const limited = await api(server, 'GET', '/api/v1/profile');
    assert.equal(limited.status, 429);
    assert.match(limited.contentType, /^text\/plain/);
    assert.equal(limited.text.trim(), 'Retry later');
    assert.equal((await api(server, 'GET', '/api/v1/profile')).status, 500);
    assert.equal((await api(server, 'GET', '/api/v1/profile')).status, 200);
  });

  test('failNext 401: one passing Invalid Access Token, though the token is valid', async () => {
    server.control.failNext(1, 401, '/profile/availability');
    assert.equal((await api(server, 'GET', '/api/v1/profile')).status, 200, 'other paths pass untouched');
    const refused = await api(server, 'POST', '/api/v1/profile/availability', { body: { profile: { account_id: server.accountId, availability: 'busy' } } });
    assert.deepEqual([refused.status, refused.body], [401, { error: 'Invalid Access Token' }]);
    assert.equal((await api(server, 'GET', '/api/v1/profile')).status, 200);
  });

  test('failNext hang: the request never answers until the client gives up', async () => {
    server.control.failNext(1, 'hang');
    const abort = new AbortController();
    const pending = api(server, 'GET', '/api/v1/profile', { signal: abort.signal });
    await server.control.waitForKind('request', (h) => h.fault === 'hang');
    abort.abort();
    await assert.rejects(pending, /abort/i);
    assert.equal((await api(server, 'GET', '/api/v1/profile')).status, 200);
  });

  test('latency delays every REST answer', async () => {
    server.control.setLatency(150);
    const t0 = Date.now();
    await api(server, 'GET', '/api/v1/profile');
    assert.ok(Date.now() - t0 >= 140);
  });

  test('requests are recorded with method, path and query, never the token', async () => {
    await api(server, 'GET', acc('/conversations?status=open&assignee_type=me&api_access_token=leak'));
    const r = server.control.requests().at(-1);
    assert.deepEqual({ method: r?.method, path: r?.path, query: r?.query, status: r?.status }, { method: 'GET', path: '/api/v1/accounts/1/conversations', query: { status: 'open', assignee_type: 'me' }, status: 200 });
    assert.ok(!JSON.stringify(server.control.requests()).includes(server.demoToken));
    assert.ok(!JSON.stringify(server.control.requests()).includes('leak'));
  });

  test('heartbeats are recorded per user with timestamps', async () => {
    const priya = await sub(USERS.priya);
    const t0 = Date.now();
    priya.client.heartbeat(priya.identifier);
    await server.control.waitForKind('heartbeat', (h) => h.at >= t0);
    const beats = server.control.heartbeats(USERS.priya);
    assert.equal(beats.length, 2);
    assert.ok(beats.every((b) => b.userId === USERS.priya && b.accountId === 1 && typeof b.at === 'number'));
    assert.deepEqual(beats.map((b) => b.via), ['subscribe', 'update_presence']);
    assert.deepEqual(server.control.heartbeats(USERS.marcus), []);
  });

  test('presence expires 20 s after the last heartbeat (advanced clock), in profile and agents', async () => {
    await sub(USERS.priya);
    const availability = async (): Promise<string> => ((await api(server, 'GET', '/api/v1/profile')).body as { accounts: Array<{ availability_status: string }> }).accounts[0].availability_status;
    assert.equal(await availability(), 'online');
    server.control.advanceClock(19_000);
    assert.equal(await availability(), 'online');
    server.control.advanceClock(1_500);
    assert.equal(await availability(), 'offline');
    const agents = (await api(server, 'GET', acc('/agents'))).body as Array<{ id: number; availability_status: string }>;
    assert.equal(agents.find((a) => a.id === USERS.priya)?.availability_status, 'offline');
    assert.equal(agents.find((a) => a.id === USERS.aisha)?.availability_status, 'busy', 'auto_offline=false never expires');
  });

  test('waitFor resolves on a future happening and rejects with what happened on timeout', async () => {
    const waiting = server.control.waitForKind('request', (h) => h.path === '/api/v1/profile');
    await api(server, 'GET', '/api/v1/profile');
    assert.equal((await waiting).status, 200);
    await assert.rejects(server.control.waitForKind('subscribed', undefined, 30), /timed out/);
  });
});

suite('stand-in server: control over HTTP', () => {
  let server: FakeChatwoot;
  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
  });
  teardown(() => server.stop());

  const control = async (method: string, action: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${server.url}/__control/${action}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  test('fail-next, requests and wait mirror the methods', async () => {
    const mark = z.object({ seq: z.number() }).parse((await control('GET', 'mark')).body).seq;
    assert.equal((await control('POST', 'fail-next', { count: 1, kind: 429 })).status, 200);
    assert.equal((await api(server, 'GET', '/api/v1/profile')).status, 429);
    const waited = await control('POST', 'wait', { kind: 'request', match: { status: 429 }, since: mark, timeoutMs: 1000 });
    assert.equal(waited.status, 200);
    assert.equal((waited.body as { fault: string }).fault, '429');
    const requests = z.array(z.object({ method: z.string(), path: z.string(), status: z.number() })).parse((await control('GET', 'requests')).body);
    assert.deepEqual(requests.map((r) => r.status), [429]);
    assert.equal((await control('POST', 'wait', { kind: 'subscribed', timeoutMs: 20 })).status, 408);
  });

  test('contact-message, rotate-pubsub and bad bodies', async () => {
    const m = await control('POST', 'contact-message', { conversationId: 2, content: 'via http' });
    assert.equal((m.body as { content: string }).content, 'via http');
    const rotated = await control('POST', 'rotate-pubsub', { userId: USERS.marcus });
    assert.equal((rotated.body as { pubsub_token: string }).pubsub_token, server.user(USERS.marcus).pubsubToken);
    assert.equal((await control('POST', 'fail-next', { count: 0, kind: 'boom' })).status, 400);
    assert.equal((await control('POST', 'nonsense', {})).status, 404);
  });
});

suite('stand-in server: seed, scale and simulation', () => {
  test('the same seed and clock give the same data', async () => {
    const a = await startServer({ now: 1_760_000_000, seed: 7 });
    const b = await startServer({ now: 1_760_000_000, seed: 7 });
    try {
      const list = async (s: FakeChatwoot): Promise<string> => (await api(s, 'GET', acc('/conversations?status=all&page=2'))).text;
      assert.equal(await list(a), await list(b));
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test('scale: 10,000 conversations start fast and page normally', async () => {
    const t0 = Date.now();
    const s = await startServer({ scale: 10_000 });
    try {
      assert.ok(Date.now() - t0 < 3000, `started in ${Date.now() - t0} ms`);
      const r = (await api(s, 'GET', acc('/conversations?status=all&page=3'))).body as { data: { meta: { all_count: number }; payload: unknown[] } };
      assert.equal(r.data.meta.all_count, 10_000);
      assert.equal(r.data.payload.length, 25);
    } finally {
      await s.stop();
    }
  });

  test('simulation produces live events and stop() ends it', async () => {
    const s = await startServer({ simulate: true, simulationIntervalMs: 20, pingIntervalMs: 60_000 });
    try {
      const priya = await subscribed(s, USERS.priya);
      await priya.client.next((f) => /"event":"(message\.created|conversation\.typing_on|conversation\.created|assignee\.changed|conversation\.status_changed)"/.test(f.raw), 3000);
      assert.ok(s.simulation.running && s.simulation.pendingTimers() > 0);
      priya.client.close();
    } finally {
      await s.stop();
    }
    assert.equal(s.simulation.running, false);
    assert.equal(s.simulation.pendingTimers(), 0, 'stop() clears every simulation timer');
  });
});
