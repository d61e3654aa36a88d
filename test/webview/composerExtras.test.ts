import * as assert from 'assert';
import { ChatPage } from './harness';
import { CONVERSATION_ID, conversation, incoming, init, outgoing } from './builders';

const AGENTS = [
  { id: 3, name: 'Priya Patel' },
  { id: 5, name: 'Sam O_Neil [ops]' },
  { id: 9, name: 'Pat Lee' },
];

suite('webview chat: @mentions in private notes', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })], agents: AGENTS }));
    await chat.page.locator('.msg').first().waitFor();
  });
  teardown(() => chat.close());

  const input = () => chat.page.locator('textarea');
  const list = () => chat.page.getByRole('listbox', { name: 'Mention an agent' });

  test('@ in a note lists agents filtered as you type; arrows and Enter insert Chatwoot’s mention markup', async () => {
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    await input().pressSequentially('Can you check @');
    await list().waitFor();
    assert.deepStrictEqual(await list().getByRole('option').allTextContents(), ['@Pat Lee', '@Priya Patel', '@Sam O_Neil [ops]']);
    await input().pressSequentially('pa');
    // Names starting with the query first, then names containing it.
    assert.deepStrictEqual(await list().getByRole('option').allTextContents(), ['@Pat Lee', '@Priya Patel']);
    await input().press('ArrowDown');
    assert.strictEqual(await input().getAttribute('aria-activedescendant'), 'mention-1');
    assert.strictEqual(await list().getByRole('option', { selected: true }).textContent(), '@Priya Patel');
    await input().press('Enter');
    await list().waitFor({ state: 'hidden' });
    assert.strictEqual(await input().inputValue(), 'Can you check [@Priya Patel](mention://user/3/Priya%20Patel) ');
    assert.strictEqual((await chat.postedOf('send')).length, 0, 'Enter picked the agent; it did not send');

    await input().pressSequentially('and @sam');
    await list().waitFor();
    await input().press('Tab');
    // Markdown characters in a name are escaped as the dashboard's serializer escapes them.
    assert.strictEqual(
      await input().inputValue(),
      'Can you check [@Priya Patel](mention://user/3/Priya%20Patel) and [@Sam O_Neil \\[ops\\]](mention://user/5/Sam%20O_Neil%20%5Bops%5D) ',
    );
    await input().press('Enter');
    const send = await chat.waitForPosted('send');
    assert.strictEqual(send.private, true);
    assert.match(send.content, /\[@Priya Patel\]\(mention:\/\/user\/3\/Priya%20Patel\)/);
    // The pending note shows the mentions as chips, not as links.
    const pending = chat.page.locator('.msg--pending');
    await pending.waitFor();
    assert.deepStrictEqual(await pending.locator('.mention').allTextContents(), ['@Priya Patel', '@Sam O_Neil [ops]']);
    assert.strictEqual(await pending.locator('a').count(), 0);
  });

  test('Escape closes the list; a reply (not a note) never offers mentions', async () => {
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    await input().pressSequentially('@p');
    await list().waitFor();
    await input().press('Escape');
    await list().waitFor({ state: 'hidden' });
    assert.strictEqual(await input().inputValue(), '@p');
    await input().pressSequentially('r');
    await list().waitFor();

    await input().fill('');
    await chat.page.getByRole('button', { name: 'Reply', exact: true }).click();
    await input().pressSequentially('mail me @p');
    // The canned picker's and this list's state are both read synchronously on input.
    assert.strictEqual(await list().isVisible(), false);
  });

  test('agents that arrive after the conversation opened are offered', async () => {
    await chat.send(init({ agents: [] }));
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    await input().pressSequentially('@');
    assert.strictEqual(await list().isVisible(), false);
    await chat.send({ type: 'agents', agents: [{ id: 11, name: 'Late Larry' }] });
    await input().pressSequentially('l');
    await list().waitFor();
    assert.deepStrictEqual(await list().getByRole('option').allTextContents(), ['@Late Larry']);
  });

  test('mentions in messages render as chips with the name as text', async () => {
    await chat.send({
      type: 'messageUpserted',
      conversationId: CONVERSATION_ID,
      message: incoming('[@Priya Patel](mention://user/3/Priya%20Patel) and [@Old Style](mention://user/4/Old Style) please look', { id: 2, private: true, message_type: 1 }),
    });
    const note = chat.page.locator('.msg[data-id="2"]');
    await note.waitFor();
    assert.deepStrictEqual(await note.locator('.mention').allTextContents(), ['@Priya Patel', '@Old Style']);
    assert.strictEqual(await note.locator('a').count(), 0);
    assert.strictEqual((await note.locator('.msg__content').textContent())?.trim(), '@Priya Patel and @Old Style please look');
  });
});

