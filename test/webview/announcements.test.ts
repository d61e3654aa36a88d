import * as assert from 'assert';
import { ChatPage } from './harness';
import { AGENT_SENDER, CONVERSATION_ID, incoming, init, outgoing } from './builders';

suite('webview chat: screen reader announcements', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 }), outgoing('Checking now', { id: 2 })] }));
    await chat.page.locator('.msg[data-id="2"]').waitFor();
  });
  teardown(() => chat.close());

  /** What the polite live region holds, one entry per announcement. */
  const announced = () => chat.page.locator('[role="status"][aria-live="polite"][aria-relevant="additions"] > p').allTextContents();

  test('opening a conversation announces nothing, and the message log itself stays silent', async () => {
    assert.deepStrictEqual(await announced(), []);
    assert.strictEqual(await chat.page.getByRole('log', { name: 'Messages' }).getAttribute('aria-live'), 'off');
  });

  test('each new message from someone else is announced once, with its sender and first words', async () => {
    const long = 'It has been two weeks since I ordered and the tracking page still says it is at the depot';
    await chat.send({ type: 'messagesAppended', conversationId: CONVERSATION_ID, messages: [incoming(long, { id: 3 }), incoming('Any **news**?', { id: 4 })] });
    await chat.page.locator('.msg[data-id="4"]').waitFor();
    assert.deepStrictEqual(await announced(), [
      'New message from Jane Cooper: It has been two weeks since I ordered and the tracking page…',
      'New message from Jane Cooper: Any news?',
    ]);

    // A change to a message already shown (delivered → read) is not news.
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: incoming('Any **news**?', { id: 4, status: 'read' }) });
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: outgoing('A colleague replied', { id: 5, sender: { id: 9, name: 'Sam Colleague', type: 'user' }, private: true }) });
    await chat.page.locator('.msg[data-id="5"]').waitFor();
    assert.deepStrictEqual((await announced()).slice(-1), ['New private note from Sam Colleague: A colleague replied']);
    assert.strictEqual((await announced()).length, 3);
  });

  test("the agent's own messages and activity lines are not announced", async () => {
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: outgoing('Sent from the browser', { id: 6, sender: AGENT_SENDER }) });
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: { ...incoming('Conversation was resolved', { id: 7 }), message_type: 2, sender: null, sender_type: null } });
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: incoming('', { id: 8, content: null, attachments: [{ id: 1, file_type: 'file', data_url: 'https://img.test/a.pdf' }] }) });
    await chat.page.locator('.msg[data-id="8"]').waitFor();
    assert.deepStrictEqual(await announced(), ['New message from Jane Cooper: 1 attachment']);
  });

  test('a typing indicator is announced when it changes, not on every repeated signal', async () => {
    const typing = chat.page.locator('.typing');
    await typing.evaluate((el) => {
      type Observer = new (cb: (records: unknown[]) => void) => { observe(target: unknown, options: object): void };
      const w = globalThis as unknown as { __typingChanges: number; MutationObserver: Observer };
      w.__typingChanges = 0;
      new w.MutationObserver((records) => (w.__typingChanges += records.length)).observe(el, { childList: true, subtree: true, characterData: true });
    });
    for (let i = 0; i < 5; i++) await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane Cooper', on: true });
    await chat.page.getByText('Jane Cooper is typing…').waitFor();
    const changes = await chat.page.evaluate(() => (globalThis as unknown as { __typingChanges: number }).__typingChanges);
    assert.strictEqual(changes, 1, 'the indicator text was rewritten on a repeated typing signal');
    assert.deepStrictEqual(await announced(), []);
  });
});
