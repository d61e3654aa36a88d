import * as assert from 'node:assert/strict';
import { Outbox } from '../../../src/chat/outbox';

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

  test('restores what was saved', () => {
    const outbox = new Outbox({ '1/4': [{ ...item('bbbbbbbb'), error: 'offline' }] }, () => {});
    assert.equal(outbox.items('1/4')[0].error, 'offline');
  });
});