suite('webview chat: replying to a message', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  const input = () => chat.page.locator('textarea');

  test('Reply on a bubble quotes it: the send carries in_reply_to, Escape drops the quote', async () => {
    await chat.send(init({ messages: [incoming('My parcel never arrived', { id: 1 }), incoming('Order 1042', { id: 2 })] }));
    const first = chat.page.locator('.msg[data-id="1"]');
    await first.hover();
    await first.getByRole('button', { name: 'Reply to this message' }).click();
    const bar = chat.page.locator('.reply-bar');
    assert.strictEqual(await bar.isVisible(), true);
    assert.match((await bar.textContent()) ?? '', /Replying to Jane Cooper: My parcel never arrived/);
    await input().press('Escape');
    assert.strictEqual(await bar.isVisible(), false);

    await first.hover();
    await first.getByRole('button', { name: 'Reply to this message' }).click();
    await input().fill('Sorry about that, a new one is on its way');
    await input().press('Enter');
    const send = await chat.waitForPosted('send');
    assert.strictEqual(send.inReplyTo, 1);
    assert.strictEqual(await bar.isVisible(), false);
    await input().fill('And thanks');
    await input().press('Enter');
    const second = await chat.waitForPosted('send', 2);
    assert.strictEqual(second.inReplyTo, undefined, 'the quote is for one message only');
  });

  test('a reply shows what it quotes; clicking the quote scrolls to it, and an unloaded one is looked for in older pages', async () => {
    const filler = Array.from({ length: 30 }, (_, i) => incoming(`filler ${i}`, { id: 100 + i }));
    await chat.send(
      init({
        hasOlder: true,
        messages: [
          incoming('The **blue** one, size 9', { id: 50 }),
          ...filler,
          outgoing('We have it in stock', { id: 200, content_attributes: { in_reply_to: 50 } }),
          outgoing('Shipping today', { id: 201, content_attributes: { in_reply_to: 7 } }),
        ],
      }),
    );
    const quote = chat.page.locator('.msg[data-id="200"] .msg__quote');
    await quote.waitFor();
    assert.strictEqual(await quote.locator('.msg__quote-sender').textContent(), 'Jane Cooper');
    assert.strictEqual(await quote.locator('.msg__quote-text').textContent(), 'The blue one, size 9');
    await quote.click();
    const target = chat.page.locator('.msg[data-id="50"]');
    await chat.page.waitForFunction("document.activeElement?.getAttribute('data-id') === '50'");
    assert.strictEqual(await target.isVisible(), true);
    assert.match((await target.getAttribute('class')) ?? '', /msg--found/);

    const missing = chat.page.locator('.msg[data-id="201"] .msg__quote');
    assert.match((await missing.textContent()) ?? '', /not loaded/);
    await missing.click();
    const older = await chat.waitForPosted('loadOlder');
    assert.strictEqual(older.beforeId, 50);
    await chat.send({ type: 'messagesPrepended', conversationId: CONVERSATION_ID, messages: [incoming('Do you ship to Oslo?', { id: 7 })], hasOlder: false });
    assert.strictEqual(await missing.locator('.msg__quote-text').textContent(), 'Do you ship to Oslo?');
    await chat.page.waitForFunction("document.activeElement?.getAttribute('data-id') === '7'");

    // A quoted message that no page holds is reported, not searched for ever.
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: outgoing('See above', { id: 300, content_attributes: { in_reply_to: 3 } }) });
    await chat.page.locator('.msg[data-id="300"] .msg__quote').click();
    await chat.page.getByText('The quoted message is not in this conversation’s history').waitFor();
  });
});

suite('webview chat: messaging windows', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  test('a closed WhatsApp window says why, allows notes only, and points to the dashboard for templates', async () => {
    await chat.send(init({ conversation: conversation({ channel: 'Channel::Whatsapp', canReply: false }), messages: [incoming('Hello?', { id: 1 })] }));
    const notice = chat.page.locator('.composer__notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /WhatsApp accepts replies only within 24 hours.*Only private notes.*template from the Chatwoot dashboard/);
    assert.strictEqual(await chat.page.getByRole('button', { name: 'Reply', exact: true }).isDisabled(), true);
    await notice.getByRole('button', { name: 'Open in Chatwoot' }).click();
    const action = await chat.waitForPosted('action');
    assert.deepStrictEqual(action, { type: 'action', conversationId: CONVERSATION_ID, name: 'openInBrowser' });
    await chat.page.locator('textarea').fill('internal only');
    await chat.page.locator('textarea').press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).private, true);

    // The customer wrote again: the window reopens.
    await chat.send({ type: 'conversationUpdated', conversation: conversation({ channel: 'Channel::Whatsapp', canReply: true }) });
    await notice.waitFor({ state: 'hidden' });
    assert.strictEqual(await chat.page.getByRole('button', { name: 'Reply', exact: true }).isDisabled(), false);
  });

  test('Messenger says its own window, with no template button', async () => {
    await chat.send(init({ conversation: conversation({ channel: 'Channel::FacebookPage', canReply: false }) }));
    const notice = chat.page.locator('.composer__notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /Messenger accepts replies only within 24 hours/);
    assert.strictEqual(await notice.getByRole('button').isVisible(), false);
  });
});

