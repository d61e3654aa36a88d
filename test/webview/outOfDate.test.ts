import * as assert from 'assert';
import { CONVERSATION_ID, incoming, init, outgoing } from './builders';
import { ChatPage } from './harness';

suite('webview chat: out of date and offline', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
  });
  teardown(() => chat.close());

  const behindBanner = () => chat.page.getByRole('status').filter({ hasText: 'may be out of date' });

  test('a failed catch-up shows a status banner whose Retry now asks the host to catch up; it goes when caught up', async () => {
    assert.strictEqual(await behindBanner().count(), 0, 'nothing to say while up to date');
    await chat.send({ type: 'behind', conversationId: CONVERSATION_ID, behind: true });
    await behindBanner().waitFor();
    await behindBanner().getByRole('button', { name: 'Retry now' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('refresh'), { type: 'refresh' });

    // About another conversation: ignored.
    await chat.send({ type: 'behind', conversationId: CONVERSATION_ID + 1, behind: false });
    await chat.send({ type: 'messagesAppended', conversationId: CONVERSATION_ID, messages: [incoming('Sent while you were away', { id: 2 })] });
    await chat.page.locator('.msg[data-id="2"]').waitFor();
    assert.ok(await behindBanner().isVisible());
    await chat.send({ type: 'behind', conversationId: CONVERSATION_ID, behind: false });
    await behindBanner().waitFor({ state: 'hidden' });
  });

  test('a reply queued while offline says so, distinct from failed, and becomes the message once sent', async () => {
    const input = chat.page.locator('textarea');
    await input.fill('Written on the train');
    await input.press('Enter');
    const send = await chat.waitForPosted('send');
    await chat.send({ type: 'sendQueued', conversationId: CONVERSATION_ID, echoId: send.echoId });
    const queued = chat.page.locator('.msg--pending.msg--queued');
    await queued.waitFor();
    assert.strictEqual(await queued.locator('.msg__status').textContent(), 'Queued — will send when connected');
    assert.match((await queued.getAttribute('aria-label')) ?? '', /queued, will send when connected/);
    assert.strictEqual(await chat.page.locator('.msg--failed').count(), 0, 'not shown as failed');
    assert.strictEqual(await queued.getByRole('button', { name: 'Retry' }).count(), 0, 'nothing to retry: the host sends it');
    assert.strictEqual(await queued.getByRole('alert').count(), 0);

    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: outgoing('Written on the train', { id: 3, echo_id: send.echoId, status: 'sent' }) });
    await chat.page.locator('.msg[data-id="3"]').waitFor();
    assert.strictEqual(await chat.page.locator('.msg--pending').count(), 0);
  });

  test('a queued reply from the host outbox shows as queued after a reload', async () => {
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })], outbox: [{ echoId: 'aaaaaaaa-1111', content: 'From before the reload', private: false, createdAt: Date.now(), queued: true }] }));
    const queued = chat.page.locator('.msg--queued');
    await queued.waitFor();
    assert.strictEqual(await queued.locator('.msg__content').textContent(), 'From before the reload');
  });

  test('a conversation that could not be opened offers Retry, which asks the host to open it again', async () => {
    await chat.send({ type: 'empty', text: 'Could not open conversation #42: server error (502)', retry: true });
    await chat.page.getByText('Could not open conversation #42').waitFor();
    await chat.page.getByRole('button', { name: 'Retry' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('refresh'), { type: 'refresh' });
    await chat.page.getByText('Loading conversation…').waitFor();
  });
});
