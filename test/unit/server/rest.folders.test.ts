import * as assert from 'node:assert/strict';
import { acc, api } from '../../helpers/standInClient';
import { startServer, USERS, type FakeChatwoot } from '../../server/index';

interface Counts {
  mine_count: number;
  unassigned_count: number;
  all_count: number;
}
interface Row {
  id: number;
  priority: string | null;
  last_activity_at: number;
  created_at: number;
  waiting_since: number;
}

/** The stand-in's conversation_type, sort_by, custom filters and the filter endpoint, against its own records. */
suite('stand-in server: folders, saved views and sorts', () => {
  let server: FakeChatwoot;
  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
  });
  teardown(() => server.stop());

  const list = async (query: string): Promise<{ meta: Counts; payload: Row[] }> => ((await api(server, 'GET', acc(`/conversations?${query}`))).body as { data: { meta: Counts; payload: Row[] } }).data;
  const open = () => [...server.store.conversations.values()].filter((c) => c.status === 'open');

  test('conversation_type: mention, participating and unattended, counted before the assignee split', async () => {
    const mentioned = open().filter((c) => server.store.mentions.has(`${USERS.priya}/${c.displayId}`));
    const participating = open().filter((c) => server.store.isParticipant(USERS.priya, c.displayId));
    const unattended = open().filter((c) => c.firstReplyCreatedAt === null || c.waitingSince !== null);
    for (const [type, expected] of [['mention', mentioned], ['participating', participating], ['unattended', unattended]] as const) {
      const body = await list(`status=open&assignee_type=all&conversation_type=${type}`);
      assert.ok(expected.length > 0, `${type}: the seed has some`);
      assert.equal(body.meta.all_count, expected.length, type);
      const ids = new Set(expected.map((c) => c.displayId));
      assert.ok(body.payload.every((r) => ids.has(r.id)), `${type}: only its own rows`);
      assert.equal(body.payload.length, Math.min(25, expected.length));
      const meta = ((await api(server, 'GET', acc(`/conversations/meta?status=open&conversation_type=${type}`))).body as { data: { meta: Counts } }).data.meta;
      assert.equal(meta.all_count, expected.length, `${type} meta`);
    }
  });

  test('a mention in a private note makes a Mention and a participant; an assignment a participant', async () => {
    const c = open().find((x) => !server.store.mentions.has(`${USERS.priya}/${x.displayId}`) && !server.store.isParticipant(USERS.priya, x.displayId));
    assert.ok(c);
    await api(server, 'POST', acc(`/conversations/${c.displayId}/messages`), { token: server.user(USERS.aisha).accessToken, body: { content: '[@Priya Raman](mention://user/1/Priya%20Raman) see this', private: true } });
    assert.equal(server.store.mentions.has(`${USERS.priya}/${c.displayId}`), true);
    assert.equal(server.store.isParticipant(USERS.priya, c.displayId), true);
    const d = open().find((x) => !server.store.isParticipant(USERS.sofia, x.displayId) && x.inboxId === 1);
    assert.ok(d);
    await api(server, 'POST', acc(`/conversations/${d.displayId}/assignments`), { body: { assignee_id: USERS.sofia } });
    assert.equal(server.store.isParticipant(USERS.sofia, d.displayId), true);
  });

  test('sort_by orders as SortHandler does: priority desc nulls last, waiting_since asc nulls last', async () => {
    const rank: Record<string, number> = { low: 0, medium: 1, high: 2, urgent: 3 };
    const byPriority = (await list('status=all&sort_by=priority_desc')).payload;
    for (let i = 1; i < byPriority.length; i++) {
      const [a, b] = [byPriority[i - 1], byPriority[i]];
      const ra = a.priority === null ? -1 : rank[a.priority];
      const rb = b.priority === null ? -1 : rank[b.priority];
      assert.ok(ra > rb || (ra === rb && a.last_activity_at >= b.last_activity_at), `${a.id} before ${b.id}`);
    }
    const waiting = (await list('status=open&sort_by=waiting_since_asc')).payload;
    const firstNone = waiting.findIndex((r) => r.waiting_since === 0);
    assert.ok(firstNone > 0, 'some wait, some do not');
    assert.ok(waiting.slice(firstNone).every((r) => r.waiting_since === 0), 'nulls last');
    const waits = waiting.slice(0, firstNone).map((r) => r.waiting_since);
    assert.deepEqual(waits, [...waits].sort((x, y) => x - y));
  });

  test('custom_filters lists the user\'s own; the filter endpoint runs their conditions, by last activity, 422 on an unknown attribute', async () => {
    const mine = (await api(server, 'GET', acc('/custom_filters?filter_type=conversation'))).body as Array<{ id: number; name: string; query: { payload: unknown[] } }>;
    assert.equal(mine.length, 2);
    assert.deepEqual(((await api(server, 'GET', acc('/custom_filters'), { token: server.user(USERS.marcus).accessToken })).body as unknown[]).length, 0, 'another user has none');
    const urgent = mine.find((f) => f.name === 'Urgent and high')!;
    const res = await api(server, 'POST', acc('/conversations/filter'), { body: { payload: urgent.query.payload, page: 1 } });
    const body = res.body as { meta: Counts; payload: Row[] };
    const expected = [...server.store.conversations.values()].filter((c) => c.priority === 'urgent' || c.priority === 'high');
    assert.equal(body.meta.all_count, expected.length);
    assert.ok(body.payload.every((r) => r.priority === 'urgent' || r.priority === 'high'));
    const times = body.payload.map((r) => r.last_activity_at);
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const billing = mine.find((f) => f.name === 'Open billing')!;
    const both = (await api(server, 'POST', acc('/conversations/filter'), { body: { payload: billing.query.payload, page: 1 } })).body as { meta: Counts };
    assert.equal(both.meta.all_count, open().filter((c) => c.labels.includes('billing')).length, 'AND of status and label');
    const bad = await api(server, 'POST', acc('/conversations/filter'), { body: { payload: [{ attribute_key: 'nonsense', filter_operator: 'equal_to', values: [1], query_operator: null }] } });
    assert.equal(bad.status, 422);
  });
});
