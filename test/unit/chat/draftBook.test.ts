import * as assert from 'node:assert/strict';
import { DraftBook, MAX_DRAFT_CHARS, MAX_DRAFTS } from '../../../src/chat/draftBook';
import type { Draft } from '../../../src/protocol/chatProtocol';

suite('DraftBook', () => {
  test('keeps, replaces and removes a draft, saving each change', () => {
    const saved: Array<Record<string, Draft>> = [];
    const book = new DraftBook({}, (all) => saved.push(all));
    book.set('a/1', { text: 'Hello', private: true });
    assert.deepEqual(book.get('a/1'), { text: 'Hello', private: true });
    book.set('a/1', { text: '', private: false });
    assert.equal(book.get('a/1'), undefined);
    assert.deepEqual(saved, [{ 'a/1': { text: 'Hello', private: true } }, {}]);
  });

  test('at most MAX_DRAFTS conversations: the least recently edited go first', () => {
    let last: Record<string, Draft> = {};
    const book = new DraftBook({}, (all) => (last = all));
    for (let i = 0; i < MAX_DRAFTS + 10; i++) book.set(`a/${i}`, { text: `draft ${i}`, private: false });
    book.set('a/10', { text: 'edited again', private: false });
    book.set('a/new', { text: 'newest', private: false });
    assert.equal(book.size, MAX_DRAFTS);
    assert.equal(Object.keys(last).length, MAX_DRAFTS, 'what is saved is bounded too');
    assert.equal(book.get('a/11'), undefined, 'the oldest untouched draft went');
    assert.equal(book.get('a/10')?.text, 'edited again', 'an edit makes a draft recent again');
    assert.equal(book.get('a/new')?.text, 'newest');
  });

  test('a draft longer than MAX_DRAFT_CHARS is cut to it', () => {
    const book = new DraftBook({}, () => {});
    book.set('a/1', { text: 'x'.repeat(MAX_DRAFT_CHARS + 500), private: false });
    assert.equal(book.get('a/1')?.text.length, MAX_DRAFT_CHARS);
  });

  test('a stored state is read defensively and bounded', () => {
    const stored: Record<string, unknown> = { bad: 42, empty: { text: '' }, huge: { text: 'y'.repeat(MAX_DRAFT_CHARS * 2), private: true } };
    for (let i = 0; i < MAX_DRAFTS + 5; i++) stored[`a/${i}`] = { text: `d${i}` };
    const book = new DraftBook(stored, () => {});
    assert.equal(book.size, MAX_DRAFTS);
    assert.equal(book.get('bad'), undefined);
    assert.equal(book.get('huge'), undefined, 'the oldest went first');
    assert.equal(book.get(`a/${MAX_DRAFTS + 4}`)?.text, `d${MAX_DRAFTS + 4}`);
    assert.equal(new DraftBook('not an object', () => {}).size, 0);
  });

  test('clear (sign-out) forgets every draft and saves that', () => {
    let last: Record<string, Draft> | undefined;
    const book = new DraftBook({ 'a/1': { text: 'secret reply', private: true } }, (all) => (last = all));
    book.clear();
    assert.equal(book.get('a/1'), undefined);
    assert.deepEqual(last, {});
  });
});
