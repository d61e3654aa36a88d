import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../../src/conversations/store';
import { describeContact, fuzzyScore, rankConversations, idQuery, matchedMessage, MATCHED, mergeResults, PickRow, pickRows, SearchOutcome, SECTION, snippet } from '../../../../src/views/tree/search';
import { contact, conversation, searchHit } from '../../../helpers/payloads';

suite('search: pure helpers', () => {
  test('idQuery takes #123 and 123, nothing else', () => {
    assert.equal(idQuery('#123'), 123);
    assert.equal(idQuery(' 42 '), 42);
    assert.equal(idQuery('12a'), undefined);
    assert.equal(idQuery('refund 12'), undefined);
  });

  test('matchedMessage: the newest message containing the query, whatever order the server sent', () => {
    const h = searchHit(1, [[5, 'Refund please', 100], [9, 'where is my REFUND?', 300], [7, 'hello', 400]]);
    assert.equal(matchedMessage(h, 'refund')?.id, 9);
    assert.equal(matchedMessage(searchHit(2, [[3, 'a', 1], [4, 'b', 2]]), 'zzz')?.id, 4, 'falls back to the newest');
  });

  test('snippet keeps the match in view on one line', () => {
    const long = `${'word '.repeat(40)}the invoice number is INV-20931 and\nit was   charged twice ${'tail '.repeat(40)}`;
    const s = snippet(long, 'inv-20931', 80);
    assert.ok(s.includes('INV-20931'), s);
    assert.ok(s.startsWith('…') && s.endsWith('…') && s.length <= 80 && !s.includes('\n'), s);
    assert.equal(snippet('short text', 'text'), 'short text');
  });

  test('describeContact says who matched', () => {
    assert.equal(describeContact(contact(1, 'Ann Lee', 'ann@example.com')), 'Ann Lee <ann@example.com>');
    assert.equal(describeContact({ id: 2, name: 'Bo', phone_number: '+4917' }), 'Bo · +4917');
    assert.equal(describeContact({ id: 3, name: null }), 'Contact #3');
  });

  test('mergeResults lists each conversation once: message matches first, then each customer\'s rest', () => {
    const merged = mergeResults('refund', [searchHit(1, [[1, 'refund', 1]]), searchHit(2, [[2, 'refund', 1]]), searchHit(1, [[1, 'refund', 1]])], [
      { contact: contact(101, 'Ann'), conversations: [conversation(1), conversation(3)] },
      { contact: contact(101, 'Ann'), conversations: [conversation(4)] },
      { contact: contact(102, 'Bo'), conversations: [conversation(3), conversation(5)] },
    ]);
    assert.deepEqual(merged.messages.map((m) => m.conversationId), [1, 2]);
    assert.deepEqual(merged.customers.map((c) => [c.contact.id, c.conversations.map((x) => x.id)]), [[101, [3]], [102, [5]]]);
  });
});

suite('search: pickRows', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, 1);
    store.setCatalog({ inboxes: [{ id: 1, name: 'Website', channelType: 'Channel::WebWidget' }] });
    for (const id of [1, 2, 3]) store.upsert(conversation(id, { contactName: `Loaded ${id}` }), { counts: 'none' });
  });
  teardown(() => store.dispose());

  const loaded = () => [...store.conversations.values()];
  const ids = (rows: PickRow[]) => rows.flatMap((r) => (r.kind === 'conversation' ? [r.conversationId] : []));
  const outcome = (query: string, partial: Partial<SearchOutcome>): SearchOutcome => ({ query, messages: [], customers: [], pending: { messages: false, customers: false }, failures: [], ...partial });

  test('sections say what matched; each conversation appears once; the loaded ones come last', () => {
    const o = outcome('ann@example.com', {
      ...mergeResults('ann@example.com', [searchHit(2, [[20, 'write to ann@example.com please', 5]], 'Loaded 2')], [{ contact: contact(9, 'Ann Lee', 'ann@example.com'), conversations: [conversation(7, { contactId: 9, contactName: 'Ann Lee', status: 'resolved' })] }]),
    });
    const rows = pickRows(store, loaded(), 'ann@example.com', o);
    assert.deepEqual(
      rows.map((r) => (r.kind === 'separator' ? `-- ${r.label}` : r.kind === 'conversation' ? r.conversationId : r.label)),
      [`-- ${SECTION.messages}`, 2, `-- customer: Ann Lee <ann@example.com>`, 7, `-- ${SECTION.loaded}`, 1, 3],
    );
    const message = rows.find((r) => r.kind === 'conversation' && r.conversationId === 2);
    assert.ok(message?.kind === 'conversation' && message.detail === 'write to ann@example.com please' && message.description.endsWith(MATCHED.message) && message.alwaysShow);
    const customer = rows.find((r) => r.kind === 'conversation' && r.conversationId === 7);
    assert.ok(customer?.kind === 'conversation' && customer.label === 'Ann Lee' && customer.description === '#7 · Website · Resolved · customer: Ann Lee <ann@example.com>');
    const plain = rows.find((r) => r.kind === 'conversation' && r.conversationId === 1);
    assert.ok(plain?.kind === 'conversation' && !plain.alwaysShow);
  });

  test('a typed number is offered first; results of another query are not shown', () => {
    const stale = outcome('refund', mergeResults('refund', [searchHit(8, [[1, 'refund', 1]])], []));
    const rows = pickRows(store, loaded(), '#3', stale);
    assert.deepEqual(ids(rows), [3, 1, 2]);
    assert.ok(rows[0].kind === 'conversation' && rows[0].label === 'Go to #3' && rows[0].description === 'Loaded 3');
  });

  test('a failed search is a notice row, and the other search still shows', () => {
    const o = outcome('refund', { ...mergeResults('refund', [searchHit(8, [[1, 'refund', 1]])], []), failures: ['Customer search failed: boom'] });
    const rows = pickRows(store, loaded(), 'refund', o);
    assert.ok(rows.some((r) => r.kind === 'notice' && r.detail === 'Customer search failed: boom'));
    assert.ok(ids(rows).includes(8));
  });
});

suite('search: loaded conversations', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, 1);
    store.setCatalog({ inboxes: [{ id: 1, name: 'Website', channelType: 'Channel::WebWidget' }], agents: [{ id: 1, name: 'Priya Raman', availableName: 'Priya', availability: 'online' }] });
  });
  teardown(() => store.dispose());

  test('fuzzy search over loaded conversations; an id matches exactly', () => {
    store.upsert(conversation(1, { contactName: 'Ada Lovelace' }), { counts: 'none' });
    store.upsert(conversation(2, { contactName: 'Alan Turing' }), { counts: 'none' });
    store.upsert(conversation(12, { contactName: 'Grace Hopper' }), { counts: 'none' });
    assert.ok(fuzzyScore('adlv', 'Ada Lovelace') !== undefined);
    assert.equal(fuzzyScore('xyz', 'Ada Lovelace'), undefined);
    assert.deepEqual(rankConversations(store, 'turing').map((c) => c.id), [2]);
    assert.equal(rankConversations(store, 'gh')[0].id, 12);
    assert.equal(rankConversations(store, '#12')[0].id, 12);
  });
});
