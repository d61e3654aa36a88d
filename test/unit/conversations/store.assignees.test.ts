import * as assert from 'node:assert/strict';
import { reduce } from '../../../src/conversations/reduce';
import { ConversationStore, StoreChange } from '../../../src/conversations/store';
import { Conversation } from '../../../src/model/conversation';
import { presentConversation } from '../../../src/views/tree/presentation';
import { conversation, event } from '../../helpers/payloads';

const ME = 1;
const NOW_MS = 1_700_000_000_000;

/**
 * AgentBot assignees (4.x: `meta.assignee_type`, EventDataPresenter#push_meta and the list
 * partial) next to 3.x payloads that name a user without saying so, and the hold a reopen puts
 * on the assignee until the server's events confirm it.
 */
suite('ConversationStore: user and bot assignees', () => {
  let store: ConversationStore;
  let changes: StoreChange[];
  setup(() => {
    store = new ConversationStore(1, ME);
    store.setCatalog({ agents: [{ id: ME, name: 'Priya Raman', availableName: 'Priya', availability: 'online' }] });
    changes = [];
    store.onDidChange((c) => changes.push(c));
  });
  teardown(() => store.dispose());

  const ids = (group: 'mine' | 'unassigned' | 'all') => store.members(group).map((c) => c.id);

  /** The list partial's row for a bot owner: agent_bot_slim, with assignee_type beside it. */
  function restRowWithBot(id: number, botId: number, name: string): Conversation {
    const c = conversation(id, { updated_at: undefined });
    return { ...c, meta: { ...c.meta, assignee: { id: botId, name, description: '', thumbnail: '', bot_type: 'webhook', assignee_type: 'AgentBot' } as never, assignee_type: 'AgentBot' } };
  }

  test('4.x push data: a bot with my id is not Mine; it is listed as unassigned and named as a bot', () => {
    store.upsert(conversation(7, { bot: { id: ME, name: 'Captain Bot' } }), { counts: 'none' });
    const c = store.get(7)!;
    assert.equal(c.assigneeType, 'AgentBot');
    assert.deepEqual(ids('mine'), []);
    assert.deepEqual(ids('unassigned'), [7], 'assignee_id is nil on the server');
    assert.deepEqual(store.assigneeOf(c), { type: 'AgentBot', id: ME, name: 'Captain Bot' });
    assert.equal(store.agent(ME)?.name, 'Priya Raman', 'the agent with the same id keeps her name');
    assert.equal(store.bot(ME)?.name, 'Captain Bot');
  });

  test('4.x REST row (agent_bot_slim) and 3.x-shaped push data without assignee_type', () => {
    store.upsert(restRowWithBot(8, ME, 'Helper Bot'), { counts: 'none' });
    assert.equal(store.assigneeOf(store.get(8)!)?.type, 'AgentBot');
    // 3.x: no assignee_type at all, so the assignee is a user, and with my id she is me.
    store.upsert(conversation(9, { assigneeId: ME, updated_at: undefined }), { counts: 'none' });
    assert.deepEqual(store.assigneeOf(store.get(9)!), { type: 'User', id: ME, name: 'Agent 1' });
    // Push data without the type but with the bot's own `type: 'agent_bot'` is still a bot.
    const c = conversation(10, { bot: { id: 3, name: 'Triage' } });
    store.upsert({ ...c, meta: { ...c.meta, assignee_type: undefined } }, { counts: 'none' });
    assert.equal(store.get(10)?.assigneeType, 'AgentBot');
    assert.deepEqual(ids('mine'), [9]);
    assert.deepEqual(ids('unassigned').sort((a, b) => a - b), [8, 10]);
  });

  test('an unknown non-person assignee type (Captain::Assistant) is never Mine either', () => {
    const c = conversation(11, { assigneeId: ME });
    store.upsert({ ...c, meta: { ...c.meta, assignee_type: 'Captain::Assistant' } }, { counts: 'none' });
    assert.equal(store.get(11)?.assigneeType, 'AgentBot');
    assert.deepEqual(ids('mine'), []);
  });

  test('assignee.changed from my user to a bot with my id moves the row and the counts', () => {
    store.upsert(conversation(7, { assigneeId: ME }), { counts: 'none' });
    store.setCounts({ mine: 1, unassigned: 0, all: 1 });
    changes.length = 0;
    reduce(store, event('assignee.changed', conversation(7, { bot: { id: ME, name: 'Captain Bot' }, updated_at: 2_000 })));
    assert.deepEqual(ids('mine'), []);
    assert.deepEqual(store.counts, { mine: 0, unassigned: 1, all: 1 });
    assert.deepEqual([...changes[0].moved], [7], 'the type alone changed: the row moved');
  });

  test('the tree row shows the bot by name and with the hubot icon; it counts as assigned, not mine', () => {
    store.setCatalog({ inboxes: [{ id: 1, name: 'Website', channelType: 'Channel::WebWidget' }], agents: [{ id: ME, name: 'Priya Raman', availableName: 'Priya', availability: 'online' }] });
    store.upsert(conversation(7, { bot: { id: ME, name: 'Captain Bot' }, last_activity_at: NOW_MS / 1000 - 120 }), { counts: 'none' });
    const p = presentConversation(store, store.get(7)!, NOW_MS);
    assert.equal(p.icon, 'hubot');
    assert.match(p.description, /^Captain Bot · 2m/);
    assert.equal(p.contextValue, 'conversation:open:assigned:read');
    assert.match(p.tooltip, /Assignee: Captain Bot \\\(bot\\\)/);
    assert.match(p.accessibilityLabel, /handled by the bot Captain Bot/);
    store.upsert(conversation(8, { assigneeId: ME }), { counts: 'none' });
    const mine = presentConversation(store, store.get(8)!, NOW_MS);
    assert.equal(mine.icon, 'globe');
    assert.equal(mine.contextValue, 'conversation:open:mine:read');
  });
});

