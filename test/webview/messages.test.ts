import * as assert from 'assert';
import { ChatPage } from './harness';
import { AGENT, conversation, CONVERSATION_ID, incoming, init, message, MONDAY, outgoing } from './builders';

const HOUR = 3600;

suite('webview chat: reading', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  test('shows the empty state until a conversation is opened, and again on empty', async () => {
    await chat.page.getByText('Select a conversation to read and reply.').waitFor();
    await chat.send(init({ messages: [incoming('hi', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
    assert.strictEqual(await chat.page.locator('.empty').isVisible(), false);
    await chat.send({ type: 'empty', text: 'Sign in to see conversations.' });
    await chat.page.getByText('Sign in to see conversations.').waitFor();
    assert.strictEqual(await chat.page.locator('.chat').isVisible(), false);
  });

  test('groups messages by day and renders each kind distinctly', async () => {
    const now = Math.floor(Date.now() / 1000);
    await chat.send(
      init({
        messages: [
          incoming('Hello, my order is late', { id: 1, created_at: MONDAY }),
          message({ id: 2, message_type: 2, content: 'Conversation was assigned to Alex Agent', sender: null, created_at: MONDAY + 60 }),
          outgoing('Sorry to hear that!', { id: 3, created_at: MONDAY + 120 }),
          outgoing('Customer is a VIP', { id: 4, private: true, status: null, created_at: MONDAY + 180 }),
          incoming('This message was deleted', { id: 5, created_at: MONDAY + 24 * HOUR, content_attributes: { deleted: true } }),
          outgoing('Template reply', { id: 6, message_type: 3, sender: null, sender_type: 'AgentBot', created_at: MONDAY + 25 * HOUR }),
          incoming('Are you there?', { id: 7, created_at: now }),
        ],
      }),
    );
    await chat.page.locator('.msg, .activity').nth(6).waitFor();
    assert.deepStrictEqual(await chat.page.locator('.day').allTextContents(), ['Monday, March 4, 2024', 'Tuesday, March 5, 2024', 'Today']);
    assert.strictEqual(await chat.page.locator('.msg--in').count(), 3);
    assert.strictEqual(await chat.page.locator('.msg--out').count(), 2);
    assert.strictEqual(await chat.page.locator('.msg--note').count(), 1);
    assert.match((await chat.page.locator('.msg--note').textContent()) ?? '', /Private note.*Customer is a VIP/);
    assert.strictEqual(await chat.page.locator('.activity').textContent().then((t) => t?.startsWith('Conversation was assigned to Alex Agent')), true);
    assert.strictEqual(await chat.page.locator('.msg--deleted .msg__deleted').textContent(), 'This message was deleted');
    assert.strictEqual(await chat.page.locator('.msg--deleted .msg__content').count(), 0);
    assert.deepStrictEqual(await chat.page.locator('.msg:not(.msg--cont) .msg__sender').allTextContents(), ['Jane Cooper', 'Alex Agent', 'Alex Agent', 'Jane Cooper', 'Bot', 'Jane Cooper']);
    assert.strictEqual(await chat.page.locator('[data-id="1"] time').textContent(), '10:00 AM');
  });

  test('attachments: images inline, other files as links with name and size', async () => {
    await chat.send(
      init({
        messages: [
          incoming('Screenshot and invoice attached', {
            id: 1,
            attachments: [
              { id: 1, file_type: 'image', data_url: 'https://img.test/files/screen.png', thumb_url: 'https://img.test/files/thumb.png', width: 320, height: 180 },
              { id: 2, file_type: 'file', data_url: 'https://files.test/rails/active_storage/blobs/redirect/abc/Invoice%202024.pdf', file_size: 1572864 },
            ],
          }),
        ],
      }),
    );
    const img = chat.page.locator('.att--image img');
    await img.waitFor();
    assert.strictEqual(await img.getAttribute('src'), 'https://img.test/files/thumb.png');
    await chat.page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } }).document;
      const i = d.querySelector('.att--image img');
      return !!i && i.complete && i.naturalWidth === 320;
    });
    assert.strictEqual(await chat.page.locator('.att--image').getAttribute('href'), 'https://img.test/files/screen.png');
    const file = chat.page.locator('.att--file');
    assert.strictEqual(await file.locator('.att__name').textContent(), 'Invoice 2024.pdf');
    assert.strictEqual(await file.locator('.att__size').textContent(), '1.5 MB');
    await file.click();
    assert.strictEqual((await chat.waitForPosted('openLink')).url, 'https://files.test/rails/active_storage/blobs/redirect/abc/Invoice%202024.pdf');
  });

  test('delivery status, and a failed message shows its error with a Retry that posts retry', async () => {
    await chat.send(
      init({
        messages: [
          outgoing('one', { id: 1, status: 'sent' }),
          outgoing('two', { id: 2, status: 'delivered' }),
          outgoing('three', { id: 3, status: 'read' }),
          outgoing('four', { id: 4, status: 'failed', content_attributes: { external_error: '131047: Re-engagement message' } }),
        ],
      }),
    );
    await chat.page.locator('.msg--failed').waitFor();
    assert.deepStrictEqual(await chat.page.locator('.msg__status').evaluateAll((els) => els.map((e) => e.getAttribute('title'))), ['Sent', 'Delivered', 'Read', 'Failed']);
    assert.strictEqual(await chat.page.locator('.msg--failed .msg__error').textContent(), '131047: Re-engagement message');
    await chat.page.locator('.msg--failed').getByRole('button', { name: 'Retry' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('retry'), { type: 'retry', conversationId: CONVERSATION_ID, messageId: 4 });
  });

  test('e-mail messages are readable plain text with their subject', async () => {
    await chat.send(
      init({
        conversation: conversation({ channel: 'Channel::Email' }),
        messages: [
          incoming('ignored', {
            id: 1,
            content_type: 'incoming_email',
            content_attributes: {
              email: {
                subject: 'Invoice *question*',
                html_content: { full: '<p style="x">Hi <img src=x onerror=alert(1)></p>' },
                text_content: { full: 'Hi team,\n\nwhere is *my* invoice? See https://example.com/i/1\n\nJane', reply: 'Hi team,\n\nwhere is *my* invoice? See https://example.com/i/1' },
              },
            },
          }),
        ],
      }),
    );
    const content = chat.page.locator('.msg__content--plain');
    await content.waitFor();
    assert.strictEqual(await chat.page.locator('.msg__email-subject').textContent(), 'Invoice *question*');
    assert.strictEqual(await content.innerText(), 'Hi team,\n\nwhere is *my* invoice? See https://example.com/i/1');
    assert.strictEqual(await content.locator('em, img, p').count(), 0);
    assert.strictEqual(await content.locator('a').getAttribute('href'), 'https://example.com/i/1');
  });

  test('the header shows the conversation and its actions post action messages', async () => {
    await chat.send(init({ messages: [incoming('hi', { id: 1 })] }));
    const header = chat.page.locator('.header');
    await header.waitFor();
    assert.strictEqual(await header.locator('h1').textContent(), 'Jane Cooper');
    assert.strictEqual(await header.locator('.header__where').textContent(), 'Acme Support · Website · #42');
    assert.strictEqual(await header.locator('.badge--open').textContent(), 'Open');
    assert.strictEqual(await header.locator('.badge--priority').textContent(), 'High');
    assert.strictEqual(await header.locator('.header__assignee').textContent(), 'Unassigned');
    await header.getByRole('button', { name: 'Resolve conversation' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('action'), { type: 'action', conversationId: CONVERSATION_ID, name: 'resolve' });
    await header.getByRole('button', { name: 'Assign to me' }).click();
    assert.strictEqual((await chat.waitForPosted('action', 2)).name, 'assignToMe');

    await chat.send({ type: 'conversationUpdated', conversation: conversation({ status: 'resolved', assignee: { id: AGENT.id, name: AGENT.name } }) });
    await header.getByRole('button', { name: 'Reopen conversation' }).waitFor();
    assert.strictEqual(await header.getByRole('button', { name: 'Resolve conversation' }).count(), 0);
    assert.strictEqual(await header.getByRole('button', { name: 'Assign to me' }).count(), 0);
    assert.strictEqual(await header.locator('.header__assignee').textContent(), 'Assigned to you');
    await header.getByRole('button', { name: 'Open in Chatwoot' }).click();
    assert.strictEqual((await chat.waitForPosted('action', 3)).name, 'openInBrowser');
  });

  test('the header shows labels and team; its triage buttons and Ctrl+Alt+L post actions; focus is reported', async () => {
    await chat.send(init({ conversation: conversation({ labels: ['billing', 'vip'], team: { id: 5, name: 'Support' } }) }));
    const header = chat.page.locator('.header');
    await header.locator('.label-chip').first().waitFor();
    assert.deepStrictEqual(await header.locator('.label-chip').allTextContents(), ['billing', 'vip']);
    assert.strictEqual(await header.locator('.header__team').textContent(), 'Support');
    const names = ['Assign to…', 'Assign team…', 'Edit labels…', 'Set priority…'];
    for (const [i, name] of names.entries()) {
      await header.getByRole('button', { name }).click();
      assert.strictEqual((await chat.waitForPosted('action', i + 1)).name, ['assign', 'assignTeam', 'editLabels', 'setPriority'][i]);
    }
    await chat.page.locator('textarea').press('Control+Alt+KeyL');
    assert.deepStrictEqual(await chat.waitForPosted('action', 5), { type: 'action', conversationId: CONVERSATION_ID, name: 'editLabels' });
    const before = (await chat.postedOf('focus')).length;
    await chat.page.evaluate(() => (globalThis as unknown as { dispatchEvent(e: unknown): void; Event: new (t: string) => unknown }).dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('focus')));
    assert.deepStrictEqual(await chat.waitForPosted('focus', before + 1), { type: 'focus', focused: true });
  });

  test('an AgentBot assignee shows as a bot, and never as "you" even when its id is the agent\'s', async () => {
    await chat.send(init({ conversation: conversation({ assignee: { id: AGENT.id, name: 'Captain', type: 'AgentBot' } }) }));
    const assignee = chat.page.locator('.header__assignee');
    await assignee.waitFor();
    assert.strictEqual(await assignee.textContent(), 'Assigned to Captain');
    assert.strictEqual(await assignee.locator('.codicon-hubot').count(), 1);
    assert.match(String(await assignee.getAttribute('title')), /bot/);
    assert.strictEqual(await chat.page.locator('.header').getByRole('button', { name: 'Assign to me' }).count(), 1, 'the agent can take it over');

    await chat.send({ type: 'conversationUpdated', conversation: conversation({ assignee: { id: AGENT.id, name: AGENT.name, type: 'User' } }) });
    await chat.page.locator('.header__assignee', { hasText: 'Assigned to you' }).waitFor();
    assert.strictEqual(await chat.page.locator('.header__assignee .codicon-account').count(), 1);
    assert.strictEqual(await chat.page.locator('.header').getByRole('button', { name: 'Assign to me' }).count(), 0);
  });

  test('messages for another conversation are ignored', async () => {
    await chat.send(init({ messages: [incoming('mine', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID + 1, message: incoming('elsewhere', { id: 2, conversation_id: CONVERSATION_ID + 1 }) });
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: incoming('here', { id: 3 }) });
    await chat.page.getByText('here', { exact: true }).waitFor();
    assert.deepStrictEqual(await chat.page.locator('.msg__content').allTextContents(), ['mine', 'here']);
  });

  test('a stale connection shows a banner until it recovers', async () => {
    await chat.send(init());
    await chat.send({ type: 'connection', text: 'Reconnecting to Chatwoot…', stale: true });
    await chat.page.locator('.banner--connection', { hasText: 'Reconnecting to Chatwoot…' }).waitFor();
    await chat.send({ type: 'connection', text: 'Connected', stale: false });
    await chat.page.locator('.banner--connection').waitFor({ state: 'hidden' });
  });
});