suite('webview chat: signature', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
    await chat.send(init({ signature: 'Alex Agent\r\nAcme Support  ' }));
    await chat.page.locator('.composer').waitFor();
  });
  teardown(() => chat.close());

  const input = () => chat.page.locator('textarea');

  test('a reply shows the signature before sending and carries it after a -- line; a note does not', async () => {
    const preview = chat.page.locator('.composer__signature');
    assert.strictEqual(await preview.isVisible(), true);
    assert.strictEqual(await preview.textContent(), '--\nAlex Agent\nAcme Support');
    await input().fill('Your order shipped.  ');
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).content, 'Your order shipped.\n\n--\n\nAlex Agent\nAcme Support');

    await chat.page.getByRole('button', { name: 'Private note' }).click();
    assert.strictEqual(await preview.isVisible(), false);
    await input().fill('internal');
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send', 2)).content, 'internal');
  });

  test('a reply that already ends with the signature is not signed twice; turning the setting off removes it', async () => {
    await input().fill('Thanks!\n\n--\n\nAlex Agent\nAcme Support');
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).content, 'Thanks!\n\n--\n\nAlex Agent\nAcme Support');
    await chat.send({ type: 'settings', sendOnEnter: true, signature: null });
    await chat.page.locator('.composer__signature').waitFor({ state: 'hidden' });
    await input().fill('Bye');
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send', 2)).content, 'Bye');
  });
});

suite('webview chat: e-mail conversations', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  const input = () => chat.page.locator('textarea');

  test('an e-mail shows subject, from, to, cc and bcc, with the quoted part folded', async () => {
    const mail = incoming('ignored', {
      id: 1,
      content_type: 'incoming_email',
      content_attributes: {
        email: {
          subject: 'Invoice 7',
          from: ['jane@example.com'],
          to: ['support@acme.test'],
          cc: ['boss@example.com', 'team@example.com'],
          bcc: ['audit@example.com'],
          text_content: { full: 'Please resend it.\n\nOn Monday Acme wrote:\n> Here is invoice 7', reply: 'Please resend it.' },
        },
      },
    });
    const reply = outgoing('Resent, see attached.', { id: 2, content_attributes: { cc_emails: ['boss@example.com'], bcc_emails: [], to_emails: [] } });
    await chat.send(init({ conversation: conversation({ channel: 'Channel::Email' }), messages: [mail, reply] }));
    const row = chat.page.locator('.msg[data-id="1"]');
    await row.waitFor();
    assert.strictEqual(await row.locator('.msg__email-subject').textContent(), 'Invoice 7');
    assert.deepStrictEqual(await row.locator('.msg__email-line').allTextContents(), [
      'From:jane@example.com',
      'To:support@acme.test',
      'Cc:boss@example.com, team@example.com',
      'Bcc:audit@example.com',
    ]);
    assert.strictEqual(await row.locator('.msg__content').first().textContent(), 'Please resend it.');
    const quoted = row.locator('.msg__email-quoted');
    assert.strictEqual(await quoted.isVisible(), false);
    await row.getByRole('button', { name: 'Show quoted text' }).click();
    assert.strictEqual(await quoted.innerText(), 'On Monday Acme wrote:\n> Here is invoice 7');
    assert.strictEqual(await row.getByRole('button', { name: 'Hide quoted text' }).getAttribute('aria-expanded'), 'true');
    // The agent's e-mail reply names its Cc.
    assert.deepStrictEqual(await chat.page.locator('.msg[data-id="2"] .msg__email-line').allTextContents(), ['Cc:boss@example.com']);
  });

  test('a reply can set Cc and Bcc; an address Chatwoot would refuse is caught before sending', async () => {
    await chat.send(init({ conversation: conversation({ channel: 'Channel::Email' }) }));
    const cc = chat.page.getByRole('textbox', { name: 'Cc', exact: true });
    const bcc = chat.page.getByRole('textbox', { name: 'Bcc', exact: true });
    await cc.fill('boss@example.com, team@example.com');
    await bcc.fill('not an address');
    await input().fill('Here you go');
    await input().press('Enter');
    await chat.page.getByRole('alert').filter({ hasText: 'Bcc: “notanaddress” is not an e-mail address.' }).waitFor();
    assert.strictEqual((await chat.postedOf('send')).length, 0);
    assert.strictEqual(await input().inputValue(), 'Here you go');

    await bcc.fill('audit@example.com');
    await input().press('Enter');
    const send = await chat.waitForPosted('send');
    assert.strictEqual(send.ccEmails, 'boss@example.com,team@example.com');
    assert.strictEqual(send.bccEmails, 'audit@example.com');
    assert.strictEqual(await cc.inputValue(), '', 'recipients are per message');

    // Notes go to nobody, and other channels have no recipients.
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    assert.strictEqual(await cc.isVisible(), false);
    await chat.send(init());
    assert.strictEqual(await cc.isVisible(), false);
  });
});
