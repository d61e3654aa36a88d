import * as assert from 'assert';
import { ChatPage } from './harness';
import { CONVERSATION_ID, init } from './builders';

suite('webview chat: typing indicator', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
    // Fake timers from here on, so the 30 s expiry can be checked without waiting 30 s.
    await chat.page.clock.install();
    await chat.send(init());
  });
  teardown(() => chat.close());

  const indicator = () => chat.page.getByRole('status').filter({ hasText: 'typing' });

  test('shows who is typing and clears on off', async () => {
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane', on: true });
    await chat.page.getByText('Jane is typing…').waitFor();
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Sam', on: true });
    await chat.page.getByText('Jane and Sam are typing…').waitFor();
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane', on: false });
    await chat.page.getByText('Sam is typing…').waitFor();
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Sam', on: false });
    await indicator().waitFor({ state: 'hidden' });
  });

  test('expires 30 s after the last on', async () => {
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane', on: true });
    await chat.page.getByText('Jane is typing…').waitFor();
    await chat.page.clock.fastForward(20_000);
    // A repeated on restarts the 30 s.
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane', on: true });
    await chat.page.clock.fastForward(29_000);
    assert.strictEqual(await indicator().isVisible(), true);
    await chat.page.clock.fastForward(1_500);
    await indicator().waitFor({ state: 'hidden' });
  });
});
