import * as assert from 'node:assert/strict';
import { ConversationFilter } from '../../../src/conversations/filters';
import { countDelta, decideMembership, FolderState, mergeFirstPage, viewFolder } from '../../../src/conversations/folders';
import { ConversationRecord, toConversationRecord } from '../../../src/conversations/records';
import { conversation } from '../../helpers/payloads';

const rec = (id: number, o: Parameters<typeof conversation>[1] = {}): ConversationRecord => toConversationRecord(conversation(id, o));
const OPEN: ConversationFilter = { status: 'open', inboxId: undefined };

suite('folders: membership, order and counts', () => {
  test('the tree filter decides locally that a conversation is not in a conversation-type folder; a mention or participant only the server knows', () => {
    const open = rec(1);
    const resolved = rec(2, { status: 'resolved' });
    for (const folder of ['mention', 'participating'] as const) {
      assert.equal(decideMembership(folder, open, OPEN), undefined, folder);
      assert.equal(decideMembership(folder, resolved, OPEN), false, folder);
    }
    // Participating replaces the inbox-scoped relation: the inbox filter does not apply.
    assert.equal(decideMembership('participating', rec(3, { inbox_id: 2 }), { ...OPEN, inboxId: 1 }), undefined);
    assert.equal(decideMembership('mention', rec(3, { inbox_id: 2 }), { ...OPEN, inboxId: 1 }), false);
  });

  test('unattended is decided by the record: no first reply yet, or a contact waiting', () => {
    assert.equal(decideMembership('unattended', rec(1, { first_reply_created_at: null }), OPEN), true);
    assert.equal(decideMembership('unattended', rec(1, { first_reply_created_at: 100, waiting_since: 0 }), OPEN), false);
    assert.equal(decideMembership('unattended', rec(1, { first_reply_created_at: '2024-01-01T00:00:00Z', waiting_since: 50 }), OPEN), true);
    assert.equal(decideMembership('unattended', rec(1), OPEN), undefined, 'a payload that does not say');
    assert.equal(decideMembership('unattended', rec(1, { status: 'pending', first_reply_created_at: null }), OPEN), false);
  });

  test('a saved view is never decided locally', () => {
    assert.equal(decideMembership('view:4', rec(1), OPEN), undefined);
    assert.equal(decideMembership('view:4', rec(1, { status: 'resolved' }), OPEN), undefined, 'its conditions, not the tree filter');
  });

  test('counts move only when both sides are known', () => {
    assert.equal(countDelta(false, true), 1);
    assert.equal(countDelta(true, false), -1);
    assert.equal(countDelta(true, true), 0);
    assert.equal(countDelta(undefined, false), 'unknown');
    assert.equal(countDelta(true, undefined), 'unknown');
  });

  test('a refetched page 1 keeps the known rows below it, and drops those it should have listed', () => {
    const rows = new Map([1, 2, 3, 4, 5].map((id) => [id, rec(id, { last_activity_at: 1_000 - id * 10 })]));
    const page = [rows.get(1)!, rows.get(3)!];
    // 2 sorts between the page's rows, so page 1 would list it: it left. 4 and 5 are further down.
    assert.deepEqual([...mergeFirstPage(new Set([1, 2, 3, 4, 5]), page, 10, undefined, (id) => rows.get(id))].sort(), [1, 3, 4, 5]);
    assert.deepEqual([...mergeFirstPage(new Set([1, 2, 3, 4, 5]), page, 2, undefined, (id) => rows.get(id))].sort(), [1, 3], 'page 1 was the whole folder');
  });

  test('a folder lists its members in the tree sort; a view by last activity whatever the sort', () => {
    const rows = [rec(1, { priority: 'low', last_activity_at: 300 }), rec(2, { priority: 'urgent', last_activity_at: 100 }), rec(3, { status: 'resolved', last_activity_at: 500 })];
    const mention = new FolderState({ id: 'mention', name: 'Mentions' });
    mention.listed = new Set([1, 2, 3]);
    const byPriority = { ...OPEN, sort: 'priority_desc' as const };
    assert.deepEqual(mention.members(rows, byPriority).map((c) => c.id), [2, 1], 'the resolved one is out of the open filter');
    const view = new FolderState(viewFolder(4, 'Everything', []));
    view.listed = new Set([1, 2, 3]);
    assert.deepEqual(view.members(rows, byPriority).map((c) => c.id), [3, 1, 2]);
  });
});
