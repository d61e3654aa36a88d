import * as assert from 'node:assert/strict';
import { isSameConversation, keyString, scopedKeyString, scopeOf, toConversationKey } from '../../../src/conversations/conversationKey';

suite('conversation keys', () => {
  test('command arguments: a key, a tree node, or a bare display id in the current account', () => {
    assert.deepEqual(toConversationKey({ accountId: 3, conversationId: 42 }, 1), { accountId: 3, conversationId: 42 });
    assert.deepEqual(toConversationKey({ kind: 'conversation', group: 'mine', accountId: 1, conversationId: 7 }, 1), { accountId: 1, conversationId: 7 });
    assert.deepEqual(toConversationKey(42, 1), { accountId: 1, conversationId: 42 });
    assert.deepEqual(toConversationKey({ conversationId: 42 }, 5), { accountId: 5, conversationId: 42 });
  });

  test('anything else is refused rather than guessed at', () => {
    for (const arg of [undefined, null, '42', 0, -1, 1.5, NaN, {}, { conversationId: '42' }, { accountId: '1', conversationId: 42 }, { accountId: 0, conversationId: 1 }]) {
      assert.equal(toConversationKey(arg, 1), undefined, JSON.stringify(arg));
    }
    assert.equal(toConversationKey(42, undefined), undefined, 'a bare id needs an account');
  });

  test('equality, string forms and the installation scope', () => {
    assert.equal(isSameConversation({ accountId: 1, conversationId: 2 }, { accountId: 1, conversationId: 2 }), true);
    assert.equal(isSameConversation({ accountId: 1, conversationId: 2 }, { accountId: 2, conversationId: 2 }), false);
    assert.equal(isSameConversation(undefined, undefined), false);
    assert.equal(keyString({ accountId: 1, conversationId: 2 }), '1/2');
    const scope = scopeOf({ baseUrl: 'https://chat.example.com', accountId: 3 });
    assert.equal(scope, 'https://chat.example.com#3');
    // The persisted form of drafts and unsent replies; changing it would orphan them.
    assert.equal(scopedKeyString(scope, { accountId: 3, conversationId: 42 }), 'https://chat.example.com#3/42');
  });
});
