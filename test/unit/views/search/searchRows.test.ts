import * as assert from 'node:assert/strict';
import type { SearchContact, SearchConversation, SearchMessage } from '../../../../src/api/search';
import type { QueryOutcome } from '../../../../src/common/liveQuery';
import { conversationMatch, GlobalResults, searchRows } from '../../../../src/views/search/searchRows';

const message = (id: number, conversationId: number | null, content: string, sender = 'Jane Cooper'): SearchMessage => ({
  id,
  content,
  message_type: 0,
  conversation_id: conversationId,
  created_at: 1_700_000_000,
  sender: { id: 5, name: sender, type: 'contact' },
  inbox: { id: 1, name: 'Website' },
});
const conversation = (id: number, contact: SearchConversation['contact'], first = 'Hello there'): SearchConversation => ({
  id,
  message: { id: id * 10, content: first },
  contact,
  inbox: { id: 1, name: 'Website' },
  agent: {},
});
const contact = (id: number, name: string | null, email: string | null): SearchContact => ({ id, name, email, phone_number: null, identifier: null });

function outcome(query: string, results: Partial<GlobalResults>, pending: Partial<Record<keyof GlobalResults, boolean>> = {}, failures: string[] = []): QueryOutcome<GlobalResults> {
  return { query, results, pending: { messages: false, conversations: false, contacts: false, ...pending }, failures };
}

suite('global search: rows', () => {
  test('each kind under its separator; a message row is the excerpt around the match and says which conversation it is in', () => {
    const long = `${'Lorem ipsum dolor sit amet, '.repeat(6)}the refund arrived today, thanks`;
    const rows = searchRows(
      outcome('refund', {
        messages: [message(71, 12, long), message(72, null, 'refund orphan')],
        conversations: [conversation(13, { id: 4, name: 'Ann Lee', email: 'refund@example.com' })],
        contacts: [contact(4, 'Refund Team', 'refund@example.com'), contact(5, null, 'x-refund@example.com')],
      }),
      ' refund ',
    );
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['separator', 'message', 'separator', 'conversation', 'separator', 'contact', 'contact'],
      'a message without a conversation cannot be opened, so it is not listed',
    );
    const m = rows[1];
    assert.ok(m.kind === 'message');
    assert.equal(m.conversationId, 12);
    assert.equal(m.messageId, 71);
    assert.match(m.label, /^\$\(comment\) ….*the refund arrived today, thanks$/);
    assert.ok(m.label.length < long.length, 'an excerpt, not the whole message');
    assert.equal(m.description, 'message in #12 · Jane Cooper · Website');
    const c = rows[3];
    assert.ok(c.kind === 'conversation');
    assert.equal(c.description, 'conversation #13 · refund@example.com · Website', 'what matched, when it is not the name shown');
    assert.equal(c.detail, 'Hello there');
    const unnamed = rows[6];
    assert.ok(unnamed.kind === 'contact');
    assert.equal(unnamed.name, 'x-refund@example.com');
    assert.equal(unnamed.description, 'contact · x-refund@example.com');
  });

  test('results of an older query are not shown; a failure is a notice and the other kinds still show', () => {
    assert.deepEqual(searchRows(outcome('ref', { contacts: [contact(1, 'Ref', null)] }), 'refund'), []);
    const rows = searchRows(outcome('refund', { contacts: [contact(1, 'Refund', null)] }, {}, ['Message search failed: HTTP 500']), 'refund');
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['notice', 'separator', 'contact'],
    );
  });

  test('"No matches" only once every search answered', () => {
    assert.deepEqual(searchRows(outcome('zzz', {}, { messages: true }), 'zzz'), []);
    const rows = searchRows(outcome('zzz', { messages: [], conversations: [], contacts: [] }), 'zzz');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].kind === 'notice' && rows[0].label, 'No matches');
  });

  test('a conversation matched by its number or a contact field says which', () => {
    const c = conversation(123, { id: 1, name: 'Ann Lee', email: 'ann@example.com', phone_number: '+15550100' });
    assert.equal(conversationMatch(c, '#12'), '#123');
    assert.equal(conversationMatch(c, 'EXAMPLE'), 'ann@example.com');
    assert.equal(conversationMatch(c, '5550'), '+15550100');
    assert.equal(conversationMatch(c, 'nobody'), undefined);
  });
});
