import * as assert from 'node:assert/strict';
import { reduce } from '../../../src/conversations/reduce';
import { ConversationStore } from '../../../src/conversations/store';
import { conversation, event, message } from '../../helpers/payloads';

/**
 * The conversation events an agent gets besides the everyday ones (issue 11): each must land
 * in the store, not just decode.
 */
suite('reduce: mentions, team changes, bot handoffs, first replies', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, 1);
    store.setCounts({ mine: 0, unassigned: 0, all: 0 });
  });
  teardown(() => store.dispose());

  test('conversation.mentioned brings a conversation the store did not hold, and asks for counts', () => {
    const result = reduce(store, event('conversation.mentioned', conversation(31, { assigneeId: 4, status: 'open' })));
    assert.equal(store.get(31)?.assigneeId, 4);
    assert.equal(store.get(31)?.status, 'open');
    assert.ok(store.members('all').some((c) => c.id === 31));
    assert.equal(result.countsStale, true, 'the store cannot tell which groups counted it');
  });

  test('conversation.mentioned updates a held conversation only when it is newer', () => {
    store.upsert(conversation(31, { status: 'open', updated_at: 50 }), { counts: 'none' });
    assert.equal(reduce(store, event('conversation.mentioned', conversation(31, { status: 'pending', updated_at: 60 }))).countsStale, false);
    assert.equal(store.get(31)?.status, 'pending');
    reduce(store, event('conversation.mentioned', conversation(31, { status: 'resolved', updated_at: 55 })));
    assert.equal(store.get(31)?.status, 'pending', 'a late mention does not undo a newer state');
  });

  test('team.changed moves the conversation to the new team, and to none', () => {
    store.upsert(conversation(32, { updated_at: 10 }), { counts: 'none' });
    const withTeam = conversation(32, { updated_at: 11 });
    withTeam.meta = { ...withTeam.meta, team: { id: 2, name: 'Technical' } };
    reduce(store, event('team.changed', withTeam));
    assert.equal(store.get(32)?.teamId, 2);
    reduce(store, event('team.changed', conversation(32, { updated_at: 12 })));
    assert.equal(store.get(32)?.teamId, null);
  });

  test('conversation.bot_handoff puts an unknown, unassigned conversation under Unassigned', () => {
    const result = reduce(store, event('conversation.bot_handoff', conversation(33, { status: 'open', assigneeId: null })));
    assert.ok(store.members('unassigned').some((c) => c.id === 33));
    assert.ok(!store.members('mine').some((c) => c.id === 33));
    assert.equal(result.countsStale, true);
  });

  test('conversation.bot_handoff opens a held pending conversation', () => {
    store.upsert(conversation(34, { status: 'pending', updated_at: 10 }), { counts: 'none' });
    reduce(store, event('conversation.bot_handoff', conversation(34, { status: 'open', updated_at: 11 })));
    assert.equal(store.get(34)?.status, 'open');
  });

  test('first.reply.created (message push data) fills in a message.created that never came', () => {
    store.upsert(conversation(35, { last_activity_at: 1_000 }), { counts: 'none' });
    reduce(store, event('first.reply.created', message(900, 35, { message_type: 1, content: 'Hello, how can I help?', created_at: 1_500 })));
    const c = store.get(35)!;
    assert.equal(c.lastMessage?.id, 900);
    assert.equal(c.lastMessage?.text, 'Hello, how can I help?');
    assert.equal(c.lastActivityAt, 1_500);
    assert.equal(c.unreadCount, 0, 'an outgoing reply is never unread');
  });

  test('first.reply.created after its message.created changes nothing', () => {
    store.upsert(conversation(36), { counts: 'none' });
    const reply = message(901, 36, { message_type: 1, content: 'On it', created_at: 1_600 });
    reduce(store, event('message.created', reply));
    const before = store.get(36);
    const changes: unknown[] = [];
    const sub = store.onDidChange((c) => changes.push(c));
    reduce(store, event('first.reply.created', reply));
    sub.dispose();
    assert.deepEqual(store.get(36), before);
    assert.equal(changes.length, 0);
  });

  test('first.reply.created for a conversation the store does not hold asks for it', () => {
    const missing: number[] = [];
    const sub = store.onDidChange((c) => missing.push(...c.missing));
    reduce(store, event('first.reply.created', message(902, 37, { message_type: 1 })));
    sub.dispose();
    assert.deepEqual(missing, [37]);
  });
});
