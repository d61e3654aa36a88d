import * as assert from 'node:assert/strict';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation, event } from '../../helpers/payloads';
import { FakeBackend } from './fakeBackend';

const ME = 1;

/**
 * Merging REST pages by id: the server orders by last_activity_at alone (no tie-break), so two
 * pages of one resync may overlap or skip rows when ties come back in another order or a
 * conversation moves between the two fetches. A held row must never vanish for that; rows
 * without `updated_at` (before 4.0.2) must still merge, but never undo an event.
 */
suite('ConversationSync: order, page boundaries and rows without updated_at', () => {
  let backend: FakeBackend;
  let store: ConversationStore;
  let sync: ConversationSync;

  setup(() => {
    backend = new FakeBackend();
    backend.meId = ME;
    store = new ConversationStore(1, ME);
    sync = new ConversationSync(store, backend, { clock: new FakeClock(), logger: new RedactingLogger(new MemoryLogSink(), new Redactor()) });
  });
  teardown(() => {
    sync.dispose();
    store.dispose();
  });

  const ids = (group: 'mine' | 'unassigned' | 'all') => store.members(group).map((c) => c.id);
  const gets = () => backend.calls.filter((c) => c.startsWith('get ')).sort();

  async function loadTwoPages(): Promise<void> {
    await sync.start();
    await sync.loadMore('all');
    await sync.whenIdle();
  }

  test('equal timestamps that come back in another order on page 2 lose no row', async () => {
    for (let i = 1; i <= 6; i++) backend.put(conversation(i, { last_activity_at: 100, updated_at: undefined }));
    await loadTwoPages();
    assert.deepEqual(ids('all'), [6, 5, 4, 3, 2, 1]);
    backend.calls.length = 0;
    // Page 1 in one order, page 2 in the other: rows 4–6 are on neither page.
    backend.beforeList = (_group, page) => (backend.tieOrder = page === 1 ? 'id-asc' : 'id-desc');
    await sync.resync();
    assert.deepEqual(ids('all'), [6, 5, 4, 3, 2, 1], 'nothing vanished');
    assert.deepEqual(gets(), ['get 4', 'get 5', 'get 6'], 'the rows the pages skipped were checked one by one');
  });

  test('a conversation that moves from page 2 to page 1 between the two fetches stays, at the top', async () => {
    for (let i = 1; i <= 6; i++) backend.put(conversation(i, { last_activity_at: 100 + i }));
    await loadTwoPages();
    // A reply in #2 lands after page 1 was fetched and before page 2 (and its event was lost).
    backend.beforeList = (group, page) => {
      if (group === 'all' && page === 2) backend.put(conversation(2, { last_activity_at: 200, updated_at: 2_000 }));
    };
    await sync.resync();
    assert.deepEqual(ids('all'), [2, 6, 5, 4, 3, 1]);
  });

  test('a conversation that leaves page 1 between the fetches does not take the next one with it', async () => {
    for (let i = 1; i <= 7; i++) backend.put(conversation(i, { last_activity_at: 100 + i }));
    await loadTwoPages();
    assert.deepEqual(ids('all'), [7, 6, 5, 4, 3, 2]);
    // #6 is resolved after page 1 was fetched: every row moves up one, and #4 is on neither page.
    backend.beforeList = (group, page) => {
      if (group === 'all' && page === 2) backend.put(conversation(6, { status: 'resolved', last_activity_at: 106, updated_at: 2_000 }));
    };
    await sync.resync();
    assert.ok(ids('all').includes(4), `#4 is still listed: ${ids('all').join(',')}`);
    assert.ok(gets().includes('get 4'));
  });

  test('a held row strictly above the end of page 1 that page 1 did not list has left: dropped without a GET', async () => {
    for (let i = 1; i <= 6; i++) backend.put(conversation(i, { last_activity_at: 100 + i }));
    await loadTwoPages();
    backend.conversations.delete(6);
    backend.calls.length = 0;
    await sync.resync();
    assert.equal(store.get(6), undefined);
    assert.deepEqual(gets(), []);
  });

  test('a held row below the refetched window is dropped after a gap: resolved while disconnected, it no longer shows as open', async () => {
    for (let i = 1; i <= 8; i++) backend.put(conversation(i, { last_activity_at: 100 + i }));
    await sync.start();
    // An event brought #2 in from below page 1 (#8, #7, #6); then it was resolved while the
    // socket was down, so no event said so.
    sync.applyEvent(event('conversation.updated', conversation(2, { last_activity_at: 102, updated_at: 1_500 })));
    assert.ok(ids('all').includes(2));
    backend.put(conversation(2, { status: 'resolved', last_activity_at: 102, updated_at: 2_000 }));
    backend.calls.length = 0;
    // A resync without a gap (focus, unread counts) lost nothing: the row stays.
    await sync.resync();
    assert.ok(ids('all').includes(2), 'kept without a gap');
    // The resync after a reconnect drops it, at no cost of requests one by one.
    sync.markGap();
    await sync.resync();
    assert.ok(!ids('all').includes(2), `#2 is no longer shown as open: ${ids('all').join(',')}`);
    assert.deepEqual(gets(), [], 'no one-by-one requests');
  });

  test('rows without updated_at merge by id, but a page fetched before an event does not undo it', async () => {
    backend.put(conversation(1, { assigneeId: null, updated_at: undefined }), conversation(2, { updated_at: undefined }));
    await sync.start();
    backend.put(conversation(2, { labels: ['vip'], updated_at: undefined }));
    backend.hold();
    const resync = sync.resync();
    await new Promise((r) => setImmediate(r));
    // The server assigned #1 to me after it rendered the (held) page; the event came first.
    sync.applyEvent(event('assignee.changed', conversation(1, { assigneeId: ME, updated_at: undefined })));
    backend.release();
    await resync;
    assert.deepEqual(ids('mine'), [1], 'the late row did not undo the event');
    assert.deepEqual(store.get(2)?.labels, ['vip'], 'a row for a conversation nothing else wrote is taken');
  });

  test('with updated_at (4.0.2+), a late row replaces an event only if it is newer', async () => {
    backend.put(conversation(1, { updated_at: 10 }));
    await sync.start();
    backend.put(conversation(1, { assigneeId: 9, updated_at: 30 }));
    backend.hold();
    const resync = sync.resync();
    await new Promise((r) => setImmediate(r));
    sync.applyEvent(event('assignee.changed', conversation(1, { assigneeId: ME, updated_at: 20 })));
    backend.release();
    await resync;
    assert.equal(store.get(1)?.assigneeId, 9, 'the row is newer than the event');
  });
});
