import * as assert from 'node:assert/strict';
import { Conversation } from '../../../src/model/conversation';
import { Message } from '../../../src/model/message';
import { conversationLine, messageLine } from '../../../src/tools/toolText';

const at = Date.UTC(2024, 2, 4, 10, 0, 0) / 1000;
const msg = (over: Partial<Message>): Message => ({ id: 1, conversation_id: 7, message_type: 0, created_at: at, private: false, content: 'Hi', ...over });

suite('toolText', () => {
  test('a message line names time, author and role; a private note is marked as never seen by the contact', () => {
    assert.equal(messageLine(msg({ sender: { id: 3, name: 'Jane' }, content: 'My order\nis late' })), '[2024-03-04T10:00:00Z] Jane (contact): My order is late');
    assert.equal(
      messageLine(msg({ message_type: 1, private: true, sender: { id: 1, name: 'Alex' }, content: 'refund approved' })),
      '[2024-03-04T10:00:00Z] Alex (agent) [private note — not visible to the contact]: refund approved',
    );
    assert.equal(messageLine(msg({ message_type: 2, content: 'Conversation was resolved' })), '[2024-03-04T10:00:00Z] (activity) Conversation was resolved');
  });

  test('an attachment is named by kind, never by its address', () => {
    const line = messageLine(msg({ attachments: [{ id: 1, file_type: 'image', data_url: 'https://x.test/rails/active_storage/secret-signed-id' }] }));
    assert.ok(line.endsWith('(1 attachment: image)'));
    assert.ok(!line.includes('https://'));
  });

  test('a conversation line', () => {
    const c = Conversation.parse({ id: 42, inbox_id: 3, status: 'open', unread_count: 2, labels: ['billing'], meta: { sender: { id: 9, name: 'Jane' }, assignee: null }, last_activity_at: at, messages: [msg({ content: 'Where is it?' })] });
    assert.equal(conversationLine(c), '#42 · open · Jane · inbox 3 · assignee: unassigned · labels: billing · 2 unread · last activity 2024-03-04T10:00:00Z · last message: "Where is it?"');
  });
});
