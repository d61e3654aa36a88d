import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ControlFrame, DataFrame, decodeFrame, messageCommand, subscribeCommand, unsubscribeCommand } from '../../../src/cable/protocol';

suite('cable/protocol', () => {
  test('control frames decode by type', () => {
    const welcome = decodeFrame('{"type":"welcome"}');
    assert.deepEqual(welcome, { ok: true, value: { kind: 'control', frame: { type: 'welcome' } } });
    const ping = decodeFrame('{"type":"ping","message":1700000000}');
    assert.ok(ping.ok && ping.value.kind === 'control' && ping.value.frame.type === 'ping');
    const disconnect = decodeFrame('{"type":"disconnect","reason":"unauthorized","reconnect":false}');
    assert.ok(disconnect.ok && disconnect.value.kind === 'control');
    assert.deepEqual(disconnect.value.frame, { type: 'disconnect', reason: 'unauthorized', reconnect: false });
    const confirm = decodeFrame('{"identifier":"x","type":"confirm_subscription"}');
    assert.ok(confirm.ok && confirm.value.kind === 'control' && confirm.value.frame.type === 'confirm_subscription');
  });

  test('data frames carry identifier and message', () => {
    const data = decodeFrame('{"identifier":"id","message":{"event":"e","data":{}}}');
    assert.deepEqual(data, { ok: true, value: { kind: 'data', frame: { identifier: 'id', message: { event: 'e', data: {} } } } });
  });

  test('malformed frames are reported with a path, not thrown', () => {
    assert.equal(decodeFrame('not json').ok, false);
    assert.equal(decodeFrame('[1,2]').ok, false);
    const badConfirm = decodeFrame('{"type":"confirm_subscription"}');
    assert.ok(!badConfirm.ok && badConfirm.problem.includes('identifier'));
    const unknownType = decodeFrame('{"type":"nonsense"}');
    assert.ok(!unknownType.ok && unknownType.problem.includes('type'));
    const badData = decodeFrame('{"identifier":7,"message":{}}');
    assert.ok(!badData.ok && badData.problem.includes('identifier'));
  });

  test('the frame schemas compile to zod\'s generated parser, which keeps unknown keys as the schema does', () => {
    // strict: throws instead of quietly falling back to the interpreter.
    const control = z.compile(ControlFrame, { strict: true });
    const data = z.compile(DataFrame, { strict: true });
    assert.deepEqual(control.safeParse({ type: 'disconnect', reason: 'remote', extra: 1 }).data, { type: 'disconnect', reason: 'remote', extra: 1 });
    assert.deepEqual(data.safeParse({ identifier: 'x', message: { a: [1] }, extra: true }).data, { identifier: 'x', message: { a: [1] }, extra: true });
    assert.deepEqual(data.safeParse({ identifier: 7 }).error?.issues, DataFrame.safeParse({ identifier: 7 }).error?.issues);
  });

  test('problems never echo the frame text', () => {
    const result = decodeFrame('{"type":"confirm_subscription","identifier":{"pubsub_token":"s3cr3t-token-value"}}');
    assert.ok(!result.ok);
    assert.ok(!result.problem.includes('s3cr3t'));
  });

  test('commands are the rails wire format, with data as a JSON string', () => {
    assert.equal(subscribeCommand('{"a":1}'), '{"command":"subscribe","identifier":"{\\"a\\":1}"}');
    assert.equal(unsubscribeCommand('{"a":1}'), '{"command":"unsubscribe","identifier":"{\\"a\\":1}"}');
    assert.equal(
      messageCommand('{"a":1}', { action: 'update_presence' }),
      '{"command":"message","identifier":"{\\"a\\":1}","data":"{\\"action\\":\\"update_presence\\"}"}',
    );
  });
});