suite('ConversationStore: held fields (expect)', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, ME);
  });
  teardown(() => store.dispose());

  const assignee = (id: number) => store.get(id)?.assigneeId;

  test('payloads built before the change do not flip it back; the first one that carries it confirms', () => {
    store.upsert(conversation(7, { status: 'resolved', updated_at: undefined }), { counts: 'none' });
    store.patch(7, { status: 'open', assigneeId: ME, assigneeType: 'User' }, 'delta');
    const hold = store.expect(7, { assigneeId: ME, assigneeType: 'User' });
    // 3.x: status_changed rendered before the assignment was saved (no updated_at to tell).
    store.upsert(conversation(7, { status: 'open', updated_at: undefined }), { counts: 'delta' });
    assert.equal(assignee(7), ME);
    assert.equal(store.get(7)?.status, 'open', 'the rest of the payload is taken');
    assert.equal(hold.active, true);
    store.upsert(conversation(7, { status: 'open', assigneeId: ME, updated_at: undefined }), { counts: 'delta' });
    assert.equal(hold.active, false, 'confirmed');
    // From now on payloads are taken as they come: a later unassignment shows.
    store.upsert(conversation(7, { status: 'open', updated_at: undefined }), { counts: 'delta' });
    assert.equal(assignee(7), null);
  });

  test('ended unconfirmed, the last value the server sent shows; cancelled, nothing changes', () => {
    store.upsert(conversation(7, { updated_at: undefined }), { counts: 'none' });
    store.patch(7, { assigneeId: ME, assigneeType: 'User' }, 'delta');
    const hold = store.expect(7, { assigneeId: ME, assigneeType: 'User' });
    store.upsert(conversation(7, { assigneeId: 5, updated_at: undefined }), { counts: 'delta' });
    assert.equal(assignee(7), ME);
    hold.end();
    assert.equal(assignee(7), 5);

    store.patch(7, { assigneeId: ME, assigneeType: 'User' }, 'delta');
    const cancelled = store.expect(7, { assigneeId: ME, assigneeType: 'User' });
    cancelled.cancel();
    store.upsert(conversation(7, { assigneeId: 5, updated_at: undefined }), { counts: 'delta' });
    assert.equal(assignee(7), 5);
    cancelled.end();
    assert.equal(assignee(7), 5);
  });
});
