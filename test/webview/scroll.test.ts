import * as assert from 'assert';
import { ChatPage } from './harness';
import { CONVERSATION_ID, incoming, init, MONDAY, outgoing } from './builders';
import type { ToWebview, WireMessage } from '../../src/protocol/chatProtocol';

/** The scroll box's numbers (the root tsconfig has no DOM types). */
interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Delivers host messages one after another within one task, before the page has any idle time:
 * a long conversation's older rows are still unbuilt then (messageList.ts builds them in idle time).
 */
function burst(chat: ChatPage, messages: readonly ToWebview[], scrollTo?: number): Promise<number | null> {
  return chat.page.evaluate(
    ([list, top]) => {
      type El = { scrollTop: number; getBoundingClientRect(): { top: number } };
      const w = globalThis as unknown as {
        dispatchEvent(e: unknown): void;
        MessageEvent: new (type: string, init: { data: unknown }) => unknown;
        document: { querySelector(s: string): El | null };
      };
      for (const data of list) w.dispatchEvent(new w.MessageEvent('message', { data }));
      if (top === null) return null;
      w.document.querySelector('.messages')!.scrollTop = top;
      // Where the oldest row built so far is now.
      return w.document.querySelector('.msg, .activity')!.getBoundingClientRect().top;
    },
    [messages, scrollTo ?? null] as const,
  );
}

/** Where a row is in the scroll box: fully inside it, or not. */
function rowInView(chat: ChatPage, id: number): Promise<boolean> {
  return chat.page.locator(`[data-id="${id}"]`).evaluate((row: { getBoundingClientRect(): { top: number; bottom: number }; closest(s: string): { getBoundingClientRect(): { top: number; bottom: number } } | null }) => {
    const r = row.getBoundingClientRect();
    const box = row.closest('.messages')!.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  });
}

/** The ids of the rows, in the order they are shown. */
function shownIds(chat: ChatPage): Promise<number[]> {
  return chat.page.locator('.msg, .activity').evaluateAll((els) => els.map((el) => Number((el as unknown as { dataset: { id: string } }).dataset.id)));
}

function page(from: number, count: number): WireMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const id = from + i;
    const at = MONDAY + id * 60;
    return id % 3 === 0 ? outgoing(`Reply ${id}\nwith a second line`, { id, created_at: at }) : incoming(`Question ${id}`, { id, created_at: at });
  });
}

suite('webview chat: scrolling', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  const scroller = () => chat.page.locator('.messages');
  const metrics = () => scroller().evaluate((el: ScrollBox) => ({ top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight }));
  const atBottom = async () => {
    const m = await metrics();
    return m.height - m.top - m.client <= 2;
  };

  test('scrolling to the top asks for older messages and keeps the reader in place', async () => {
    await chat.send(init({ messages: page(100, 30), hasOlder: true }));
    await chat.page.locator('[data-id="129"]').waitFor();
    assert.strictEqual(await atBottom(), true, 'a conversation opens at its newest message');
    assert.strictEqual((await chat.postedOf('loadOlder')).length, 0);

    await scroller().evaluate((el: ScrollBox) => void (el.scrollTop = 0));
    assert.deepStrictEqual(await chat.waitForPosted('loadOlder'), { type: 'loadOlder', conversationId: CONVERSATION_ID, beforeId: 100 });
    const before = await chat.page.locator('[data-id="100"]').boundingBox();

    await chat.send({ type: 'messagesPrepended', conversationId: CONVERSATION_ID, messages: page(80, 20), hasOlder: false });
    await chat.page.locator('[data-id="80"]').waitFor({ state: 'attached' });
    const after = await chat.page.locator('[data-id="100"]').boundingBox();
    assert.ok(before && after);
    assert.ok(Math.abs(before.y - after.y) <= 1, `message 100 moved from ${before.y} to ${after.y}`);
    assert.ok((await metrics()).top > 0);
    // No more pages: scrolling up again asks for nothing.
    await scroller().evaluate((el: ScrollBox) => void (el.scrollTop = 0));
    await chat.page.locator('.older__button').waitFor({ state: 'hidden' });
    assert.strictEqual((await chat.postedOf('loadOlder')).length, 1);
  });

  test('scrolling to the top of a long conversation just opened shows the rest of it in place first, then asks for older messages', async () => {
    const all = page(1, 500);
    const top = await burst(chat, [init({ messages: all, hasOlder: true })], 0);
    // The rows above are built at once, and the one that was at the top stays where it was.
    await chat.page.locator('[data-id="1"]').waitFor({ state: 'attached' });
    assert.deepStrictEqual(await shownIds(chat), all.map((m) => m.id));
    // Without keeping the place, 401 would be ~400 rows further down. Rows coming into view swap
    // their estimated height (content-visibility in chat.css) for their real one, so it may drift
    // a little, but stays in view.
    await chat.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number } } }).document.querySelector('.messages').scrollTop > 0);
    assert.ok(top !== null);
    assert.strictEqual(await rowInView(chat, 401), true, 'message 401 is still in view');
    assert.strictEqual((await chat.postedOf('loadOlder')).length, 0, 'no older page while the conversation had rows left to show');
    await scroller().evaluate((el: ScrollBox) => void (el.scrollTop = 0));
    assert.strictEqual((await chat.waitForPosted('loadOlder')).beforeId, 1);
  });

  test('a page that does not fill the view loads more by itself; "Load older messages" works by keyboard', async () => {
    await chat.send(init({ messages: page(100, 2), hasOlder: true }));
    assert.strictEqual((await chat.waitForPosted('loadOlder')).beforeId, 100);
    await chat.send({ type: 'messagesPrepended', conversationId: CONVERSATION_ID, messages: [], hasOlder: true, error: 'offline' });
    await chat.page.getByText("Couldn't load older messages: offline").waitFor();
    await chat.page.getByRole('button', { name: 'Load older messages' }).focus();
    await chat.page.keyboard.press('Enter');
    assert.strictEqual((await chat.waitForPosted('loadOlder', 2)).beforeId, 100);
  });

  test('new messages keep the view pinned only when the reader is at the bottom; otherwise a pill', async () => {
    await chat.send(init({ messages: page(100, 30) }));
    await chat.page.locator('[data-id="129"]').waitFor();
    const now = Math.floor(Date.now() / 1000);

    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: incoming('Still there?', { id: 200, created_at: now }) });
    await chat.page.locator('[data-id="200"]').waitFor();
    assert.strictEqual(await atBottom(), true);
    assert.strictEqual(await chat.page.locator('.new-pill').isVisible(), false);

    await scroller().evaluate((el: ScrollBox) => void (el.scrollTop = 100));
    await chat.send({ type: 'messagesAppended', conversationId: CONVERSATION_ID, messages: [incoming('Hello?', { id: 201, created_at: now + 1 }), incoming('Anyone?', { id: 202, created_at: now + 2 })] });
    const pill = chat.page.locator('.new-pill');
    await pill.waitFor();
    assert.strictEqual(await pill.textContent(), '2 new messages');
    assert.strictEqual((await metrics()).top, 100, 'the reader stays where they were');

    await pill.click();
    await pill.waitFor({ state: 'hidden' });
    assert.strictEqual(await atBottom(), true);
    // An update to a message already shown is not news.
    await scroller().evaluate((el: ScrollBox) => void (el.scrollTop = 100));
    await chat.send({ type: 'messageUpserted', conversationId: CONVERSATION_ID, message: incoming('Hello? (edited)', { id: 201, created_at: now + 1 }) });
    await chat.page.getByText('Hello? (edited)').waitFor();
    assert.strictEqual(await pill.isVisible(), false);
  });
});

