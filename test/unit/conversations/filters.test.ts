import * as assert from 'node:assert/strict';
import { bySort, compareBySortKey, matchesFilter, sameFilter, SORT_ORDERS } from '../../../src/conversations/filters';
import { ConversationRecord, toConversationRecord } from '../../../src/conversations/records';
import { conversation } from '../../helpers/payloads';

const rec = (id: number, o: Parameters<typeof conversation>[1] = {}): ConversationRecord => toConversationRecord(conversation(id, o));
const ids = (rows: ConversationRecord[]) => rows.map((r) => r.id);

suite('conversation filters and sorts', () => {
  test('each sort orders as the server\'s sort_by does, ties by the higher id', () => {
    const rows = [
      rec(1, { last_activity_at: 300, created_at: 10, priority: 'low', waiting_since: 0 }),
      rec(2, { last_activity_at: 100, created_at: 30, priority: 'urgent', waiting_since: 50 }),
      rec(3, { last_activity_at: 200, created_at: 20, priority: null, waiting_since: 20 }),
      rec(4, { last_activity_at: 400, created_at: 20, priority: 'urgent', waiting_since: 20 }),
    ];
    assert.deepEqual(ids([...rows].sort(bySort('last_activity_at_desc'))), [4, 1, 3, 2]);
    assert.deepEqual(ids([...rows].sort(bySort(undefined))), [4, 1, 3, 2], 'no sort: last activity');
    assert.deepEqual(ids([...rows].sort(bySort('created_at_desc'))), [2, 4, 3, 1]);
    // priority DESC NULLS LAST, then last_activity_at DESC
    assert.deepEqual(ids([...rows].sort(bySort('priority_desc'))), [4, 2, 1, 3]);
    // waiting_since ASC NULLS LAST (0 is none), then created_at ASC, then the id
    assert.deepEqual(ids([...rows].sort(bySort('waiting_since_asc'))), [4, 3, 2, 1]);
  });

  test('the sort key alone calls rows the server may return in either order a tie', () => {
    const a = rec(1, { created_at: 20, last_activity_at: 1 });
    const b = rec(2, { created_at: 20, last_activity_at: 2 });
    assert.equal(compareBySortKey('created_at_desc', a, b), 0);
    assert.notEqual(compareBySortKey('last_activity_at_desc', a, b), 0);
  });

  test('a waiting_since sent as a time, 0 or nothing', () => {
    assert.equal(rec(1, { waiting_since: '1970-01-01T00:01:40Z' }).waitingSince, 100);
    assert.equal(rec(1, { waiting_since: 0 }).waitingSince, null);
    assert.equal(rec(1).waitingSince, null);
  });

  test('label and team filters, like labels[] (any of) and team_id', () => {
    const base = { status: 'open' as const, inboxId: undefined };
    const team = { sender: { id: 1, name: 'A' }, assignee: null, team: { id: 2, name: 'Sales' }, channel: 'Channel::Api' };
    assert.equal(matchesFilter(rec(1, { labels: ['vip', 'billing'] }), { ...base, label: 'billing' }), true);
    assert.equal(matchesFilter(rec(1, { labels: ['vip'] }), { ...base, label: 'billing' }), false);
    assert.equal(matchesFilter(rec(1, { meta: team }), { ...base, teamId: 2 }), true);
    assert.equal(matchesFilter(rec(1), { ...base, teamId: 2 }), false);
    assert.equal(matchesFilter(rec(1, { meta: team, labels: ['vip'], status: 'pending' }), { ...base, teamId: 2, label: 'vip' }), false, 'status still applies');
  });

  test('filters differ by label, team and sort; the default sort equals none', () => {
    const base = { status: 'open' as const, inboxId: undefined };
    assert.equal(sameFilter(base, { ...base, sort: 'last_activity_at_desc' }), true);
    for (const sort of SORT_ORDERS.slice(1)) assert.equal(sameFilter(base, { ...base, sort }), false, sort);
    assert.equal(sameFilter(base, { ...base, label: 'vip' }), false);
    assert.equal(sameFilter(base, { ...base, teamId: 1 }), false);
  });
});
