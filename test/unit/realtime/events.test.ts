import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ChatwootEvent, decodeChatwootEvent, eventAccountId, refetchTargetOf } from '../../../src/realtime/events';
import { SEED_EVENT_NAMES, seedFrame } from '../../fixtures/seeds';

function clone<T>(value: T): T {
  return structuredClone(value);
}

suite('realtime/events', () => {
  for (const name of SEED_EVENT_NAMES) {
    if (name === 'assignee.changed') continue;
    test(`the seed sample of ${name} decodes`, () => {
      const result = decodeChatwootEvent(seedFrame(name).message);
      assert.equal(result.kind, 'event', JSON.stringify(result));
      assert.ok(result.kind === 'event');
      assert.equal(result.event.event, name);
    });
  }

  test('decoded events are typed by name', () => {
    const result = decodeChatwootEvent(seedFrame('message.created').message);
    assert.ok(result.kind === 'event' && result.event.event === 'message.created');
    assert.equal(result.event.data.conversation_id, 7);
    assert.equal(result.event.data.content, 'hi');
    const typing = decodeChatwootEvent(seedFrame('conversation.typing_on').message);
    assert.ok(typing.kind === 'event' && typing.event.event === 'conversation.typing_on');
    assert.equal(typing.event.data.conversation.id, 7);
    assert.equal(typing.event.data.user.type, 'contact');
    const presence = decodeChatwootEvent(seedFrame('presence.update').message);
    assert.ok(presence.kind === 'event' && presence.event.event === 'presence.update');
    assert.deepEqual(presence.event.data.users, { '1': 'online' });
    const notification = decodeChatwootEvent(seedFrame('notification.created').message);
    assert.ok(notification.kind === 'event' && notification.event.event === 'notification.created');
    assert.equal(notification.event.data.unread_count, 3);
    assert.equal(notification.event.data.notification.primary_actor?.id, 7);
  });

  test('extra fields are kept (loose schemas)', () => {
    const message = clone(seedFrame('conversation.created').message) as { data: Record<string, unknown> };
    message.data.fork_specific = { x: 1 };
    const result = decodeChatwootEvent(message);
    assert.ok(result.kind === 'event');
    assert.deepEqual((result.event.data as Record<string, unknown>).fork_specific, { x: 1 });
  });

  test('the published assignee.changed sample (id null) is unappliable, not malformed', () => {
    const result = decodeChatwootEvent(seedFrame('assignee.changed').message);
    assert.deepEqual(result, { kind: 'unappliable', name: 'assignee.changed', problem: 'data.id is null' });
  });

  test('the same sample with a real id decodes', () => {
    const message = clone(seedFrame('assignee.changed').message) as { data: Record<string, unknown> };
    message.data.id = 7;
    const result = decodeChatwootEvent(message);
    assert.ok(result.kind === 'event' && result.event.event === 'assignee.changed');
    assert.equal(result.event.data.meta.assignee?.name, 'John');
  });

  test('events the client relies on are strict: malformed payloads report the zod path', () => {
    const message = clone(seedFrame('message.created').message) as { data: Record<string, unknown> };
    delete message.data.conversation_id;
    const result = decodeChatwootEvent(message);
    assert.equal(result.kind, 'malformed');
    assert.ok(result.kind === 'malformed');
    assert.match(result.problem, /data\.conversation_id/);

    const status = clone(seedFrame('conversation.status_changed').message) as { data: Record<string, unknown> };
    status.data.status = 'exploded';
    const bad = decodeChatwootEvent(status);
    assert.ok(bad.kind === 'malformed');
    assert.match(bad.problem, /data\.status/);
  });

  test('unknown, ignored and nameless events are told apart', () => {
    assert.deepEqual(decodeChatwootEvent({ event: 'crm_deal.created', data: {} }), {
      kind: 'unknown',
      name: 'crm_deal.created',
    });
    assert.deepEqual(decodeChatwootEvent({ event: 'copilot.message.created', data: {} }), {
      kind: 'ignored',
      name: 'copilot.message.created',
    });
    // Whole families: calls and Captain's copilot, whatever their payload.
    for (const name of ['voice_call.incoming', 'voice_call.ended', 'voice_call.permission_granted', 'copilot.thread.updated']) {
      assert.deepEqual(decodeChatwootEvent({ event: name, data: 'not even an object' }), { kind: 'ignored', name });
    }
    assert.equal(decodeChatwootEvent({ data: {} }).kind, 'malformed');
    assert.equal(decodeChatwootEvent('nope').kind, 'malformed');
    assert.equal(decodeChatwootEvent(null).kind, 'malformed');
  });

  test('the newer events docs/chatwoot-events.md lists decode', () => {
    const conversation = seedFrame('conversation.created').message.data;
    for (const event of ['conversation.updated', 'conversation.mentioned']) {
      assert.equal(decodeChatwootEvent({ event, data: conversation }).kind, 'event', event);
    }
    assert.equal(decodeChatwootEvent({ event: 'contact.deleted', data: { id: 3, account_id: 1 } }).kind, 'event');
    assert.equal(
      decodeChatwootEvent({ event: 'notification.deleted', data: { notification: { id: 4 }, unread_count: 0, count: 1 } }).kind,
      'event',
    );
    const created = seedFrame('notification.created').message.data;
    assert.equal(decodeChatwootEvent({ event: 'notification.updated', data: created }).kind, 'event');
    assert.equal(
      decodeChatwootEvent({ event: 'account.cache_invalidated', data: { cache_keys: { label: 1 }, account_id: 1 } }).kind,
      'event',
    );
  });

  test('first.reply.created carries message push data, not a conversation', () => {
    const reply = { ...seedFrame('message.created').message.data, message_type: 1 };
    const result = decodeChatwootEvent({ event: 'first.reply.created', data: reply });
    assert.ok(result.kind === 'event' && result.event.event === 'first.reply.created');
    assert.equal(result.event.data.conversation_id, 7);
    const asConversation = decodeChatwootEvent({ event: 'first.reply.created', data: seedFrame('conversation.created').message.data });
    assert.equal(asConversation.kind, 'malformed');
  });

  test('an unreadable known event names what to refetch: its conversation where it says which, else every page or the notifications', () => {
    for (const name of ['conversation.mentioned', 'team.changed', 'conversation.bot_handoff', 'assignee.changed']) {
      assert.deepEqual(refetchTargetOf({ event: name, data: { id: 42, status: 'exploded' } }), { kind: 'conversation', id: 42 }, name);
      assert.deepEqual(refetchTargetOf({ event: name, data: { id: 'x' } }), { kind: 'conversations' }, name);
    }
    for (const name of ['message.created', 'message.updated', 'first.reply.created']) {
      assert.deepEqual(refetchTargetOf({ event: name, data: { id: 9, conversation_id: 42, content: 5 } }), { kind: 'conversation', id: 42 }, name);
      assert.deepEqual(refetchTargetOf({ event: name, data: { id: 9 } }), { kind: 'conversations' }, name);
    }
    for (const name of ['contact.updated', 'contact.deleted']) assert.deepEqual(refetchTargetOf({ event: name, data: { id: 3 } }), { kind: 'conversations' }, name);
    for (const name of ['notification.created', 'notification.updated', 'notification.deleted']) assert.deepEqual(refetchTargetOf({ event: name, data: {} }), { kind: 'notifications' }, name);
    for (const name of ['presence.update', 'conversation.typing_on', 'account.cache_invalidated', 'conversation.unread_count_changed', 'voice_call.ended']) {
      assert.equal(refetchTargetOf({ event: name, data: { id: 1 } }), undefined, name);
    }
  });

  test('the event union compiles, and the compiled parser agrees with the interpreter on good and broken payloads', () => {
    // strict: throws if any part of the union would silently fall back to the interpreter.
    const compiled = z.compile(ChatwootEvent, { strict: true });
    const samples: unknown[] = [];
    for (const name of SEED_EVENT_NAMES) {
      const message = clone(seedFrame(name).message) as { event: string; data: Record<string, unknown> };
      if (message.data.id === null) message.data.id = 7;
      samples.push(message);
      // Each field of the payload missing, and each of the wrong type.
      for (const key of Object.keys(message.data)) {
        const { [key]: _dropped, ...without } = message.data;
        samples.push({ ...message, data: without });
        for (const wrong of [null, 'x', 1.5, [], {}]) samples.push({ ...message, data: { ...message.data, [key]: wrong } });
      }
    }
    let rejected = 0;
    for (const sample of samples) {
      const fast = compiled.safeParse(sample);
      const slow = ChatwootEvent.safeParse(sample);
      assert.equal(fast.success, slow.success, JSON.stringify(sample).slice(0, 300));
      if (fast.success && slow.success) {
        assert.deepEqual(fast.data, slow.data);
        assert.notEqual(fast.data, sample, 'the result is a validated copy, not the input');
      } else {
        rejected++;
        assert.deepEqual(fast.error?.issues, slow.error?.issues);
      }
      const decoded = decodeChatwootEvent(sample);
      if (slow.success) assert.deepEqual(decoded, { kind: 'event', event: slow.data });
      else assert.equal(decoded.kind === 'malformed' || decoded.kind === 'unappliable', true, JSON.stringify(decoded));
    }
    assert.ok(rejected > 100 && rejected < samples.length, `${rejected} of ${samples.length} rejected`);
  });

  test('a malformed event says which field and what was wrong, never the value', () => {
    const message = clone(seedFrame('message.created').message) as { data: Record<string, unknown> };
    message.data.conversation_id = 'secret-looking-value-123';
    message.data.private = null;
    const result = decodeChatwootEvent(message);
    assert.ok(result.kind === 'malformed');
    assert.equal(result.problem, 'data.conversation_id: expected number, received string; data.private: expected boolean, received null');
  });

  test('eventAccountId reads data.account_id', () => {
    assert.equal(eventAccountId({ event: 'message.created', data: { id: 1 } }), undefined);
    assert.equal(eventAccountId(seedFrame('message.created').message), 1);
    assert.equal(eventAccountId(seedFrame('conversation.created').message), 1);
    assert.equal(eventAccountId(seedFrame('conversation.typing_on').message), 1);
    assert.equal(eventAccountId({ event: 'x' }), undefined);
  });
});
