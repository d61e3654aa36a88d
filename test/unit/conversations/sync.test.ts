import * as assert from 'node:assert/strict';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationActions } from '../../../src/conversations/actions';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation, event, message } from '../../helpers/payloads';
import { FakeBackend } from './fakeBackend';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

suite('ConversationSync', () => {
  let clock: FakeClock;
  let backend: FakeBackend;
  let store: ConversationStore;
  let sync: ConversationSync;
  let background: string[];

  setup(() => {
    clock = new FakeClock();
    backend = new FakeBackend();
    store = new ConversationStore(1, 1);
    background = [];
    sync = new ConversationSync(store, backend, {
      clock,
      logger: new RedactingLogger(new MemoryLogSink(), new Redactor()),
      onBackgroundError: (_e, action) => background.push(action),
    });
  });
  teardown(() => {
    sync.dispose();
    store.dispose();
  });

  /** Lets scheduled work run: moves fake time on until nothing is pending. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 50 && !sync.isIdle; i++) {
      await flush();
      clock.advance(100);
    }
    assert.ok(sync.isIdle, 'the sync settled');
  }

  const ids = (group: 'mine' | 'unassigned' | 'all') => store.members(group).map((c) => c.id);

  test('the first load lists page 1 of each group, the counts and the reference data', async () => {
    for (let i = 1; i <= 5; i++) backend.put(conversation(i, { assigneeId: i <= 2 ? 1 : null, last_activity_at: 100 + i }));
    await sync.start();
    // Page size 3: All shows its first page, Mine (#1, #2) arrived with its own page 1.
    assert.deepEqual(ids('all'), [5, 4, 3, 2, 1]);
    assert.deepEqual(ids('mine'), [2, 1]);
    assert.deepEqual(store.counts, { mine: 2, unassigned: 3, all: 5 });
    assert.ok(backend.calls.includes('list mine 1') && backend.calls.includes('list unassigned 1') && backend.calls.includes('list all 1'));
    await settle();
    assert.equal(store.inbox(1)?.name, 'Website');
    assert.equal(sync.isLoaded, true);
  });

  test('page by page on demand; hasMore follows the server count', async () => {
    for (let i = 1; i <= 8; i++) backend.put(conversation(i, { assigneeId: 9, last_activity_at: 100 + i }));
    await sync.start();
    assert.deepEqual(ids('all'), [8, 7, 6]);
    assert.equal(sync.hasMore('all'), true);
    await sync.loadMore('all');
    await sync.loadMore('all');
    assert.deepEqual(ids('all'), [8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(sync.hasMore('all'), false);
    assert.equal(sync.pagesLoaded('all'), 3);
  });

  test('resync refetches every loaded page and reconciles new, changed and departed conversations', async () => {
    for (let i = 1; i <= 6; i++) backend.put(conversation(i, { assigneeId: null, last_activity_at: 100 + i }));
    await sync.start();
    await sync.loadMore('all');
    assert.deepEqual(ids('all'), [6, 5, 4, 3, 2, 1]);
    // While disconnected: #7 is created, #2 gets a reply (moves to the top), #5 is resolved.
    backend.put(conversation(7, { last_activity_at: 200 }));
    backend.put(conversation(2, { last_activity_at: 210, updated_at: 2_000, unread_count: 1 }));
    backend.put(conversation(5, { status: 'resolved', updated_at: 2_000 }));
    backend.calls.length = 0;
    await sync.resync();
    assert.deepEqual(backend.calls.filter((c) => c.startsWith('list all')), ['list all 1', 'list all 2'], 'both loaded pages, not updated_within');
    assert.deepEqual(ids('all'), [2, 7, 6, 4, 3, 1]);
    assert.equal(store.get(2)?.unreadCount, 1);
    // Not listed, but inside the window where pages may shift: fetched by itself, it is resolved.
    assert.equal(store.get(5)?.status, 'resolved', 'resolved: it left the open filter');
    assert.ok(backend.calls.includes('get 5'));
    assert.deepEqual(store.counts, { mine: 0, unassigned: 6, all: 6 });
  });

  test('resync drops a held conversation the server no longer lists inside the window', async () => {
    for (let i = 1; i <= 3; i++) backend.put(conversation(i, { assigneeId: null, last_activity_at: 100 + i }));
    await sync.start();
    // #3 moved to an inbox this agent cannot see: the server lists it nowhere.
    backend.conversations.delete(3);
    await sync.resync();
    assert.equal(store.get(3), undefined);
    assert.deepEqual(ids('all'), [2, 1]);
  });

  test('resync keeps what an event changed while the fetch was under way', async () => {
    for (let i = 1; i <= 2; i++) backend.put(conversation(i, { last_activity_at: 100 + i }));
    await sync.start();
    backend.hold();
    const resync = sync.resync();
    await flush();
    // Created after the server answered our (held) list call, so it is missing from it.
    sync.applyEvent(event('conversation.created', conversation(9, { last_activity_at: 500 })));
    backend.release();
    await resync;
    assert.ok(store.get(9), 'the event is fresher than the fetch');
  });

  test('resyncs are coalesced: one in flight, one queued, however many are asked for', async () => {
    backend.put(conversation(1));
    await sync.start();
    backend.calls.length = 0;
    backend.hold();
    const runs = [sync.resync(), sync.resync(), sync.resync(), sync.resync()];
    await flush();
    assert.equal(backend.calls.filter((c) => c === 'list all 1').length, 1, 'one in flight');
    backend.release();
    await Promise.all(runs);
    assert.equal(backend.calls.filter((c) => c === 'list all 1').length, 2, 'plus exactly one queued run');
  });

  test('a reply in a conversation outside the loaded pages fetches that conversation', async () => {
    for (let i = 1; i <= 5; i++) backend.put(conversation(i, { last_activity_at: 100 + i }));
    await sync.start();
    assert.equal(store.get(1), undefined, 'not on page 1');
    backend.put(conversation(1, { last_activity_at: 900, updated_at: 3_000 }));
    sync.applyEvent(event('message.created', message(77, 1)));
    await settle();
    assert.equal(store.get(1)?.lastActivityAt, 900);
    assert.equal(ids('all')[0], 1);
    assert.ok(backend.calls.includes('get 1'));
  });

  test('counts are refetched once after a burst of events that could move them', async () => {
    await sync.start();
    backend.calls.length = 0;
    for (let i = 10; i < 20; i++) sync.applyEvent(event('conversation.created', conversation(i)));
    clock.advance(299);
    assert.equal(backend.calls.filter((c) => c === 'counts').length, 0);
    clock.advance(1);
    await settle();
    assert.equal(backend.calls.filter((c) => c === 'counts').length, 1);
  });

  test('conversation.unread_count_changed: one refetch of the loaded pages per burst, 5 s later', async () => {
    backend.put(conversation(1, { unread_count: 2 }), conversation(2, { unread_count: 1 }));
    await sync.start();
    backend.calls.length = 0;
    // Read elsewhere: only a refetch can tell this window.
    backend.put(conversation(1, { unread_count: 0 }), conversation(2, { unread_count: 0 }));
    for (let i = 0; i < 10; i++) sync.applyEvent(event('conversation.unread_count_changed', { account_id: 1 }));
    clock.advance(4_999);
    await flush();
    assert.equal(backend.calls.length, 0);
    assert.equal(store.get(1)?.unreadCount, 2);
    clock.advance(1);
    await settle();
    assert.deepEqual(backend.calls.filter((c) => c.startsWith('list')).sort(), ['list all 1', 'list mine 1', 'list unassigned 1']);
    assert.equal(store.get(1)?.unreadCount, 0);
    assert.equal(store.get(2)?.unreadCount, 0);
  });

  test('a filter change starts again at page 1 and takes the new counts', async () => {
    backend.put(conversation(1), conversation(2, { status: 'pending' }));
    await sync.start();
    await sync.setFilter({ status: 'pending', inboxId: undefined });
    assert.deepEqual(ids('all'), [2]);
    assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });
  });

  test('a failed background fetch is reported, not thrown', async () => {
    await sync.start();
    sync.applyEvent(event('conversation.created', conversation(3)));
    backend.failNext = new Error('boom');
    await settle();
    assert.deepEqual(background, ['refresh the conversation counts']);
  });

  suite('actions', () => {
    test('optimistic: the row moves at once, and stays when the server agrees', async () => {
      backend.put(conversation(1, { assigneeId: null }));
      await sync.start();
      const actions = new ConversationActions(store, backend, sync);
      backend.hold();
      const done = actions.assign(1, 1);
      assert.deepEqual(ids('mine'), [1], 'before the server answers');
      assert.deepEqual(store.counts, { mine: 1, unassigned: 0, all: 1 });
      backend.release();
      await done;
      assert.deepEqual(ids('mine'), [1]);
    });

    test('a refused action shows at once, then rolls back and rethrows', async () => {
      backend.put(conversation(1));
      await sync.start();
      const actions = new ConversationActions(store, backend, sync);
      backend.hold();
      const done = actions.setStatus(1, 'resolved');
      assert.equal(store.get(1)?.status, 'resolved', 'before the server answers');
      assert.deepEqual(ids('all'), [], 'the row left the open list at once');
      assert.deepEqual(store.counts, { mine: 0, unassigned: 0, all: 0 });
      backend.failNext = new Error('refused');
      backend.release();
      await assert.rejects(done, /refused/);
      assert.equal(store.get(1)?.status, 'open');
      assert.deepEqual(ids('all'), [1], 'the row is back');
      assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });
    });

    test('mark read and unread set the count the server answers', async () => {
      backend.put(conversation(1, { unread_count: 3 }));
      await sync.start();
      const actions = new ConversationActions(store, backend, sync);
      await actions.markRead(1);
      assert.equal(store.get(1)?.unreadCount, 0);
      await actions.markUnread(1);
      assert.equal(store.get(1)?.unreadCount, 1);
    });
  });
});
