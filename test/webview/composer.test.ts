import * as assert from 'assert';
import { ChatPage } from './harness';
import { CONVERSATION_ID, STATE_KEY, conversation, incoming, init, outgoing } from './builders';

suite('webview chat: replying', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
  });
  teardown(() => chat.close());

  const input = () => chat.page.locator('textarea');

  test('Enter sends with an echo id; the pending bubble becomes the confirmed message', async () => {
    await input().fill('It ships **today**');
    await input().press('Enter');
    const send = await chat.waitForPosted('send');
    assert.strictEqual(send.conversationId, CONVERSATION_ID);
    assert.strictEqual(send.content, 'It ships **today**');
    assert.strictEqual(send.private, false);
    assert.match(send.echoId, /^[0-9a-f-]{32,36}$/);
    assert.strictEqual(await input().inputValue(), '');

    const pending = chat.page.locator('.msg--pending');
    await pending.waitFor();
    assert.strictEqual(await pending.locator('strong').textContent(), 'today');
    assert.match((await pending.textContent()) ?? '', /Sending…/);

    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: outgoing('It ships **today**', { id: 2, echo_id: send.echoId, status: 'sent', created_at: Math.floor(Date.now() / 1000) }) });
    await chat.page.locator('.msg[data-id="2"]').waitFor();
    assert.strictEqual(await chat.page.locator('.msg--pending').count(), 0);
    assert.strictEqual(await chat.page.locator('.msg--out').count(), 1);
    assert.deepStrictEqual(await chat.state().then((s) => (s as { unsent: object }).unsent), {});
  });

  test('Ctrl+Enter sends too, and Shift+Enter inserts a new line instead', async () => {
    await input().fill('line one');
    await input().press('Shift+Enter');
    await input().pressSequentially('line two');
    assert.strictEqual(await input().inputValue(), 'line one\nline two');
    assert.strictEqual((await chat.postedOf('send')).length, 0);
    await input().press('Control+Enter');
    assert.strictEqual((await chat.waitForPosted('send')).content, 'line one\nline two');
  });

  test('a failed send keeps the text, and offers Retry and Discard', async () => {
    await input().fill('Please try restarting');
    await input().press('Enter');
    const send = await chat.waitForPosted('send');
    await chat.send({ type: 'sendFailed', conversationId: CONVERSATION_ID, echoId: send.echoId, error: 'Request failed with 422: flooding' });
    const failed = chat.page.locator('.msg--pending.msg--failed');
    await failed.waitFor();
    assert.strictEqual(await failed.locator('.msg__content').textContent(), 'Please try restarting');
    assert.strictEqual(await failed.locator('.msg__error').textContent(), 'Request failed with 422: flooding');
    const unsent = (await chat.state()) as { unsent: Record<string, { content: string; error: string }[]> };
    assert.strictEqual(unsent.unsent[STATE_KEY][0].content, 'Please try restarting');

    await failed.getByRole('button', { name: 'Retry' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('retry'), { type: 'retry', conversationId: CONVERSATION_ID, echoId: send.echoId, content: 'Please try restarting', private: false });
    await chat.page.locator('.msg--pending:not(.msg--failed)').waitFor();

    await chat.send({ type: 'sendFailed', conversationId: CONVERSATION_ID, echoId: send.echoId, error: 'Still failing' });
    await failed.getByRole('button', { name: 'Discard' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('discard'), { type: 'discard', conversationId: CONVERSATION_ID, echoId: send.echoId });
    await failed.waitFor({ state: 'detached' });
  });

  test('a private note is sent as one and looks like one', async () => {
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    assert.strictEqual(await chat.page.locator('.composer--note').count(), 1);
    assert.strictEqual(await input().getAttribute('placeholder'), 'Private note: only agents see this');
    await input().fill('Escalating to billing');
    await input().press('Enter');
    const send = await chat.waitForPosted('send');
    assert.strictEqual(send.private, true);
    await chat.page.locator('.msg--note.msg--pending').waitFor();
  });

  test('the draft and its mode survive a reload through the saved state', async () => {
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    await input().fill('Half-written note');
    const draft = await chat.waitForPosted('draftChanged');
    assert.deepStrictEqual(draft.draft, { text: 'Half-written note', private: true });
    const saved = await chat.state();
    await chat.close();

    chat = await ChatPage.open({ state: saved });
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
    assert.strictEqual(await input().inputValue(), 'Half-written note');
    assert.strictEqual(await chat.page.locator('.composer--note').count(), 1);
  });

  test('an unsent reply survives a reload and is offered for retry', async () => {
    await input().fill('Sent just before the reload');
    await input().press('Enter');
    await chat.waitForPosted('send');
    const saved = await chat.state();
    await chat.close();

    chat = await ChatPage.open({ state: saved });
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })] }));
    const failed = chat.page.locator('.msg--pending.msg--failed');
    await failed.waitFor();
    assert.strictEqual(await failed.locator('.msg__content').textContent(), 'Sent just before the reload');
    assert.match((await failed.locator('.msg__error').textContent()) ?? '', /interrupted/);
  });

  test('typing / opens canned responses; arrows and Enter insert one with variables filled in', async () => {
    await input().pressSequentially('/');
    const list = chat.page.getByRole('listbox', { name: 'Canned responses' });
    await list.waitFor();
    assert.strictEqual(await list.getByRole('option').count(), 3);
    await input().pressSequentially('re');
    // Short codes starting with the query rank first, then codes containing it, then contents.
    assert.deepStrictEqual(await list.locator('.canned__code').allTextContents(), ['/refund', '/greet', '/bye']);
    await input().press('ArrowDown');
    assert.strictEqual(await list.getByRole('option', { selected: true }).locator('.canned__code').textContent(), '/greet');
    assert.strictEqual(await input().getAttribute('aria-activedescendant'), 'canned-1');
    await input().press('Enter');
    assert.strictEqual(await input().inputValue(), 'Hi Jane Cooper, this is Alex Agent from Acme. How can I help?');
    assert.strictEqual(await list.isVisible(), false);
    assert.strictEqual((await chat.postedOf('send')).length, 0);

    await input().fill('');
    await input().pressSequentially('/bye');
    await list.waitFor();
    await input().press('Tab');
    assert.strictEqual(await input().inputValue(), 'Thanks for reaching out, Jane!');
    await input().fill('/');
    await list.waitFor();
    await input().press('Escape');
    await list.waitFor({ state: 'hidden' });
  });

  test('typing signals: on once while typing, off after sending and on blur', async () => {
    await input().pressSequentially('Hello there');
    const on = await chat.waitForPosted('typing');
    assert.deepStrictEqual(on, { type: 'typing', conversationId: CONVERSATION_ID, on: true, private: false });
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('typing', 2)).on, false);
    assert.deepStrictEqual((await chat.postedOf('typing')).map((t) => t.on), [true, false]);

    await input().pressSequentially('More');
    assert.strictEqual((await chat.waitForPosted('typing', 3)).on, true);
    await chat.page.locator('.messages').focus();
    assert.strictEqual((await chat.waitForPosted('typing', 4)).on, false);
  });

  test('when the channel cannot take replies, only private notes can be written', async () => {
    await chat.send({ type: 'conversationUpdated', conversation: conversation({ canReply: false }) });
    await chat.page.locator('.composer__notice').waitFor();
    assert.strictEqual(await chat.page.getByRole('button', { name: 'Reply', exact: true }).isDisabled(), true);
    assert.strictEqual(await chat.page.locator('.composer--note').count(), 1);
    await input().fill('note only');
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).private, true);
  });
});
