import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../../src/conversations/store';
import { nextUnread, unreadOrder } from '../../../../src/views/tree/navigation';
import { conversation } from '../../../helpers/payloads';

suite('navigation', () => {
  let store: ConversationStore;
  setup(() => (store = new ConversationStore(1, 1)));
  teardown(() => store.dispose());

  test('next unread: Mine first, then Unassigned, then the rest; wraps around', () => {
    store.upsert(conversation(1, { assigneeId: null, unread_count: 1, last_activity_at: 50 }), { counts: 'none' });
    store.upsert(conversation(2, { assigneeId: 1, unread_count: 1, last_activity_at: 10 }), { counts: 'none' });
    store.upsert(conversation(3, { assigneeId: 7, unread_count: 2, last_activity_at: 90 }), { counts: 'none' });
    store.upsert(conversation(4, { assigneeId: 1, unread_count: 0 }), { counts: 'none' });
    assert.deepEqual(unreadOrder(store).map((c) => c.id), [2, 1, 3]);
    assert.equal(nextUnread(store, undefined)?.id, 2);
    assert.equal(nextUnread(store, 2)?.id, 1);
    assert.equal(nextUnread(store, 3)?.id, 2);
  });
});
