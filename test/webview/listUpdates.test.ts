/**
 * Live updates touch only their own rows (messageList.ts): the list built message by message
 * must be the list a fresh `init` of the same messages builds (order, day separators, sender
 * grouping), and rows already shown must keep their DOM nodes.
 */
import * as assert from 'assert';
import type { WireMessage } from '../../src/protocol/chatProtocol';
import { CONVERSATION_ID, incoming, init, message, MONDAY, outgoing } from './builders';
import { ChatPage } from './harness';

const MIN = 60;
const DAY = 24 * 3600;

/** Runs in the page: what the list shows, row by row (day separators included). */
function listShape(): string[] {
  type El = { className: string; textContent: string | null; getAttribute(n: string): string | null };
  const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
  return Array.from(d.querySelectorAll('.messages__items .day, .messages__items .msg, .messages__items .activity')).map((el) =>
    el.className === 'day' ? `day ${el.textContent}` : `${el.getAttribute('data-id') ?? el.getAttribute('data-echo-id')} ${el.className} ${el.textContent}`,
  );
}

/** A conversation with runs by one sender, gaps, an activity line, and a day change. */
function conversationMessages(): WireMessage[] {
  return [
    incoming('hello', { id: 1, created_at: MONDAY }),
    incoming('are you there?', { id: 2, created_at: MONDAY + MIN }),
    outgoing('yes', { id: 3, created_at: MONDAY + 2 * MIN }),
    outgoing('one moment', { id: 4, created_at: MONDAY + 3 * MIN }),
    message({ id: 5, message_type: 2, content: 'Conversation was assigned to Alex Agent', sender: null, created_at: MONDAY + 4 * MIN }),
    outgoing('found it', { id: 6, created_at: MONDAY + 5 * MIN }),
    outgoing('after a long pause', { id: 7, created_at: MONDAY + 30 * MIN }),
    outgoing('a private remark', { id: 8, private: true, status: null, created_at: MONDAY + 31 * MIN }),
    incoming('thanks!', { id: 9, created_at: MONDAY + DAY }),
    incoming('next day, again', { id: 10, created_at: MONDAY + DAY + MIN }),
  ];
}

suite('webview chat: live list updates', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  const tagAll = () =>
    chat.page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<object> } }).document;
      for (const el of Array.from(d.querySelectorAll('.msg, .activity'))) (el as { __kept?: boolean }).__kept = true;
    });
  const kept = (id: number) => chat.page.locator(`[data-id="${id}"]`).evaluate((el) => (el as { __kept?: boolean }).__kept === true);

  test('appending one by one builds what a fresh init builds, and keeps every row node', async () => {
    const all = conversationMessages();
    await chat.send(init({ messages: all }));
    await chat.page.locator('[data-id="10"]').waitFor();
    const expected = await chat.page.evaluate(listShape);

    await chat.send(init({ messages: all.slice(0, 2) }));
    await chat.page.locator('[data-id="2"]').waitFor();
    await tagAll();
    for (const m of all.slice(2)) await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: m });
    await chat.page.locator('[data-id="10"]').waitFor();
    assert.deepStrictEqual(await chat.page.evaluate(listShape), expected);
    assert.ok((await kept(1)) && (await kept(2)), 'the first rows are the same nodes');
    assert.match(expected.join('\n'), /msg--cont/, 'the conversation exercises sender grouping');
    assert.strictEqual(expected.filter((r) => r.startsWith('day ')).length, 2);
  });

  test('a long conversation opens at its newest message, and every row gets its Markdown, the oldest too', async () => {
    // Past the rows a first render builds whole (messageList.ts): the older ones are filled in after.
    const count = 250;
    const all = Array.from({ length: count }, (_, i) => incoming(`**bold ${i + 1}** and \`code\``, { id: i + 1, created_at: MONDAY + i * MIN }));
    await chat.send(init({ messages: all }));
    await chat.page.waitForFunction((n) => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<object> } }).document;
      return d.querySelectorAll('.msg__content strong').length === n;
    }, count);
    const contents = await chat.page.locator('.msg__content').evaluateAll((els) => els.map((el) => (el as unknown as { innerHTML: string }).innerHTML));
    assert.deepStrictEqual(contents, all.map((m) => `<p><strong>bold ${m.id}</strong> and <code>code</code></p>`));
    const box = await chat.page.locator('.messages').evaluate((el: { scrollTop: number; scrollHeight: number; clientHeight: number }) => el.scrollHeight - el.scrollTop - el.clientHeight);
    assert.ok(box <= 2, `the view is ${box}px above the newest message`);
  });

  test('a changed message is re-rendered in place; the others keep their nodes', async () => {
    const all = conversationMessages();
    await chat.send(init({ messages: all }));
    await chat.page.locator('[data-id="10"]').waitFor();
    await tagAll();
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: { ...all[3], status: 'read' } });
    await chat.page.locator('[data-id="4"] .msg__status--read').waitFor();
    assert.strictEqual(await kept(4), false, 'the changed row is new');
    for (const id of [1, 2, 3, 5, 6, 7, 8, 9, 10]) assert.ok(await kept(id), `row ${id} kept`);

    const fresh = [...all];
    fresh[3] = { ...all[3], status: 'read' };
    const now = await chat.page.evaluate(listShape);
    await chat.send(init({ messages: fresh }));
    await chat.page.locator('[data-id="4"] .msg__status--read').waitFor();
    assert.deepStrictEqual(now, await chat.page.evaluate(listShape));
  });

  test('an out-of-order message, a catch-up batch and a confirmed reply all land in order', async () => {
    const all = conversationMessages();
    await chat.send(init({ messages: [all[0], all[2], all[9]] }));
    await chat.page.locator('[data-id="10"]').waitFor();
    await tagAll();
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: all[1] });
    await chat.send({ type: 'messagesAppended', conversationId: CONVERSATION_ID, messages: [all[3], all[4], all[5], all[6], all[7], all[8]] });
    await chat.page.locator('[data-id="9"]').waitFor();
    const built = await chat.page.evaluate(listShape);
    assert.ok((await kept(1)) && (await kept(3)) && (await kept(10)));

    // A reply sent now sits last until confirmed, then becomes the message.
    await chat.page.locator('textarea').fill('last word');
    await chat.page.locator('textarea').press('Enter');
    const send = await chat.waitForPosted('send');
    await chat.page.locator('.msg--pending').waitFor();
    const confirmed = outgoing('last word', { id: 11, echo_id: send.echoId, created_at: MONDAY + DAY + 2 * MIN });
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: confirmed });
    await chat.page.locator('[data-id="11"]').waitFor();
    assert.strictEqual(await chat.page.locator('.msg--pending').count(), 0);
    const withReply = await chat.page.evaluate(listShape);
    assert.deepStrictEqual(withReply.slice(0, -1), built);

    await chat.send(init({ messages: [...all, confirmed] }));
    await chat.page.locator('[data-id="11"]').waitFor();
    assert.deepStrictEqual(await chat.page.evaluate(listShape), withReply);
  });
});
