import * as assert from 'node:assert/strict';
import { MAX_OUTBOX_CONVERSATIONS, MAX_OUTBOX_ITEMS, Outbox } from '../../../src/chat/outbox';

suite('chat: outbox', () => {
  const item = (echoId: string) => ({ echoId, content: `text ${echoId}`, private: false, createdAt: 1 });
  test('one send per echo id at a time; a failure keeps the text; success removes it; state is saved', () => {
    const saved: unknown[] = [];
    const outbox = new Outbox({}, (all) => saved.push(all));
    assert.equal(outbox.begin('1/4', item('aaaaaaaa')), true);
    assert.equal(outbox.begin('1/4', item('aaaaaaaa')), false, 'a double click does not send twice');
    outbox.fail('1/4', 'aaaaaaaa', 'HTTP 500');
    assert.deepEqual(outbox.items('1/4').map((i) => [i.content, i.error]), [['text aaaaaaaa', 'HTTP 500']]);
    assert.equal(outbox.begin('1/4', item('aaaaaaaa')), true, 'a retry may start after the failure');
    assert.equal(outbox.items('1/4')[0].error, null);
    outbox.remove('1/4', 'aaaaaaaa');
    assert.deepEqual(outbox.items('1/4'), []);
    assert.ok(saved.length >= 3);
  });

  test('unconfirmed: neither queued nor on its way', () => {
    const outbox = new Outbox({ '1/4': [{ ...item('cccccccc'), error: null }] }, () => {});
    outbox.begin('1/4', item('aaaaaaaa'));
    outbox.queue('1/4', item('bbbbbbbb'));
    assert.deepEqual(outbox.unconfirmed('1/4').map((i) => i.echoId), ['cccccccc'], 'cut off by a reload');
    outbox.fail('1/4', 'aaaaaaaa', 'socket hang up');
    assert.deepEqual(outbox.unconfirmed('1/4').map((i) => i.echoId), ['cccccccc', 'aaaaaaaa']);
  });

  test('restores what was saved', () => {
    const outbox = new Outbox({ '1/4': [{ ...item('bbbbbbbb'), error: 'offline' }] }, () => {});
    assert.equal(outbox.items('1/4')[0].error, 'offline');
  });

  test('bounded: at most MAX_OUTBOX_ITEMS per conversation and MAX_OUTBOX_CONVERSATIONS conversations, oldest first out', () => {
    let last: Record<string, unknown[]> = {};
    const outbox = new Outbox({}, (all) => (last = all));
    for (let i = 0; i < MAX_OUTBOX_ITEMS + 5; i++) {
      const echo = `e${String(i).padStart(7, '0')}`;
      outbox.begin('1/4', item(echo));
      outbox.fail('1/4', echo, 'offline');
    }
    assert.equal(outbox.items('1/4').length, MAX_OUTBOX_ITEMS);
    assert.equal(outbox.items('1/4')[0].echoId, 'e0000005', 'the oldest went first');
    for (let c = 0; c < MAX_OUTBOX_CONVERSATIONS + 3; c++) outbox.begin(`1/${100 + c}`, item(`c${String(c).padStart(7, '0')}`));
    assert.equal(Object.keys(last).length, MAX_OUTBOX_CONVERSATIONS, 'what is saved is bounded too');
    assert.deepEqual(outbox.items('1/4'), [], 'the conversation written to least recently went first');
    assert.equal(outbox.items(`1/${100 + MAX_OUTBOX_CONVERSATIONS + 2}`).length, 1);
  });

  test('a restored state is bounded as well', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, c) => [`1/${c}`, Array.from({ length: 30 }, (_, i) => item(`r${String(c * 100 + i).padStart(7, '0')}`))]));
    const outbox = new Outbox(many, () => {});
    assert.deepEqual(outbox.items('1/0'), []);
    assert.equal(outbox.items('1/79').length, MAX_OUTBOX_ITEMS);
  });

  test('clear (sign-out) forgets every unsent reply and saves that', () => {
    let last: Record<string, unknown[]> | undefined;
    const outbox = new Outbox({ '1/4': [item('bbbbbbbb')] }, (all) => (last = all));
    outbox.clear();
    assert.deepEqual(outbox.items('1/4'), []);
    assert.deepEqual(last, {});
  });
});
