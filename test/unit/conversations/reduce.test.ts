import * as assert from 'node:assert/strict';
import { reduce } from '../../../src/conversations/reduce';
import { ConversationStore, StoreChange } from '../../../src/conversations/store';
import { seedFrame, SEED_EVENT_NAMES } from '../../fixtures/seeds';
import { conversation, event, message } from '../../helpers/payloads';

type SeedName = (typeof SEED_EVENT_NAMES)[number];

/** A seed sample as a typed event, with `patch` merged into its data. */
function seed(name: SeedName, patch: Record<string, unknown> = {}) {
  const frame = seedFrame(name);
  return event(frame.message.event, { ...frame.message.data, ...patch });
}

suite('reduce (cable events → store)', () => {
  let store: ConversationStore;
  let changes: StoreChange[];
  setup(() => {
    // User 1 is "John", the assignee in the seed samples.
    store = new ConversationStore(1, 1);
    changes = [];
    store.onDidChange((c) => changes.push(c));
  });
  teardown(() => store.dispose());

  test('conversation.created (seed) adds the conversation, its contact and assignee, and counts it', () => {
    store.setCounts({ mine: 0, unassigned: 0, all: 0 });
    const result = reduce(store, seed('conversation.created'));
    const c = store.get(7)!;
    assert.equal(c.status, 'open');
    assert.equal(c.assigneeId, 1);
    assert.equal(store.contact(10)?.name, 'white-shadow-394');
    assert.equal(store.agent(1)?.name, 'John');
    assert.equal(c.lastActivityAt, 1627060394, 'timestamp stands in for last_activity_at');
    assert.deepEqual(store.counts, { mine: 1, unassigned: 0, all: 1 });
    assert.equal(result.countsStale, true, 'the server is asked for its counts as well');
  });

  test('conversation.read (seed) is the contact reading: contact_last_seen_at moves, the agent unread stays', () => {
    store.upsert(conversation(9, { unread_count: 3, updated_at: undefined, contact_last_seen_at: 100 }), { counts: 'none' });
    const frame = seed('conversation.read');
    const data = frame.data as { unread_count?: number; contact_last_seen_at?: number };
    assert.equal(data.unread_count, 0, 'the seed frame says 0 unread');
    reduce(store, frame);
    assert.equal(store.get(9)?.unreadCount, 3);
    assert.equal(store.get(9)?.contactLastSeenAt, 1627061467);
  });

  test('conversation.read for a conversation the store does not hold adds nothing', () => {
    reduce(store, seed('conversation.read'));
    assert.equal(store.get(9), undefined);
  });

  test('message.created (seed) becomes the last message, moves the activity time and adds unread', () => {
    reduce(store, seed('conversation.created'));
    changes.length = 0;
    reduce(store, seed('message.created'));
    const c = store.get(7)!;
    assert.equal(c.lastMessage?.id, 106);
    assert.equal(c.lastMessage?.text, 'hi');
    assert.equal(c.lastActivityAt, 1627060394);
    assert.equal(c.unreadCount, 1, 'an incoming message with no conversation summary counts one');
    reduce(store, seed('message.created'));
    assert.equal(store.get(7)?.unreadCount, 1, 'the replay counts nothing');
  });

  test('message.created takes unread and activity from the conversation summary when present', () => {
    store.upsert(conversation(7), { counts: 'none' });
    reduce(store, event('message.created', { ...message(300, 7), conversation: { unread_count: 4, last_activity_at: 9_999 } }));
    assert.equal(store.get(7)?.unreadCount, 4);
    assert.equal(store.get(7)?.lastActivityAt, 9_999);
  });

  test('an activity message neither becomes the preview nor moves the activity time', () => {
    store.upsert(conversation(7, { last_activity_at: 1_000 }), { counts: 'none' });
    reduce(store, event('message.created', message(301, 7, { message_type: 2, content: 'Conversation was resolved', created_at: 5_000 })));
    assert.equal(store.get(7)?.lastMessage, undefined);
    assert.equal(store.get(7)?.lastActivityAt, 1_000);
  });

  test('message.created for a conversation the store lacks asks for it (a reply in an older conversation)', () => {
    reduce(store, seed('message.created'));
    assert.equal(store.get(7), undefined);
    assert.deepEqual([...changes[0].missing], [7]);
  });

  test('message.updated (seed) rewrites the preview only when it is the last message', () => {
    store.upsert(conversation(8), { counts: 'none' });
    reduce(store, event('message.created', message(111, 8, { content: 'before', message_type: 1 })));
    reduce(store, seed('message.updated'));
    assert.equal(store.get(8)?.lastMessage?.text, 'Get notified by email');
    reduce(store, event('message.updated', message(50, 8, { content: 'an older one' })));
    assert.equal(store.get(8)?.lastMessage?.text, 'Get notified by email');
  });

  test('conversation.status_changed (seed) moves it out of the open filter and fixes the counts', () => {
    reduce(store, seed('conversation.created'));
    store.setCounts({ mine: 1, unassigned: 0, all: 1 });
    reduce(store, seed('conversation.status_changed'));
    assert.equal(store.get(7)?.status, 'pending');
    assert.deepEqual(store.members('all'), []);
    assert.deepEqual(store.counts, { mine: 0, unassigned: 0, all: 0 });
    assert.ok(changes.at(-1)?.moved.has(7));
  });

  test('assignee.changed (seed, with an id) moves it between Mine and Unassigned', () => {
    store.upsert(conversation(7, { assigneeId: null, updated_at: undefined }), { counts: 'none' });
    store.setCounts({ mine: 0, unassigned: 1, all: 1 });
    reduce(store, seed('assignee.changed', { id: 7 }));
    assert.equal(store.get(7)?.assigneeId, 1);
    assert.deepEqual(store.counts, { mine: 1, unassigned: 0, all: 1 });
  });

  test('team.changed (seed) names the team', () => {
    reduce(store, seed('team.changed'));
    const c = store.get(8)!;
    const team = seedFrame('team.changed').message.data.meta as { team: { id: number; name: string } | null };
    assert.equal(c.teamId, team.team?.id ?? null);
  });

  test('conversation.contact_changed (seed) points the conversation at the new contact', () => {
    // meta.sender names the contact now shown (the sample's contact_inbox disagrees; the sender is what the list shows).
    store.upsert(conversation(9, { contactId: 40, updated_at: undefined }), { counts: 'none' });
    reduce(store, seed('conversation.contact_changed'));
    assert.equal(store.get(9)?.contactId, 12);
    assert.equal(store.contact(12)?.name, 'jane');
  });

  test('contact.created / contact.updated (seed) keep the contact current', () => {
    reduce(store, seed('contact.created'));
    assert.equal(store.contact(1)?.name, 'white-shadow-394');
    store.upsert(conversation(9, { contactId: 12, contactName: 'old' }), { counts: 'none' });
    changes.length = 0;
    reduce(store, seed('contact.updated'));
    assert.equal(store.contact(12)?.name, 'jane');
    assert.equal(store.contact(12)?.email, 'jane@acme.inc');
    assert.deepEqual([...changes[0].conversations], [9], 'the rows of that contact repaint');
  });

  test('contact.deleted removes the contact’s conversations', () => {
    store.upsert(conversation(9, { contactId: 12 }), { counts: 'none' });
    reduce(store, event('contact.deleted', { id: 12, account_id: 1 }));
    assert.equal(store.get(9), undefined);
  });

  test('typing, presence and notifications leave the store alone', () => {
    reduce(store, seed('conversation.created'));
    changes.length = 0;
    for (const name of ['conversation.typing_on', 'conversation.typing_off', 'presence.update', 'notification.created'] as const) reduce(store, seed(name));
    assert.equal(changes.length, 0);
  });

  test('out of order: a late status_changed does not undo a newer one', () => {
    reduce(store, event('conversation.status_changed', conversation(7, { status: 'resolved', updated_at: 20 })));
    reduce(store, event('conversation.status_changed', conversation(7, { status: 'open', updated_at: 10 })));
    assert.equal(store.get(7)?.status, 'resolved');
  });

  test('out of order: a late message.created does not replace a newer last message', () => {
    store.upsert(conversation(7), { counts: 'none' });
    reduce(store, event('message.created', message(210, 7, { content: 'newer' })));
    reduce(store, event('message.created', message(205, 7, { content: 'older' })));
    assert.equal(store.get(7)?.lastMessage?.text, 'newer');
  });

  test('a conversation.updated for an unknown conversation asks for fresh counts', () => {
    assert.equal(reduce(store, event('conversation.updated', conversation(70))).countsStale, true);
    assert.equal(reduce(store, event('conversation.updated', conversation(70, { updated_at: 2_000 }))).countsStale, false);
  });
});
