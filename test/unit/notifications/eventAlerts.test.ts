import * as assert from 'node:assert/strict';
import { ALERT_COVER_MS, ALERT_GRACE_MS, EventAlert, EventAlerts } from '../../../src/notifications/eventAlerts';
import { describeConversationAlert } from '../../../src/notifications/notificationText';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation } from '../../helpers/payloads';

const mention = (id: number): EventAlert => ({ type: 'conversation_mention', conversation: conversation(id) });

/**
 * One mention reaches the agent twice (a conversation_mention notification and
 * conversation.mentioned), in either order, or only as the event: it pops up exactly once.
 */
suite('notifications/eventAlerts', () => {
  let clock: FakeClock;
  let alerts: EventAlerts;
  let shown: EventAlert[];

  setup(() => {
    clock = new FakeClock();
    alerts = new EventAlerts({ clock });
    shown = [];
    alerts.onDidAlert((a) => shown.push(a));
  });
  teardown(() => alerts.dispose());

  test('the usual order: the notification pops up, the later mention event does not', () => {
    assert.equal(alerts.notificationArrived('conversation_mention', 12), true);
    clock.advance(20_000); // UserMentionJob runs on a slower queue
    assert.equal(alerts.eventArrived(mention(12)), 'covered');
    clock.advance(ALERT_GRACE_MS * 2);
    assert.equal(shown.length, 0);
  });

  test('the event first: it waits, and the notification arriving in the grace period is the one that pops up', () => {
    assert.equal(alerts.eventArrived(mention(12)), 'waiting');
    clock.advance(ALERT_GRACE_MS - 1);
    assert.equal(alerts.notificationArrived('conversation_mention', 12), true);
    clock.advance(ALERT_GRACE_MS);
    assert.equal(shown.length, 0, 'the event gave way');
  });

  test('no notification at all (the type is off in Chatwoot): the event pops up after the grace period', () => {
    alerts.eventArrived(mention(12));
    clock.advance(ALERT_GRACE_MS - 1);
    assert.equal(shown.length, 0);
    clock.advance(1);
    assert.deepEqual(
      shown.map((a) => a.conversation.id),
      [12],
    );
  });

  test('a notification later than the grace period does not pop up a second time', () => {
    alerts.eventArrived(mention(12));
    clock.advance(ALERT_GRACE_MS);
    assert.equal(shown.length, 1);
    assert.equal(alerts.notificationArrived('conversation_mention', 12), false);
  });

  test('a repeated event while one waits is one pop-up', () => {
    alerts.eventArrived(mention(12));
    assert.equal(alerts.eventArrived(mention(12)), 'covered');
    clock.advance(ALERT_GRACE_MS);
    assert.equal(shown.length, 1);
  });

  test('a new mention after the cover period pops up again', () => {
    alerts.notificationArrived('conversation_mention', 12);
    clock.advance(ALERT_COVER_MS);
    assert.equal(alerts.eventArrived(mention(12)), 'waiting');
    clock.advance(ALERT_GRACE_MS);
    assert.equal(shown.length, 1);
  });

  test('types and conversations are kept apart; other notification types are never held back', () => {
    alerts.notificationArrived('conversation_mention', 12);
    assert.equal(alerts.eventArrived({ type: 'conversation_creation', conversation: conversation(12) }), 'waiting');
    assert.equal(alerts.eventArrived(mention(13)), 'waiting');
    clock.advance(ALERT_GRACE_MS);
    assert.deepEqual(
      shown.map((a) => `${a.type}/${a.conversation.id}`),
      ['conversation_creation/12', 'conversation_mention/13'],
    );
    assert.equal(alerts.notificationArrived('conversation_assignment', 12), true);
    assert.equal(alerts.notificationArrived('conversation_mention', undefined), true);
  });

  test('clear() (another account) cancels what waits', () => {
    alerts.eventArrived(mention(12));
    alerts.clear();
    clock.advance(ALERT_GRACE_MS);
    assert.equal(shown.length, 0);
    assert.equal(clock.pendingTimers, 0);
  });

  test('the pop-up text names the conversation, the contact and the mentioning note', () => {
    const c = conversation(42, { contactName: 'Ana Souza' });
    c.messages = [
      { id: 1, conversation_id: 42, content: 'older', message_type: 0, private: false, created_at: 1 },
      {
        id: 2,
        conversation_id: 42,
        content: 'please look [@Marcus Chen](mention://user/2/Marcus%20Chen) the [refund](command:evil) is stuck',
        message_type: 1,
        private: true,
        created_at: 2,
        sender: { id: 3, name: 'Sofia Alvarez' },
      },
    ] as typeof c.messages;
    const text = describeConversationAlert('conversation_mention', c);
    assert.equal(text.title, 'You were mentioned in conversation #42 — Ana Souza');
    assert.equal(text.conversationId, 42);
    assert.match(text.body, /^Sofia Alvarez: please look @Marcus Chen the \[refund\]\u200B\(command:evil\) is stuck$/);
    assert.equal(describeConversationAlert('conversation_creation', conversation(43)).title, 'New conversation #43 — Contact 43');
  });
});
