import * as assert from 'node:assert/strict';
import { ATTACHMENT_LIMITS, formatBytes, HeldFiles, mimeTypeOf } from '../../../src/chat/heldFiles';
import { Outbox } from '../../../src/chat/outbox';
import type { OutboxItem } from '../../../src/protocol/chatProtocol';

const K = 'https://chat.test#1/42';
const file = (name: string, size: number, mimeType = 'application/octet-stream') => ({ name, mimeType, bytes: new Uint8Array(size) });

suite('HeldFiles: the files attached to replies', () => {
  test('Chatwoot’s limits: 15 files a reply, 40 MB a file, said in words before anything is read', () => {
    const held = new HeldFiles();
    assert.deepEqual(ATTACHMENT_LIMITS, { maxFiles: 15, maxBytes: 40 * 1024 * 1024 });
    assert.equal(held.refusal(K, 'big.iso', 41 * 1024 * 1024), 'big.iso is 41 MB: Chatwoot accepts files up to 40 MB.');
    assert.equal(held.refusal(K, 'ok.bin', 40 * 1024 * 1024), undefined, 'exactly the limit is accepted');
    for (let i = 0; i < 15; i++) assert.equal(typeof held.stage(K, file(`f${i}`, 1)), 'object');
    assert.equal(held.stage(K, file('sixteenth', 1)), 'sixteenth was not attached: a reply carries at most 15 files.');
    assert.equal(held.refusal('other/1', 'x', 1), undefined, 'the count is per conversation');
  });

  test('the bytes held across conversations are bounded', () => {
    const held = new HeldFiles({ maxFiles: 15, maxBytes: 100 }, 150);
    assert.equal(typeof held.stage(K, file('a', 100)), 'object');
    assert.match(String(held.stage('other/1', file('b', 60))), /b was not attached: 150 B of files already wait to be sent/);
    assert.equal(held.heldBytes, 100);
  });

  test('a small image gets a data: preview; other files and large images none', () => {
    const held = new HeldFiles();
    const png = held.stage(K, { name: 'p.png', mimeType: 'image/png', bytes: Uint8Array.from([1, 2, 3]) });
    const svg = held.stage(K, { name: 's.svg', mimeType: 'image/svg+xml', bytes: Uint8Array.from([1]) });
    assert.ok(typeof png === 'object' && typeof svg === 'object');
    const staged = held.staged(K);
    assert.equal(staged.find((f) => f.id === png.id)?.thumbnail, 'data:image/png;base64,AQID');
    assert.equal(staged.find((f) => f.id === svg.id)?.thumbnail, undefined, 'an SVG is never previewed');
  });

  test('a reply takes its staged files; they stay held until the outbox lets the reply go', () => {
    const held = new HeldFiles();
    const a = held.stage(K, file('a.txt', 10, 'text/plain'));
    const b = held.stage(K, file('b.txt', 20, 'text/plain'));
    assert.ok(typeof a === 'object' && typeof b === 'object');
    const taken = held.take(K, [a.id]);
    assert.deepEqual(taken.map((f) => f.name), ['a.txt']);
    assert.deepEqual(held.staged(K).map((f) => f.name), ['b.txt'], 'the other stays in the composer');
    assert.equal(held.uploads(taken)?.[0].bytes.length, 10);

    const outbox = new Outbox({}, () => undefined, (item) => held.release((item.attachments ?? []).map((f) => f.id)));
    const item: OutboxItem = { echoId: 'echo-0001', content: '', private: false, createdAt: 1, attachments: taken };
    outbox.begin(K, item);
    outbox.fail(K, item.echoId, 'HTTP 500');
    assert.ok(held.uploads(taken), 'a failed reply keeps its files for Retry');
    outbox.remove(K, item.echoId);
    assert.equal(held.uploads(taken), undefined, 'confirmed or discarded: the bytes are let go');
    assert.equal(held.heldBytes, 20);
    held.unstage(K, b.id);
    assert.equal(held.heldBytes, 0);
  });

  test('signing out (the outbox cleared) lets every file go', () => {
    const held = new HeldFiles();
    const a = held.stage(K, file('a', 5));
    assert.ok(typeof a === 'object');
    const outbox = new Outbox({}, () => undefined, (item) => held.release((item.attachments ?? []).map((f) => f.id)));
    outbox.queue(K, { echoId: 'echo-0002', content: 'x', private: false, createdAt: 1, attachments: held.take(K, [a.id]) });
    outbox.clear();
    assert.equal(held.heldBytes, 0);
  });

  test('sizes and types as the dashboard shows and a browser reports them', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 kB');
    assert.equal(formatBytes(40 * 1024 * 1024), '40 MB');
    assert.equal(mimeTypeOf('Shot.PNG'), 'image/png');
    assert.equal(mimeTypeOf('notes.txt'), 'text/plain');
    assert.equal(mimeTypeOf('archive.unknown'), 'application/octet-stream');
  });
});
