/**
 * The composer's host-driven behaviour: `insertText` (Send Selection to Conversation), the
 * `sendOnEnter` setting from `init` and `settings`, and the Reply / Private note shortcut.
 */
import * as assert from 'assert';
import { ChatPage } from './harness';
import { CONVERSATION_ID, STATE_KEY, conversation, incoming, init } from './builders';

/** The DOM bits these tests read (the root tsconfig has no DOM types). */
interface TextBox {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
}
interface Doc {
  activeElement: { tagName: string; className: string } | null;
}

const CODE = '```ts\n// src/app.ts\nconst answer: number = 42;\n```';

suite('webview chat: composer, host-driven', () => {
  let chat: ChatPage;
  teardown(() => chat.close());

  const input = () => chat.page.locator('textarea');
  const focused = () => chat.page.evaluate(() => (globalThis as unknown as { document: Doc }).document.activeElement?.tagName ?? null);
  const open = async (overrides: Parameters<typeof init>[0] = {}) => {
    chat = await ChatPage.open();
    await chat.send(init({ messages: [incoming('Can you check this code?', { id: 1 })], ...overrides }));
    await chat.page.locator('.msg').first().waitFor();
  };

  test('insertText puts a code block after the draft on lines of its own, focuses, saves, never sends', async () => {
    await open();
    await input().fill('Here is the fix:');
    await chat.waitForPosted('draftChanged');
    await chat.page.locator('.messages').focus();
    assert.strictEqual(await focused(), 'DIV');

    await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID, text: CODE });
    const expected = `Here is the fix:\n${CODE}`;
    await chat.page.waitForFunction(([sel, v]) => (globalThis as unknown as { document: { querySelector(s: string): TextBox } }).document.querySelector(sel).value === v, ['textarea', expected] as const);
    assert.strictEqual(await focused(), 'TEXTAREA');
    const caret = await input().evaluate((t: TextBox) => [t.selectionStart, t.selectionEnd]);
    assert.deepStrictEqual(caret, [expected.length, expected.length], 'the caret is after the inserted text');

    const draft = await chat.waitForPosted('draftChanged', 2);
    assert.deepStrictEqual(draft, { type: 'draftChanged', conversationId: CONVERSATION_ID, draft: { text: expected, private: false } });
    const saved = (await chat.state()) as { drafts: Record<string, { text: string }> };
    assert.strictEqual(saved.drafts[STATE_KEY].text, expected);
    assert.strictEqual(await chat.page.locator('.msg--pending').count(), 0);
    assert.strictEqual((await chat.postedOf('send')).length, 0, 'inserting never sends');

    // It is the agent's Enter that sends, with the text as edited.
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).content, expected);
  });

  test('insertText replaces the selection; single-line text goes in as it is', async () => {
    await open();
    await input().fill('Please run OLD now');
    await chat.waitForPosted('draftChanged');
    await input().evaluate((t: TextBox) => t.setSelectionRange(11, 14));
    await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID, text: '`npm ci`' });
    await chat.waitForPosted('draftChanged', 2);
    assert.strictEqual(await input().inputValue(), 'Please run `npm ci` now');

    // In the middle of a line, a block is set apart before and after.
    await input().evaluate((t: TextBox) => t.setSelectionRange(11, 11));
    await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID, text: 'a\nb' });
    await chat.waitForPosted('draftChanged', 3);
    assert.strictEqual(await input().inputValue(), 'Please run \na\nb\n`npm ci` now');
    assert.strictEqual((await chat.postedOf('send')).length, 0);
  });

  test('insertText for another conversation, or before any is open, is dropped', async () => {
    chat = await ChatPage.open();
    await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID, text: 'too early' });
    await chat.send(init({ messages: [incoming('hi', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
    await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID + 1, text: 'elsewhere' });
    await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID, text: 'here' });
    await chat.waitForPosted('draftChanged');
    assert.strictEqual(await input().inputValue(), 'here');
    assert.strictEqual((await chat.postedOf('draftChanged')).length, 1);
  });

  test('sendOnEnter false: Enter is a new line, Ctrl+Enter and Cmd+Enter send; the hint says so', async () => {
    await open({ sendOnEnter: false });
    const hint = chat.page.locator('.composer__hint');
    assert.match((await hint.textContent()) ?? '', /^Ctrl\+Enter to send · Enter for a new line/);
    const send = chat.page.locator('.send-button');
    assert.strictEqual(await send.getAttribute('title'), 'Send reply (Ctrl+Enter)');
    assert.strictEqual(await send.getAttribute('aria-keyshortcuts'), 'Control+Enter');
    assert.strictEqual(await input().getAttribute('aria-describedby'), await hint.getAttribute('id'));

    await input().pressSequentially('first line');
    await input().press('Enter');
    await input().pressSequentially('second line');
    assert.strictEqual(await input().inputValue(), 'first line\nsecond line');
    assert.strictEqual((await chat.postedOf('send')).length, 0);
    await input().press('Control+Enter');
    assert.strictEqual((await chat.waitForPosted('send')).content, 'first line\nsecond line');

    await input().pressSequentially('via meta');
    await input().press('Meta+Enter');
    assert.strictEqual((await chat.waitForPosted('send', 2)).content, 'via meta');
  });

  test('a settings message applies at once, both ways', async () => {
    await open();
    const hint = chat.page.locator('.composer__hint');
    assert.match((await hint.textContent()) ?? '', /^Enter to send · Shift\+Enter for a new line/);

    await chat.send({ type: 'settings', sendOnEnter: false });
    await chat.page.locator('.composer__hint', { hasText: 'Ctrl+Enter to send' }).waitFor();
    await input().pressSequentially('one');
    await input().press('Enter');
    await input().pressSequentially('two');
    assert.strictEqual(await input().inputValue(), 'one\ntwo');
    assert.strictEqual((await chat.postedOf('send')).length, 0);

    await chat.send({ type: 'settings', sendOnEnter: true });
    await chat.page.locator('.composer__hint', { hasText: /^Enter to send/ }).waitFor();
    assert.strictEqual(await chat.page.locator('.send-button').getAttribute('title'), 'Send reply (Enter)');
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).content, 'one\ntwo');

    // A later init without the field means the default, Enter sends.
    await chat.send({ type: 'settings', sendOnEnter: false });
    await chat.page.locator('.composer__hint', { hasText: 'Ctrl+Enter to send' }).waitFor();
    await chat.send(init({ messages: [incoming('again', { id: 2 })] }));
    await chat.page.locator('.composer__hint', { hasText: /^Enter to send/ }).waitFor();
  });

  test('VS Code\'s toggleNoteMode switches Reply / Private note; Alt+P itself types nothing', async () => {
    await open();
    const reply = chat.page.getByRole('button', { name: 'Reply', exact: true });
    const note = chat.page.getByRole('button', { name: 'Private note', exact: true });
    for (const b of [reply, note]) {
      assert.match((await b.getAttribute('title')) ?? '', /\(Alt\+P switches\)$/);
      assert.strictEqual(await b.getAttribute('aria-keyshortcuts'), 'Alt+P');
    }
    assert.match((await chat.page.locator('.composer__hint').textContent()) ?? '', /Alt\+P: reply or note$/);

    await input().fill('draft text');
    // The key reaches VS Code (its keybinding answers with toggleNoteMode); here it only types nothing.
    await input().press('Alt+p');
    assert.strictEqual(await input().inputValue(), 'draft text', 'the key typed nothing');
    assert.strictEqual(await chat.page.locator('.composer--note').count(), 0, 'the webview does not switch by itself');

    await chat.send({ type: 'toggleNoteMode', conversationId: CONVERSATION_ID });
    await chat.page.locator('.composer--note').waitFor();
    assert.strictEqual(await note.getAttribute('aria-pressed'), 'true');
    assert.strictEqual(await reply.getAttribute('aria-pressed'), 'false');
    assert.strictEqual(await focused(), 'TEXTAREA');
    await chat.waitForPostedEqual({ type: 'draftChanged', conversationId: CONVERSATION_ID, draft: { text: 'draft text', private: true } });

    // Another conversation's toggle is not this one's.
    await chat.send({ type: 'toggleNoteMode', conversationId: CONVERSATION_ID + 1 });
    await chat.send({ type: 'toggleNoteMode', conversationId: CONVERSATION_ID });
    await chat.page.locator('.composer--note').waitFor({ state: 'detached' });
    assert.strictEqual(await reply.getAttribute('aria-pressed'), 'true');

    await chat.send({ type: 'toggleNoteMode', conversationId: CONVERSATION_ID });
    await chat.page.locator('.composer--note').waitFor();
    await input().press('Enter');
    assert.strictEqual((await chat.waitForPosted('send')).private, true);
  });

  test('toggleNoteMode cannot switch to Reply when the channel takes only notes', async () => {
    await open({ conversation: conversation({ canReply: false }) });
    await chat.page.locator('.composer--note').waitFor();
    await chat.send({ type: 'toggleNoteMode', conversationId: CONVERSATION_ID });
    await input().press('Alt+p');
    // The mode stays: a switch to Reply would post a draft.
    assert.strictEqual(await input().inputValue(), '');
    await input().pressSequentially('x');
    assert.deepStrictEqual((await chat.waitForPosted('draftChanged')).draft, { text: 'x', private: true });
    assert.strictEqual(await chat.page.locator('.composer--note').count(), 1);
  });

  test('canned-response variables resolve only known names, never Object.prototype members', async () => {
    await open({ cannedResponses: [{ id: 9, short_code: 'proto', content: '{{constructor}} {{__proto__}} {{toString}} {{contact.name}}' }] });
    await input().pressSequentially('/pro');
    await chat.page.getByRole('option').first().waitFor();
    await input().press('Enter');
    assert.strictEqual(await input().inputValue(), '{{constructor}} {{__proto__}} {{toString}} Jane Cooper');
  });
});
