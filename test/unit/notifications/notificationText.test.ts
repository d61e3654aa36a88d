import * as assert from 'node:assert/strict';
import { Notification } from '../../../src/model/notification';
import { describeNotification } from '../../../src/notifications/notificationText';
import { notificationCreatedFrame } from '../../fixtures/seeds';

function notification(type: string, extra: Partial<Notification> = {}): Notification {
  return {
    id: 9,
    notification_type: type,
    primary_actor_type: 'Conversation',
    primary_actor_id: 1042,
    primary_actor: { id: 42, meta: { sender: { name: 'Jane Doe' } } },
    push_message_title: 'Jane Doe: my order never arrived',
    read_at: null,
    created_at: 1_700_000_000,
    ...extra,
  } as Notification;
}

suite('describeNotification', () => {
  test('builds the title from type, display id and sender; push_message_title is the body', () => {
    const text = describeNotification(notification('conversation_assignment'));
    assert.equal(text.title, 'Conversation #42 assigned to you — Jane Doe');
    assert.equal(text.body, 'Jane Doe: my order never arrived');
    assert.equal(text.severity, 'info');
    assert.equal(text.conversationId, 42);
  });

  test('every known type has its own title', () => {
    const types = ['conversation_creation', 'conversation_assignment', 'assigned_conversation_new_message', 'conversation_mention',
      'participating_conversation_new_message', 'sla_missed_first_response', 'sla_missed_next_response', 'sla_missed_resolution'];
    const titles = new Set(types.map((t) => describeNotification(notification(t)).title));
    assert.equal(titles.size, types.length);
    for (const title of titles) assert.match(title, /#42/);
  });

  test('SLA notifications are warnings', () => {
    for (const t of ['sla_missed_first_response', 'sla_missed_next_response', 'sla_missed_resolution']) {
      assert.equal(describeNotification(notification(t)).severity, 'warning', t);
    }
  });

  test('unknown types (forks add their own) get a generic title, not none', () => {
    const text = describeNotification(notification('pipeline_task_due'));
    assert.equal(text.title, 'Conversation #42: pipeline task due — Jane Doe');
  });

  test('an old-style primary_actor without meta, and no body, still reads well', () => {
    const text = describeNotification(notification('conversation_mention', { primary_actor: { id: 7 }, push_message_title: null }));
    assert.equal(text.title, 'You were mentioned in conversation #7');
    assert.equal(text.body, '');
  });

  test('the notification.created fixture reads as an assignment from its sender', () => {
    const { notification: fixture } = notificationCreatedFrame.message.data as { notification: Notification };
    const text = describeNotification(fixture);
    assert.match(text.title, /^Conversation #\d+ assigned to you/);
    assert.equal(text.conversationId, fixture.primary_actor?.id);
  });
});

suite('notification text is never a link', () => {
  test('a customer cannot put a command link into a pop-up', () => {
    const n = {
      id: 1,
      notification_type: 'assigned_conversation_new_message',
      primary_actor: { id: 5, meta: { sender: { name: '[Jane](command:workbench.action.quit)' } } },
      push_message_title: 'Jane: see [your order](command:workbench.action.terminal.sendSequence?%7B%7D) or [this]  (https://evil.example)',
      created_at: 1,
    } as Notification;
    const text = describeNotification(n);
    for (const part of [text.title, text.body]) {
      assert.doesNotMatch(part, /\]\s*\(/, part);
      assert.match(part, /\]\u200B\(/, 'the text is kept, only made inert');
    }
  });
});
