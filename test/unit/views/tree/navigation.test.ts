import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../../src/conversations/store';
import { adjacentConversation, groupOf, nextUnread, unreadOrder } from '../../../../src/views/tree/navigation';
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

suite('navigation: next and previous', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, 1);
    store.upsert(conversation(1, { assigneeId: 1, last_activity_at: 90 }), { counts: 'none' });
    store.upsert(conversation(2, { assigneeId: null, last_activity_at: 80 }), { counts: 'none' });
    store.upsert(conversation(3, { assigneeId: 1, last_activity_at: 70 }), { counts: 'none' });
    store.upsert(conversation(4, { assigneeId: 1, last_activity_at: 60 }), { counts: 'none' });
  });
  teardown(() => store.dispose());

  test('moves through one list in the tree\'s order and stops at its ends', () => {
    assert.equal(adjacentConversation(store, 'mine', 1, 1)?.id, 3);
    assert.equal(adjacentConversation(store, 'mine', 3, -1)?.id, 1);
    assert.equal(adjacentConversation(store, 'all', 1, 1)?.id, 2, 'All lists the unassigned one between');
    assert.equal(adjacentConversation(store, 'mine', 4, 1), undefined);
    assert.equal(adjacentConversation(store, 'mine', 1, -1), undefined);
  });

  test('from nothing (or a conversation the list lacks) starts at the list\'s first or last row', () => {
    assert.equal(adjacentConversation(store, 'mine', undefined, 1)?.id, 1);
    assert.equal(adjacentConversation(store, 'mine', 2, -1)?.id, 4);
  });

  test('the list moved through: the preferred one if it lists the conversation, else the first that does', () => {
    assert.equal(groupOf(store, 3, 'all'), 'all');
    assert.equal(groupOf(store, 3, 'unassigned'), 'mine');
    assert.equal(groupOf(store, 2, undefined), 'unassigned');
  });
});
