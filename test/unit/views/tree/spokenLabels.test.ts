import * as assert from 'node:assert/strict';
import { spokenAgo, spokenConversation, spokenGroup, spokenLoadMore } from '../../../../src/views/tree/spokenLabels';

const NOW_MS = 1_700_000_000_000;
const NOW = NOW_MS / 1000;

suite('spokenLabels', () => {
  const row = { name: 'Ada Lovelace', status: 'Open', priority: null, holder: { kind: 'you' as const }, unread: 2, lastActivityAt: NOW - 300, preview: 'Where is my order?' };

  test('a conversation: who, state, holder, unread and when, in words, then the last message', () => {
    assert.equal(spokenConversation(row, NOW_MS), 'Ada Lovelace, open, assigned to you, 2 unread, last activity 5 minutes ago: Where is my order?');
  });

  test('priority, a colleague, a bot, nobody; no unread and no preview', () => {
    const say = (over: object) => spokenConversation({ ...row, ...over }, NOW_MS);
    assert.equal(say({ priority: 'urgent', holder: { kind: 'agent', name: 'Sam' }, unread: 0, preview: '' }), 'Ada Lovelace, open, urgent priority, assigned to Sam, no unread messages, last activity 5 minutes ago');
    assert.match(say({ holder: { kind: 'bot', name: 'Captain' } }), /, handled by the bot Captain, /);
    assert.match(say({ holder: { kind: 'unassigned' }, status: 'Snoozed' }), /^Ada Lovelace, snoozed, unassigned, /);
  });

  test('times are spoken in whole units, singular where one', () => {
    assert.equal(spokenAgo(NOW - 10, NOW_MS), 'just now');
    assert.equal(spokenAgo(NOW - 60, NOW_MS), '1 minute ago');
    assert.equal(spokenAgo(NOW - 3 * 3600, NOW_MS), '3 hours ago');
    assert.equal(spokenAgo(NOW - 86400, NOW_MS), '1 day ago');
    assert.equal(spokenAgo(NOW - 14 * 86400, NOW_MS), '2 weeks ago');
    assert.equal(spokenAgo(NOW - 400 * 86400, NOW_MS), '1 year ago');
    // A clock behind the server's never says "in the future".
    assert.equal(spokenAgo(NOW + 100, NOW_MS), 'just now');
  });

  test('group and load-more rows', () => {
    assert.equal(spokenGroup('Mine', 12), 'Mine, 12 conversations');
    assert.equal(spokenGroup('Mine', 1), 'Mine, 1 conversation');
    assert.equal(spokenGroup('All', undefined), 'All, loading');
    assert.equal(spokenLoadMore('Unassigned'), 'Load more conversations in Unassigned');
  });
});