suite('webview chat: revealing a message found by search', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  const inView = (id: number) => rowInView(chat, id);

  test('an older message is fetched page by page, then scrolled to and highlighted for a moment', async () => {
    await chat.send(init({ messages: page(100, 30), hasOlder: true }));
    await chat.page.locator('[data-id="129"]').waitFor();
    await chat.send({ type: 'revealMessage', conversationId: CONVERSATION_ID, messageId: 45 });
    assert.deepStrictEqual(await chat.waitForPosted('loadOlder'), { type: 'loadOlder', conversationId: CONVERSATION_ID, beforeId: 100 });
    await chat.send({ type: 'messagesPrepended', conversationId: CONVERSATION_ID, messages: page(70, 30), hasOlder: true });
    // Not there yet: the next older page is asked for by itself.
    assert.strictEqual((await chat.waitForPosted('loadOlder', 2)).beforeId, 70);
    const asks = async () => (await chat.postedOf('loadOlder')).map((m) => m.beforeId);
    assert.deepStrictEqual(await asks(), [100, 70]);
    await chat.send({ type: 'messagesPrepended', conversationId: CONVERSATION_ID, messages: page(40, 30), hasOlder: true });
    await chat.page.locator('[data-id="45"].msg--found').waitFor();
    assert.strictEqual(await inView(45), true, 'scrolled to it');
    assert.deepStrictEqual(await asks(), [100, 70], 'no page more than needed');
    // The highlight is brief.
    await chat.page.locator('.msg--found').waitFor({ state: 'detached', timeout: 5000 });
  });

  test('right after a long conversation opens, an old message is found at once, without asking for older pages', async () => {
    const all = page(1, 500);
    await burst(chat, [init({ messages: all, hasOlder: true }), { type: 'revealMessage', conversationId: CONVERSATION_ID, messageId: 50 }]);
    await chat.page.locator('[data-id="50"].msg--found').waitFor();
    assert.strictEqual(await inView(50), true, 'scrolled to it');
    assert.deepStrictEqual(await shownIds(chat), all.map((m) => m.id));
    assert.strictEqual((await chat.postedOf('loadOlder')).length, 0);
  });

  test('a message already shown is scrolled to at once; one the conversation no longer has asks for nothing more', async () => {
    await chat.send(init({ messages: page(100, 30), hasOlder: false }));
    await chat.page.locator('[data-id="129"]').waitFor();
    await chat.send({ type: 'revealMessage', conversationId: CONVERSATION_ID, messageId: 101 });
    await chat.page.locator('[data-id="101"].msg--found').waitFor();
    assert.strictEqual(await inView(101), true);
    await chat.send({ type: 'revealMessage', conversationId: CONVERSATION_ID, messageId: 5 });
    await chat.send({ type: 'revealMessage', conversationId: CONVERSATION_ID + 1, messageId: 110 });
    await chat.page.locator('[data-id="101"].msg--found').waitFor({ state: 'detached', timeout: 5000 });
    assert.strictEqual((await chat.postedOf('loadOlder')).length, 0);
    assert.strictEqual(await chat.page.locator('.msg--found').count(), 0, "another conversation's reveal is dropped");
  });
});
