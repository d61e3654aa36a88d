import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationActions } from '../../../src/conversations/actions';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation, event } from '../../helpers/payloads';
import { FakeBackend } from './fakeBackend';

/**
 * Labels, priority and team: shown at once, put back when the server refuses, and settled by
 * what the server answers and then broadcasts (`conversation.updated`, `team.changed`).
 */
suite('ConversationActions: labels, priority and team', () => {
  let clock: FakeClock;
  let backend: FakeBackend;
  let store: ConversationStore;
  let sync: ConversationSync;
  let actions: ConversationActions;

  setup(async () => {
    clock = new FakeClock();
    backend = new FakeBackend();
    store = new ConversationStore(1, 1);
    sync = new ConversationSync(store, backend, { clock, logger: new RedactingLogger(new MemoryLogSink(), new Redactor()) });
    actions = new ConversationActions(store, backend, sync, undefined, clock);
    backend.put(conversation(7, { labels: ['billing'], priority: 'low' }));
    await sync.setFilter({ status: 'all', inboxId: undefined });
  });
  teardown(() => {
    actions.dispose();
    sync.dispose();
    store.dispose();
  });

  test('labels: shown before the server answers, sent whole (the endpoint replaces the set)', async () => {
    backend.hold();
    const done = actions.setLabels(7, ['billing', 'vip']);
    assert.deepEqual(store.get(7)?.labels, ['billing', 'vip']);
    backend.release();
    await done;
    assert.ok(backend.calls.includes('labels 7 billing,vip'), backend.calls.join());
    assert.deepEqual(store.get(7)?.labels, ['billing', 'vip']);
  });

  test('labels: a refusal puts the old labels back and reaches the caller', async () => {
    backend.failNext = new ApiError('forbidden', 'You are not authorized to do this action');
    await assert.rejects(actions.setLabels(7, []), /not authorized/);
    assert.deepEqual(store.get(7)?.labels, ['billing']);
  });

  test('labels: a title the server dropped (deleted meanwhile) is not shown', async () => {
    backend.accountLabels = ['billing'];
    await actions.setLabels(7, ['billing', 'gone']);
    assert.deepEqual(store.get(7)?.labels, ['billing']);
  });

  test('labels: the event that follows confirms without a change', async () => {
    await actions.setLabels(7, ['vip']);
    let changes = 0;
    store.onDidChange((c) => (changes += c.conversations.has(7) ? 1 : 0));
    sync.applyEvent(event('conversation.updated', conversation(7, { labels: ['vip'], priority: 'low', updated_at: 1_001 })));
    assert.deepEqual(store.get(7)?.labels, ['vip']);
    assert.equal(changes, 1, 'only updated_at moved');
  });

  test('priority: set at once, cleared with null, rolled back on refusal', async () => {
    backend.hold();
    const done = actions.setPriority(7, 'urgent');
    assert.equal(store.get(7)?.priority, 'urgent');
    backend.release();
    await done;
    await actions.setPriority(7, null);
    assert.equal(store.get(7)?.priority, null);
    assert.deepEqual(backend.calls.filter((c) => c.startsWith('priority')), ['priority 7 urgent', 'priority 7 null']);
    backend.failNext = new ApiError('server', 'Internal Server Error');
    await assert.rejects(actions.setPriority(7, 'high'));
    assert.equal(store.get(7)?.priority, null);
  });

  test('priority: an event the server sent meanwhile wins over the rollback', async () => {
    backend.hold();
    const done = actions.setPriority(7, 'high');
    sync.applyEvent(event('conversation.updated', conversation(7, { labels: ['billing'], priority: 'medium', updated_at: 1_001 })));
    backend.failNext = new ApiError('server', 'Internal Server Error');
    backend.release();
    await assert.rejects(done);
    assert.equal(store.get(7)?.priority, 'medium');
  });

  test('team: set, removed, and rolled back on refusal', async () => {
    await actions.assignTeam(7, 3);
    assert.equal(store.get(7)?.teamId, 3);
    await actions.assignTeam(7, null);
    assert.equal(store.get(7)?.teamId, null);
    backend.failNext = new ApiError('not-found', 'Not found');
    await assert.rejects(actions.assignTeam(7, 4));
    assert.equal(store.get(7)?.teamId, null);
  });

  test('team: an answer of null (the team is gone) removes the team', async () => {
    backend.assignTeam = async () => null;
    await actions.assignTeam(7, 9);
    assert.equal(store.get(7)?.teamId, null);
  });
});
