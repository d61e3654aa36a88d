import * as assert from 'node:assert/strict';
import { Conversation } from '../../../src/model/conversation';
import { Message } from '../../../src/model/message';
import { Profile } from '../../../src/model/profile';
import { API_TOKEN, profileBody } from '../../fixtures/profile';
import { seedFrames } from '../../fixtures/seeds';

suite('model schemas', () => {
  test('the seed conversations parse, and unknown fields survive', () => {
    const data = { ...seedFrames['conversation.read'].message.data, sla_policy_id: 3 };
    const conversation = Conversation.parse(data);
    assert.equal(conversation.meta.sender.name, 'jane');
    assert.equal(conversation.messages?.[0].sender?.type, 'user');
    assert.equal((conversation as Record<string, unknown>).sla_policy_id, 3);
  });

  test('a conversation without meta or with an unknown status is rejected', () => {
    const data = seedFrames['conversation.read'].message.data;
    assert.equal(Conversation.safeParse({ ...data, meta: undefined }).success, false);
    assert.equal(Conversation.safeParse({ ...data, status: 'archived' }).success, false);
  });

  test('a template message with no sender parses (message.updated sample)', () => {
    const message = Message.parse(seedFrames['message.updated'].message.data);
    assert.equal(message.sender_type, null);
    assert.equal(message.message_type, 3);
  });

  test('the profile schema strips access_token so it never travels further', () => {
    const profile = Profile.parse(profileBody());
    assert.ok(!JSON.stringify(profile).includes(API_TOKEN));
    assert.equal(Profile.safeParse(profileBody({ pubsub_token: '' })).success, false);
  });
});
