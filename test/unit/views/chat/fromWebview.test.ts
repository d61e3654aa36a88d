import * as assert from 'node:assert/strict';
import { FromWebviewSchema, isOpenableLink } from '../../../../src/views/chat/fromWebview';

suite('chat: messages from the webview', () => {
  const echoId = '3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6b';
  test('every protocol message is accepted', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'loadOlder', conversationId: 4, beforeId: 100 },
      { type: 'send', conversationId: 4, content: 'hi', private: false, echoId },
      { type: 'retry', conversationId: 4, echoId, content: 'hi', private: true },
      { type: 'retry', conversationId: 4, messageId: 7 },
      { type: 'discard', conversationId: 4, echoId },
      { type: 'typing', conversationId: 4, on: true, private: false },
      { type: 'openLink', url: 'https://example.com' },
      { type: 'action', conversationId: 4, name: 'snooze' },
      { type: 'draftChanged', conversationId: 4, draft: { text: 'x', private: false } },
    ]) {
      assert.ok(FromWebviewSchema.safeParse(m).success, JSON.stringify(m));
    }
  });

  test('anything else is refused', () => {
    for (const m of [
      null, 'ready', {}, { type: 'eval', code: '1' },
      { type: 'send', conversationId: 4, content: '   ', private: false, echoId },
      { type: 'send', conversationId: '4', content: 'hi', private: false, echoId },
      { type: 'send', conversationId: 4, content: 'hi', private: false, echoId: '../../etc' },
      { type: 'action', conversationId: 4, name: 'deleteAccount' },
      { type: 'loadOlder', conversationId: -1, beforeId: 1 },
      { type: 'retry', conversationId: 4 },
    ]) {
      assert.equal(FromWebviewSchema.safeParse(m).success, false, JSON.stringify(m));
    }
  });

  test('only http, https and mailto links may open', () => {
    assert.ok(isOpenableLink('https://example.com/a?b'));
    assert.ok(isOpenableLink('http://example.com'));
    assert.ok(isOpenableLink('mailto:jane@example.com'));
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', 'not a url', ' javascript:alert(1)']) {
      assert.equal(isOpenableLink(bad), false, bad);
    }
  });
});
