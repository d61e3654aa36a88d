import * as assert from 'node:assert/strict';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationActions, FOLLOW_UP_MS } from '../../../src/conversations/actions';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { Conversation } from '../../../src/model/conversation';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation, event } from '../../helpers/payloads';
import { FakeBackend } from './fakeBackend';

/** Marcus: an agent-role user (the stand-in's USERS.marcus). */
const ME = 2;

/**
 * Reopening as an agent (conversations_controller.rb#toggle_status): the server also makes the
 * agent the assignee and announces it with `assignee.changed` after the status events; the REST
 * reply names no assignee. The row must be Mine at once and stay Mine through the reply and the
 * events in either version's shape: 3.x renders `conversation.status_changed` before the
 * assignment is saved (assignee still null, no updated_at), 4.x re-reads it (assignee set).
 */
suite('ConversationActions: reopening assigns an agent', () => {
  let clock: FakeClock;
  let backend: FakeBackend;
  let store: ConversationStore;
  let sync: ConversationSync;
  let actions: ConversationActions;
  /** Whether #7 was in Mine after each store change: a flicker shows as a false in the middle. */
  let trace: boolean[];

  setup(async () => {
    clock = new FakeClock();
    backend = new FakeBackend();
    backend.meId = ME;
    store = new ConversationStore(1, ME);
    store.setRole('agent');
    sync = new ConversationSync(store, backend, { clock, logger: new RedactingLogger(new MemoryLogSink(), new Redactor()) });
    actions = new ConversationActions(store, backend, sync, undefined, clock);
    backend.put(conversation(7, { status: 'resolved', assigneeId: null, updated_at: undefined }));
    await sync.setFilter({ status: 'all', inboxId: undefined });
    trace = [];
    store.onDidChange((c) => {
      if (c.conversations.has(7)) trace.push(store.isMember(store.get(7)!, 'mine'));
    });
  });
  teardown(() => {
    actions.dispose();
    sync.dispose();
    store.dispose();
  });

  const mine = () => store.members('mine').map((c) => c.id);
  const flush = () => new Promise<void>((r) => setImmediate(r));

  /** The events 3.x sends for the reopen: the status saved first, rendered before the assignment. */
  function v3Events(): Conversation[] {
    const before = conversation(7, { status: 'open', assigneeId: null, updated_at: undefined });
    const after = conversation(7, { status: 'open', assigneeId: ME, updated_at: undefined });
    return [before, before, after, after];
  }
  const NAMES = ['conversation.status_changed', 'conversation.updated', 'assignee.changed', 'conversation.updated'];

  test('3.x: Mine at once, through the REST reply and the events that follow it; never out and back', async () => {
    backend.hold();
    const done = actions.setStatus(7, 'open');
    assert.deepEqual(mine(), [7], 'before the server answers');
    assert.deepEqual(store.counts, { mine: 1, unassigned: 0, all: 1 });
    backend.release();
    await done;
    assert.deepEqual(mine(), [7], 'the reply says nothing of the assignee');
    v3Events().forEach((data, i) => sync.applyEvent(event(NAMES[i], data)));
    assert.deepEqual(mine(), [7]);
    assert.ok(trace.length > 0 && trace.every(Boolean), `in Mine after every change: ${trace.join()}`);
    // Confirmed: the hold is over, nothing is left to end.
    clock.advance(FOLLOW_UP_MS);
    assert.deepEqual(mine(), [7]);
  });

  test('3.x: events that overtake the reply change nothing either', async () => {
    backend.hold();
    const done = actions.setStatus(7, 'open');
    await flush();
    v3Events().forEach((data, i) => sync.applyEvent(event(NAMES[i], data)));
    backend.release();
    await done;
    assert.deepEqual(mine(), [7]);
    assert.ok(trace.every(Boolean), trace.join());
  });

  test('4.x: events re-read after both saves carry the assignee and updated_at', async () => {
    await actions.setStatus(7, 'open');
    for (const name of NAMES) sync.applyEvent(event(name, conversation(7, { status: 'open', assigneeId: ME, updated_at: 2_000 })));
    assert.deepEqual(mine(), [7]);
    assert.ok(trace.every(Boolean), trace.join());
  });

  test('a bot-owned conversation with my id is taken over the same way', async () => {
    backend.put(conversation(8, { status: 'pending', bot: { id: ME, name: 'Captain Bot' } }));
    await sync.resync();
    assert.deepEqual(mine(), [], 'the bot has my id, but it is not me');
    await actions.setStatus(8, 'open');
    assert.deepEqual(mine(), [8]);
    assert.equal(store.assigneeOf(store.get(8)!)?.type, 'User');
    sync.applyEvent(event('conversation.status_changed', conversation(8, { status: 'open', bot: { id: ME, name: 'Captain Bot' }, updated_at: 2_000 })));
    assert.deepEqual(mine(), [8], 'a status event rendered before the takeover does not give it back to the bot');
    sync.applyEvent(event('assignee.changed', conversation(8, { status: 'open', assigneeId: ME, updated_at: 2_001 })));
    assert.deepEqual(mine(), [8]);
  });

  test('an administrator is not assigned by the server, so nothing is predicted', async () => {
    store.setRole('administrator');
    await actions.setStatus(7, 'open');
    assert.deepEqual(mine(), []);
    assert.equal(store.get(7)?.status, 'open');
  });

  test('if the server never confirms, its own value shows once the follow-up time is over', async () => {
    await actions.setStatus(7, 'open');
    sync.applyEvent(event('conversation.status_changed', conversation(7, { status: 'open', assigneeId: null, updated_at: undefined })));
    assert.deepEqual(mine(), [7]);
    clock.advance(FOLLOW_UP_MS - 1);
    assert.deepEqual(mine(), [7]);
    clock.advance(1);
    assert.deepEqual(mine(), [], 'the server left it unassigned');
  });

  test('a refused reopen shows at once, then rolls back the status and the assignee', async () => {
    backend.hold();
    const done = actions.setStatus(7, 'open');
    assert.equal(store.get(7)?.status, 'open', 'before the server answers');
    assert.deepEqual(mine(), [7], 'Mine at once');
    backend.failNext = new Error('refused');
    backend.release();
    await assert.rejects(done, /refused/);
    assert.equal(store.get(7)?.status, 'resolved');
    assert.deepEqual(mine(), []);
    assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });
  });
});
