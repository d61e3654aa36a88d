import * as assert from 'node:assert/strict';
import { Notification } from '../../../src/model/notification';
import { NotificationStore } from '../../../src/notifications/notificationStore';

const n = (id: number, at: number, read = false): Notification =>
  ({ id, notification_type: 'conversation_assignment', primary_actor: { id: id + 100 }, created_at: at, last_activity_at: at, read_at: read ? at : null }) as Notification;

suite('NotificationStore', () => {
  let store: NotificationStore;
  let changes: number;
  setup(() => {
    store = new NotificationStore();
    changes = 0;
    store.onDidChange(() => changes++);
  });

  test('lists newest activity first and takes the server counts', () => {
    store.setPage(1, [n(1, 100), n(2, 300), n(3, 200, true)], { unread_count: 2, count: 3 });
    assert.deepEqual(store.items.map((x) => x.id), [2, 3, 1]);
    assert.equal(store.unreadCount, 2);
    assert.equal(store.hasMore, false);
  });

  test('page 1 replaces (the resync); later pages append; hasMore follows the total', () => {
    store.setPage(1, [n(1, 100)], { unread_count: 5, count: 30 });
    assert.equal(store.hasMore, true);
    store.setPage(2, [n(2, 50)], { unread_count: 5, count: 30 });
    assert.equal(store.pagesLoaded, 2);
    store.setPage(1, [n(3, 400)], { unread_count: 1, count: 1 });
    assert.deepEqual(store.items.map((x) => x.id), [3]);
    assert.equal(store.pagesLoaded, 1);
  });

  test('created, updated and deleted events keep list and counts right', () => {
    store.setPage(1, [n(1, 100)], { unread_count: 1, count: 1 });
    store.upsert(n(2, 200), { unread_count: 2, count: 2 });
    store.upsert({ ...n(2, 200), read_at: 201 }, { unread_count: 1, count: 2 });
    assert.equal(store.get(2)?.read_at, 201);
    store.remove(1, { unread_count: 0, count: 1 });
    assert.deepEqual(store.items.map((x) => x.id), [2]);
    assert.equal(store.unreadCount, 0);
    assert.equal(changes, 4);
  });

  test("a frame's count is the unread number, not the list's size: it never decides hasMore", () => {
    store.setPage(1, [n(1, 100), n(2, 200, true), n(3, 300, true)], { unread_count: 1, count: 20 });
    assert.equal(store.hasMore, true);
    store.upsert(n(4, 400), { unread_count: 2, count: 2 }, true);
    assert.equal(store.hasMore, true, 'one more listed, one more on the server');
    assert.equal(store.unreadCount, 2);
    store.upsert({ ...n(2, 200), read_at: 250 }, { unread_count: 2, count: 2 });
    store.remove(3, { unread_count: 2, count: 2 });
    assert.equal(store.items.length, 3);
    assert.equal(store.hasMore, true, '20 + 1 created - 1 deleted on the server, 3 here');
  });

  test('a snoozed one leaves the list (it is fetched without snoozed ones); a refetch replaces everything', () => {
    store.setPage(1, [n(1, 100), n(2, 200)], { unread_count: 2, count: 2 });
    store.upsert({ ...n(2, 200), snoozed_until: '2030-01-01T00:00:00Z' }, { unread_count: 1, count: 1 });
    assert.deepEqual(store.items.map((x) => x.id), [1]);
    assert.equal(store.hasMore, false);
    store.replace([n(5, 500), n(6, 600, true)], { unread_count: 1, count: 40 }, 2);
    assert.deepEqual(store.items.map((x) => x.id), [6, 5]);
    assert.equal(store.pagesLoaded, 2);
    assert.equal(store.hasMore, true);
  });

  test('markRead is optimistic and its undo restores exactly', () => {
    store.setPage(1, [n(1, 100), n(2, 200)], { unread_count: 2, count: 2 });
    const undo = store.markRead(1, 999);
    assert.equal(store.unreadCount, 1);
    assert.equal(store.get(1)?.read_at, 999);
    undo();
    assert.equal(store.unreadCount, 2);
    assert.equal(store.get(1)?.read_at, null);
    assert.equal(store.markRead(42, 1)(), undefined, 'unknown ids are a no-op');
  });

  test('markAllRead zeroes the count and can be undone', () => {
    store.setPage(1, [n(1, 100), n(2, 200, true)], { unread_count: 1, count: 2 });
    const undo = store.markAllRead(999);
    assert.equal(store.unreadCount, 0);
    assert.ok(store.items.every((x) => x.read_at));
    undo();
    assert.equal(store.unreadCount, 1);
    assert.equal(store.get(1)?.read_at, null);
  });
});
