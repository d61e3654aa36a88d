import * as assert from 'node:assert/strict';
import { ConversationStore, StoreChange } from '../../../src/conversations/store';
import { conversation } from '../../helpers/payloads';

const ME = 1;

suite('ConversationStore', () => {
  let store: ConversationStore;
  let changes: StoreChange[];
  setup(() => {
    store = new ConversationStore(1, ME);
    changes = [];
    store.onDidChange((c) => changes.push(c));
  });
  teardown(() => store.dispose());

  test('normalises a conversation: contact, assignee and team are kept once, by id', () => {
    store.upsert(conversation(7, { assigneeId: 3, contactId: 40, contactName: 'Ada', meta: { sender: { id: 40, name: 'Ada' }, assignee: { id: 3, name: 'Marcus' }, team: { id: 2, name: 'Billing' }, channel: 'Channel::Email' } }), { counts: 'none' });
    const c = store.get(7)!;
    assert.equal(c.contactId, 40);
    assert.equal(c.assigneeId, 3);
    assert.equal(c.teamId, 2);
    assert.equal(store.contact(40)?.name, 'Ada');
    assert.equal(store.agent(3)?.name, 'Marcus');
    assert.equal(store.team(2)?.name, 'Billing');
    assert.equal(c.channel, 'Channel::Email');
  });

  test('a newer updated_at wins; an older one is ignored; equal is accepted', () => {
    store.upsert(conversation(7, { updated_at: 10, status: 'open' }), { counts: 'none' });
    assert.equal(store.upsert(conversation(7, { updated_at: 9, status: 'resolved' }), { counts: 'none' }), false);
    assert.equal(store.get(7)?.status, 'open');
    assert.equal(store.upsert(conversation(7, { updated_at: 11, status: 'pending' }), { counts: 'none' }), true);
    assert.equal(store.get(7)?.status, 'pending');
    assert.equal(store.upsert(conversation(7, { updated_at: 11, status: 'snoozed' }), { counts: 'none' }), true);
    assert.equal(store.get(7)?.status, 'snoozed');
  });

  test('replaying the same payload changes nothing and fires nothing', () => {
    store.upsert(conversation(7), { counts: 'none' });
    changes.length = 0;
    assert.equal(store.upsert(conversation(7), { counts: 'none' }), false);
    assert.equal(changes.length, 0);
  });

  test('change events name the changed conversations, and which of them moved', () => {
    store.upsert(conversation(7), { counts: 'none' });
    assert.deepEqual([...changes[0].conversations], [7]);
    assert.deepEqual([...changes[0].moved], [7], 'a new conversation moved into its groups');
    store.upsert(conversation(7, { muted: true, updated_at: 1_001 }), { counts: 'none' });
    assert.deepEqual([...changes[1].conversations], [7]);
    assert.equal(changes[1].moved.size, 0, 'muting does not move it');
    store.upsert(conversation(7, { labels: ['vip'], status: 'resolved', updated_at: 1_002 }), { counts: 'none' });
    assert.deepEqual([...changes[2].moved], [7]);
  });

  test('a label, team, priority or waiting change moves it: the label and team filters and the sorts read them', () => {
    store.upsert(conversation(7), { counts: 'none' });
    const fields: Array<Parameters<typeof conversation>[1]> = [
      { labels: ['vip'] },
      { meta: { sender: { id: 107, name: 'Contact 7' }, assignee: null, team: { id: 2, name: 'Sales' }, channel: 'Channel::WebWidget' } },
      { priority: 'urgent' },
      { waiting_since: 900 },
    ];
    fields.forEach((f, i) => {
      changes.length = 0;
      store.upsert(conversation(7, { ...f, updated_at: 2_000 + i }), { counts: 'none' });
      assert.deepEqual([...changes[0].moved], [7], JSON.stringify(f));
    });
  });

  test('members follow the filter\'s sort, and a live change re-sorts them', () => {
    store.setFilter({ status: 'open', inboxId: undefined, sort: 'priority_desc' });
    store.upsert(conversation(1, { priority: 'low', last_activity_at: 3_000 }), { counts: 'none' });
    store.upsert(conversation(2, { priority: 'urgent', last_activity_at: 1_000 }), { counts: 'none' });
    store.upsert(conversation(3, { priority: null, last_activity_at: 5_000 }), { counts: 'none' });
    assert.deepEqual(store.members('all').map((c) => c.id), [2, 1, 3]);
    store.patch(3, { priority: 'high' }, 'delta');
    assert.deepEqual(store.members('all').map((c) => c.id), [2, 3, 1]);
    store.setFilter({ status: 'open', inboxId: undefined, sort: 'created_at_desc' });
    store.patch(1, { createdAt: 900 }, 'delta');
    assert.deepEqual(store.members('all').map((c) => c.id), [1, 3, 2], 'created_at desc, ties by the higher id');
  });

  test('a label or team filter decides membership locally, and moves the counts', () => {
    store.setFilter({ status: 'open', inboxId: undefined, label: 'vip', teamId: 2 });
    store.setCounts({ mine: 0, unassigned: 0, all: 0 });
    const team = { sender: { id: 107, name: 'Contact 7' }, assignee: null, team: { id: 2, name: 'Sales' }, channel: 'Channel::WebWidget' };
    store.upsert(conversation(7, { labels: ['vip'], meta: team }), { counts: 'none' });
    store.upsert(conversation(8, { labels: ['vip'] }), { counts: 'none' });
    assert.deepEqual(store.members('all').map((c) => c.id), [7], 'no team: not a member');
    store.patch(8, { teamId: 2 }, 'delta');
    assert.deepEqual(store.members('all').map((c) => c.id), [8, 7]);
    assert.equal(store.counts?.all, 1);
    store.patch(7, { labels: [] }, 'delta');
    assert.deepEqual(store.members('all').map((c) => c.id), [8]);
    assert.equal(store.counts?.all, 0);
  });

  test('a batch fires once', () => {
    store.batch(() => {
      for (let i = 1; i <= 5; i++) store.upsert(conversation(i), { counts: 'none' });
    });
    assert.equal(changes.length, 1);
    assert.equal(changes[0].conversations.size, 5);
  });

  test('groups: Mine, Unassigned and All under the filter, by last activity', () => {
    store.batch(() => {
      store.upsert(conversation(1, { assigneeId: ME, last_activity_at: 50 }), { counts: 'none' });
      store.upsert(conversation(2, { assigneeId: null, last_activity_at: 70 }), { counts: 'none' });
      store.upsert(conversation(3, { assigneeId: 9, last_activity_at: 60 }), { counts: 'none' });
      store.upsert(conversation(4, { assigneeId: ME, status: 'resolved', last_activity_at: 10 }), { counts: 'none' });
      store.upsert(conversation(5, { assigneeId: ME, inbox_id: 2, last_activity_at: 90 }), { counts: 'none' });
    });
    assert.deepEqual(store.members('mine').map((c) => c.id), [5, 1]);
    assert.deepEqual(store.members('unassigned').map((c) => c.id), [2]);
    assert.deepEqual(store.members('all').map((c) => c.id), [5, 2, 3, 1]);
    store.setFilter({ status: 'open', inboxId: 1 });
    assert.deepEqual(store.members('mine').map((c) => c.id), [1]);
    store.setFilter({ status: 'all', inboxId: undefined });
    assert.deepEqual(store.members('mine').map((c) => c.id), [5, 1, 4]);
  });

  test('counts move by the difference when a known conversation changes group', () => {
    store.upsert(conversation(7, { assigneeId: null }), { counts: 'none' });
    store.setCounts({ mine: 2, unassigned: 5, all: 9 });
    store.upsert(conversation(7, { assigneeId: ME, updated_at: 2_000 }), { counts: 'delta' });
    assert.deepEqual(store.counts, { mine: 3, unassigned: 4, all: 9 });
    store.upsert(conversation(7, { assigneeId: ME, status: 'resolved', updated_at: 2_001 }), { counts: 'delta' });
    assert.deepEqual(store.counts, { mine: 2, unassigned: 4, all: 8 });
  });

  test('counts: a created conversation adds one; an unknown one changes nothing (the sync refetches)', () => {
    store.setCounts({ mine: 0, unassigned: 0, all: 0 });
    store.upsert(conversation(8), { counts: 'delta', created: true });
    assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });
    store.upsert(conversation(9), { counts: 'delta' });
    assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });
  });

  test('REST data never rolls back a message the store has already seen', () => {
    store.upsert(conversation(7, { unread_count: 0, messages: [] }), { counts: 'none' });
    store.patch(7, { lastMessage: { id: 50, text: 'new', messageType: 0, private: false, createdAt: 3_000, hasAttachments: false, deleted: false }, unreadCount: 2, lastActivityAt: 3_000 }, 'delta');
    const older = conversation(7, { updated_at: 2_000, unread_count: 1, last_activity_at: 2_500, messages: [{ id: 40, conversation_id: 7, content: 'old', message_type: 0, private: false, created_at: 2_500 }] as never });
    store.upsert(older, { counts: 'none' });
    const c = store.get(7)!;
    assert.equal(c.lastMessage?.id, 50);
    assert.equal(c.unreadCount, 2);
    assert.equal(c.lastActivityAt, 3_000);
  });

  test('an optimistic change is undone, unless the server has set the field since', () => {
    store.upsert(conversation(7, { status: 'open' }), { counts: 'none' });
    store.setCounts({ mine: 0, unassigned: 1, all: 1 });
    const undo = store.patchOptimistic(7, { status: 'resolved' });
    assert.equal(store.get(7)?.status, 'resolved');
    assert.deepEqual(store.counts, { mine: 0, unassigned: 0, all: 0 });
    undo();
    assert.equal(store.get(7)?.status, 'open');
    assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });

    const undo2 = store.patchOptimistic(7, { status: 'resolved' });
    store.upsert(conversation(7, { status: 'pending', updated_at: 5_000 }), { counts: 'delta' });
    undo2();
    assert.equal(store.get(7)?.status, 'pending', "the server's value stands");
  });

  test('a contact rename touches its conversations; a deleted contact takes them away', () => {
    store.batch(() => {
      store.upsert(conversation(1, { contactId: 40 }), { counts: 'none' });
      store.upsert(conversation(2, { contactId: 40 }), { counts: 'none' });
      store.upsert(conversation(3, { contactId: 41 }), { counts: 'none' });
    });
    changes.length = 0;
    store.upsertContact({ id: 40, name: 'Renamed' });
    assert.deepEqual([...changes[0].conversations].sort(), [1, 2]);
    assert.equal(store.contact(40)?.name, 'Renamed');
    store.removeContact(40);
    assert.deepEqual([...store.conversations.keys()], [3]);
    assert.deepEqual([...changes[1].removed].sort(), [1, 2]);
  });

  test('unread total of Mine', () => {
    store.upsert(conversation(1, { assigneeId: ME, unread_count: 2 }), { counts: 'none' });
    store.upsert(conversation(2, { assigneeId: ME, unread_count: 3 }), { counts: 'none' });
    store.upsert(conversation(3, { assigneeId: null, unread_count: 4 }), { counts: 'none' });
    assert.equal(store.unreadTotal('mine'), 5);
    assert.equal(store.unreadTotal('all'), 9);
  });
});
