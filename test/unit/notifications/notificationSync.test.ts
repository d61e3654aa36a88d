import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { NOTIFICATIONS_PER_PAGE } from '../../../src/api/notifications';
import { REFETCH_ON_FOCUS_MIN_INTERVAL_MS } from '../../../src/conversations/refetchOnFocus';
import { NotificationStore } from '../../../src/notifications/notificationStore';
import { NotificationSync, restNotificationsBackend } from '../../../src/notifications/notificationSync';
import { RoomChannel } from '../../../src/realtime/roomChannel';
import { DemoAgentCable } from '../../helpers/demoAgentCable';
import { FakeClock } from '../../helpers/fakeClock';
import { FakeFocus } from '../../helpers/fakeFocus';
import { CapturingLogger } from '../../helpers/logs';
import { nextEvent } from '../../helpers/wait';
import { startServer, USERS, type FakeChatwoot } from '../../server/index';

/**
 * The notification list against the stand-in Chatwoot (run under both CHATWOOT_STANDIN_VERSION
 * values): the finder's parameter differs by version, a frame's `count` is the unread, non-snoozed
 * number and never the list's size, and a read mark made elsewhere with `read_all` broadcasts
 * nothing, so it shows after the next list refresh.
 */
suite('notifications against the stand-in server', function () {
  this.timeout(20_000);
  let server: FakeChatwoot;
  let clock: FakeClock;
  let focus: FakeFocus;
  let api: ApiClient;
  let store: NotificationStore;
  let sync: NotificationSync;
  let cable: DemoAgentCable;
  const logger = new CapturingLogger();

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
    clock = new FakeClock();
    focus = new FakeFocus(true);
    api = new ApiClient({ baseUrl: server.url, token: server.demoToken });
    store = new NotificationStore();
    sync = new NotificationSync(store, restNotificationsBackend(api, server.accountId), { clock, focus, logger });
    cable = new DemoAgentCable(server, api, logger);
  });

  teardown(async () => {
    cable.dispose();
    sync.dispose();
    store.dispose();
    await server.stop();
  });

  const connectCable = (): Promise<RoomChannel> => cable.connect((e) => sync.applyEvent(e));

  const mine = () => server.store.notificationsOf(server.demoUserId);
  /** Open, unassigned, and no notification of the demo agent's about it (a new one would collapse an old one). */
  const unassignedOpen = () =>
    [...server.store.conversations.values()]
      .filter((c) => c.assigneeId === null && c.status === 'open' && !mine().some((n) => n.conversationDbId === c.dbId))
      .map((c) => c.displayId);

  test('the first page lists read ones too, with both spellings of the parameter', async () => {
    const mark = server.control.mark();
    await sync.refresh();
    const request = server.control.requests().find((r) => r.path.endsWith('/notifications'));
    assert.ok(request && server.control.happenings(mark).length > 0);
    assert.deepEqual(request.query.includes, ['read']);
    assert.equal(request.query.type, 'read');
    assert.equal(store.items.length, NOTIFICATIONS_PER_PAGE);
    assert.ok(store.items.some((n) => n.read_at), `read notifications are listed (Chatwoot ${server.chatwoot} honours its own parameter)`);
    assert.equal(store.unreadCount, mine().filter((n) => n.readAt === null).length);
  });

  test('"more to load" follows the list’s meta, not a frame’s count', async () => {
    const ch = await connectCable();
    await sync.refresh();
    const total = mine().length;
    assert.ok(total > NOTIFICATIONS_PER_PAGE, `more than a page (${total})`);
    assert.equal(store.hasMore, true);

    // A new one: its frame's count is the unread, non-snoozed number, far below the list's size.
    const created = nextEvent(ch.onDidReceiveEvent, 'notification.created', (e) => e.event === 'notification.created');
    server.control.assign(unassignedOpen()[0], server.demoUserId, USERS.marcus);
    const frame = await created;
    assert.equal(frame.event, 'notification.created');
    const counts = frame.data as { count: number; unread_count: number };
    assert.equal(counts.count, mine().filter((n) => n.readAt === null).length);
    assert.ok(counts.count < store.items.length, `count ${counts.count} says less than the ${store.items.length} listed`);
    await cable.fence();
    assert.equal(store.items.length, NOTIFICATIONS_PER_PAGE + 1);
    assert.equal(store.hasMore, true, 'the rest of the list is still on the server');
    assert.equal(store.unreadCount, counts.unread_count);

    await sync.loadMore();
    assert.equal(store.items.length, mine().length);
    assert.equal(store.hasMore, false);
    assert.equal(new Set(store.items.map((n) => n.id)).size, store.items.length, 'no duplicates across pages');
  });

  test('a notification marked read by another client shows read after the next list refresh', async () => {
    await connectCable();
    await sync.refresh();
    const target = store.items.find((n) => !n.read_at && n.primary_actor_id);
    assert.ok(target);
    const unreadBefore = store.unreadCount;
    // Another window marks that conversation's notifications read: update_all, so no frame.
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/notifications/read_all`, {
      method: 'POST',
      headers: { api_access_token: server.demoToken, 'content-type': 'application/json' },
      body: JSON.stringify({ primary_actor_type: 'Conversation', primary_actor_id: target.primary_actor_id }),
    });
    assert.equal(res.status, 200);
    await cable.fence();
    assert.ok(!cable.received.some((e) => e.event === 'notification.updated'));
    assert.equal(store.get(target.id)?.read_at, null, 'nothing said so yet');

    // Back to the window after a while: the list is read again.
    const mark = server.control.mark();
    clock.advance(REFETCH_ON_FOCUS_MIN_INTERVAL_MS);
    focus.regain();
    await server.control.waitForKind('request', (r) => r.path.endsWith('/notifications'), 5000, mark);
    await sync.whenIdle();
    assert.ok(store.get(target.id)?.read_at, 'shown read');
    assert.equal(store.unreadCount, unreadBefore - 1);

    // Once more within 30 s: not refetched.
    const again = server.control.mark();
    clock.advance(1000);
    focus.regain();
    await sync.whenIdle();
    assert.ok(!server.control.happenings(again).some((h) => h.kind === 'request' && h.path.endsWith('/notifications')));
  });

  test('a list refresh that fails is retried with backoff until it succeeds, behind meanwhile', async () => {
    clock.defaultRandom = 0;
    const behind: boolean[] = [];
    sync.onDidChangeBehind((b) => behind.push(b));
    server.control.failNext(2, 500, '/notifications');
    await assert.rejects(sync.refresh());
    assert.equal(sync.isBehind, true);
    assert.equal(store.items.length, 0, 'nothing listed yet');
    for (let retry = 1; retry <= 2; retry++) {
      const mark = server.control.mark();
      const wait = clock.nextTimerIn();
      assert.ok(wait !== undefined, `retry ${retry} is scheduled`);
      clock.advance(wait);
      await sync.whenIdle();
      assert.ok(server.control.happenings(mark).some((h) => h.kind === 'request' && h.path.endsWith('/notifications')), `retry ${retry} reached the server`);
    }
    assert.equal(sync.isBehind, false);
    assert.deepEqual(behind, [true, false]);
    const serverIds = new Set(mine().map((n) => n.id));
    assert.ok(store.items.length > 0, 'the list arrived');
    assert.ok(store.items.every((n) => serverIds.has(n.id)));
  });

  test('a read mark made elsewhere one by one arrives live as notification.updated', async () => {
    const ch = await connectCable();
    await sync.refresh();
    const target = store.items.find((n) => !n.read_at);
    assert.ok(target);
    const updated = nextEvent(ch.onDidReceiveEvent, 'notification.updated', (e) => e.event === 'notification.updated');
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/notifications/${target.id}`, { method: 'PATCH', headers: { api_access_token: server.demoToken } });
    assert.equal(res.status, 200);
    await updated;
    assert.ok(store.get(target.id)?.read_at);
    assert.equal(store.items.length, NOTIFICATIONS_PER_PAGE, 'an update adds nothing to the list');
    assert.equal(store.hasMore, true);
  });

  test('our own read marks are optimistic and reach the server', async () => {
    await sync.refresh();
    const target = store.items.find((n) => !n.read_at);
    assert.ok(target);
    const done = sync.markRead(target.id);
    assert.ok(store.get(target.id)?.read_at, 'at once');
    await done;
    assert.notEqual(server.store.notifications.get(target.id)?.readAt, null);
    await sync.markAllRead();
    assert.equal(store.unreadCount, 0);
    assert.equal(mine().filter((n) => n.readAt === null).length, 0);
  });
});
