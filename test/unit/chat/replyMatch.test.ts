import * as assert from 'node:assert/strict';
import { matchSentReplies } from '../../../src/chat/replyMatch';
import { Message } from '../../../src/model/message';

suite('chat: replyMatch', () => {
  const AGENT = 7;
  const T = 1_700_000_000;
  const item = (echoId: string, content: string, createdAtS = T, isPrivate = false) => ({ echoId, content, private: isPrivate, createdAt: createdAtS * 1000 + 400 });
  const msg = (id: number, content: string, fields: Partial<Message> = {}): Message =>
    ({ id, conversation_id: 1, content, message_type: 1, private: false, created_at: T, sender_type: 'User', sender_id: AGENT, ...fields }) as Message;

  test('two identical replies need two messages: the oldest reply takes the oldest message', () => {
    const matched = matchSentReplies([item('bbbbbbbb', 'ok', T + 1), item('aaaaaaaa', 'ok')], [msg(11, 'ok')], AGENT);
    assert.deepEqual([...matched], [[11, 'aaaaaaaa']]);
    const both = matchSentReplies([item('bbbbbbbb', 'ok', T + 1), item('aaaaaaaa', 'ok')], [msg(12, 'ok', { created_at: T + 1 }), msg(11, 'ok')], AGENT);
    assert.deepEqual([...both].sort(), [[11, 'aaaaaaaa'], [12, 'bbbbbbbb']]);
  });

  test('same second counts; an earlier message, another agent, a contact, a note for a reply do not', () => {
    assert.equal(matchSentReplies([item('aaaaaaaa', 'ok')], [msg(1, 'ok', { created_at: T })], AGENT).size, 1, 'created in the second the send began');
    for (const other of [
      msg(1, 'ok', { created_at: T - 1 }),
      msg(1, 'ok', { sender_id: 8 }),
      msg(1, 'ok', { message_type: 0, sender_type: 'Contact', sender_id: AGENT }),
      msg(1, 'ok', { private: true }),
      msg(1, 'ok!'),
    ]) assert.equal(matchSentReplies([item('aaaaaaaa', 'ok')], [other], AGENT).size, 0, JSON.stringify(other));
  });

  test('a list without sender_type/sender_id is matched by its sender push data', () => {
    const bare = (sender: Message['sender']) => msg(1, 'ok', { sender_type: undefined, sender_id: undefined, sender });
    assert.equal(matchSentReplies([item('aaaaaaaa', 'ok')], [bare({ id: AGENT, type: 'user' })], AGENT).size, 1);
    assert.equal(matchSentReplies([item('aaaaaaaa', 'ok')], [bare({ id: AGENT, type: 'agent_bot' })], AGENT).size, 0);
  });

  test('with the newest id held at the send, ids decide and the clocks do not', () => {
    const sent = { ...item('aaaaaaaa', 'ok'), afterId: 20 };
    // This machine's clock ran ahead: created_at is before the send's second, but the id is newer.
    assert.equal(matchSentReplies([sent], [msg(21, 'ok', { created_at: T - 30 })], AGENT).size, 1);
    // An identical earlier reply (a canned "ok") is older than the send, whatever its time says.
    assert.equal(matchSentReplies([sent], [msg(19, 'ok', { created_at: T + 30 })], AGENT).size, 0);
  });
});
