import * as assert from 'assert';
import * as fs from 'fs';
import type { AxeResults } from 'axe-core';
import { ChatPage, IMAGE_ORIGIN, OTHER_IMAGE_ORIGIN } from './harness';
import { CONVERSATION_ID, MONDAY, conversation, incoming, init, outgoing } from './builders';

/** WCAG 2.1 levels A and AA, the rules the chat must pass. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOUR = 3600;

/** The page's getComputedStyle, typed for what these tests read (the test tsconfig has no DOM). */
type Styled = { getComputedStyle(e: unknown): { outlineStyle: string; outlineColor: string; outlineWidth: string; borderTopStyle: string; borderTopColor: string } };

/**
 * Runs axe-core inside the page. Evaluated through the DevTools protocol rather than added as a
 * script tag, so the page's CSP (one nonce, no inline script) stays exactly as the extension serves it.
 */
async function audit(chat: ChatPage): Promise<string[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await chat.page.evaluate(source);
  const results = await chat.page.evaluate(
    (tags) => (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`);
}

/** A conversation as an agent sees it: every kind of row, an attachment, a note, an activity line. */
function busyConversation() {
  return init({
    conversation: conversation({ assignee: { id: 9, name: 'Sam Colleague', type: 'User' }, team: { id: 2, name: 'Billing' }, labels: ['vip', 'billing'] }),
    hasOlder: true,
    messages: [
      incoming('Hi, my **order #1234** has not arrived. Tracking says [delivered](https://example.com/track).', { id: 1, created_at: MONDAY }),
      outgoing('Sorry to hear that! Let me check with the courier.', { id: 2, created_at: MONDAY + 60 }),
      outgoing('Courier says it was left with a neighbour.', { id: 3, created_at: MONDAY + 120, private: true }),
      { ...incoming('Conversation was assigned to Sam Colleague', { id: 4, created_at: MONDAY + 180 }), message_type: 2, sender: undefined, sender_type: undefined },
      incoming('Here is a photo of the porch', {
        id: 5,
        created_at: MONDAY + 24 * HOUR,
        attachments: [
          { id: 1, file_type: 'image', data_url: `${IMAGE_ORIGIN}/p.png`, thumb_url: `${IMAGE_ORIGIN}/t.png` },
          { id: 2, file_type: 'image', data_url: `${OTHER_IMAGE_ORIGIN}/story.png`, thumb_url: `${OTHER_IMAGE_ORIGIN}/story-thumb.png` },
          { id: 3, file_type: 'file', data_url: `${IMAGE_ORIGIN}/invoice.pdf`, file_size: 20480 },
        ],
      }),
      incoming('This message was deleted', { id: 6, created_at: MONDAY + 24 * HOUR + 60, content_attributes: { deleted: true } }),
      outgoing('Could not deliver', { id: 7, created_at: MONDAY + 24 * HOUR + 120, status: 'failed', content_attributes: { external_error: '131047: Re-engagement message' } }),
      incoming('```\nstack trace line\n```\n> quoted text\n\n- one\n- two', { id: 8, created_at: MONDAY + 24 * HOUR + 180 }),
    ],
  });
}

suite('webview chat: accessibility (axe-core, WCAG 2.1 A and AA)', function () {
  // axe checks every node's contrast and names; on a shared 2-core machine that takes seconds.
  this.timeout(60_000);
  let chat: ChatPage;
  teardown(() => chat.close());

  for (const theme of ['dark', 'high-contrast'] as const) {
    test(`an open conversation with banners, a typing line and a note draft has no serious or critical violation (${theme})`, async () => {
      chat = await ChatPage.open({ theme });
      await chat.send(busyConversation());
      await chat.page.locator('.msg[data-id="8"]').waitFor();
      await chat.send({ type: 'connection', stale: true, text: 'Reconnecting to Chatwoot…' });
      await chat.send({ type: 'behind', conversationId: CONVERSATION_ID, behind: true });
      await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane Cooper', on: true });
      await chat.page.getByRole('button', { name: 'Private note' }).click();
      await chat.page.locator('textarea').fill('Checking with the courier');
      assert.deepStrictEqual(await audit(chat), []);
    });
  }

  test('keyboard focus is drawn with the theme\'s focus border; high contrast outlines every bubble', async () => {
    chat = await ChatPage.open({ theme: 'high-contrast' });
    await chat.send(busyConversation());
    await chat.page.locator('.msg[data-id="8"]').waitFor();
    const resolve = chat.page.getByRole('button', { name: 'Resolve conversation' });
    await resolve.focus();
    // A programmatic focus after a key press counts as keyboard focus for :focus-visible.
    await chat.page.keyboard.press('Shift+Tab');
    await chat.page.keyboard.press('Tab');
    const ring = await resolve.evaluate((el) => {
      const s = (globalThis as unknown as Styled).getComputedStyle(el);
      return { visible: el.matches(':focus-visible'), style: s.outlineStyle, color: s.outlineColor, width: s.outlineWidth };
    });
    assert.deepStrictEqual(ring, { visible: true, style: 'solid', color: 'rgb(243, 133, 24)', width: '1px' });
    const borders = await chat.page.locator('.msg__bubble').evaluateAll((els) =>
      els.map((el) => {
        const s = (globalThis as unknown as Styled).getComputedStyle(el);
        return s.borderTopStyle !== 'none' && s.borderTopColor !== 'rgba(0, 0, 0, 0)';
      }),
    );
    assert.ok(borders.length > 4 && borders.every(Boolean), `every bubble outlined: ${JSON.stringify(borders)}`);
  });

  test('the canned responses list and a failed reply have no serious or critical violation', async () => {
    chat = await ChatPage.open({ theme: 'dark' });
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
    const input = chat.page.locator('textarea');
    await input.fill('Please try again');
    await input.press('Enter');
    const send = await chat.waitForPosted('send');
    await chat.send({ type: 'sendFailed', conversationId: CONVERSATION_ID, echoId: send.echoId, error: 'Request failed with 422' });
    await chat.page.locator('.msg--failed').waitFor();
    await input.pressSequentially('/');
    await chat.page.getByRole('listbox', { name: 'Canned responses' }).waitFor();
    assert.deepStrictEqual(await audit(chat), []);
  });

  test('the @mention list of a note has no serious or critical violation', async () => {
    chat = await ChatPage.open({ theme: 'dark' });
    await chat.send(init({ messages: [incoming('Where is my order?', { id: 1 })], agents: [{ id: 3, name: 'Priya Patel' }] }));
    await chat.page.locator('.msg').first().waitFor();
    await chat.page.getByRole('button', { name: 'Private note' }).click();
    await chat.page.locator('textarea').pressSequentially('Can you check @');
    await chat.page.getByRole('listbox', { name: 'Mention an agent' }).waitFor();
    assert.deepStrictEqual(await audit(chat), []);
  });

  test('the empty view and a conversation that cannot be replied to have no serious or critical violation', async () => {
    chat = await ChatPage.open({ theme: 'dark' });
    await chat.send({ type: 'empty', text: 'Could not open the conversation.', retry: true });
    await chat.page.getByRole('button', { name: 'Retry' }).waitFor();
    assert.deepStrictEqual(await audit(chat), []);
    await chat.send(init({ conversation: conversation({ status: 'resolved', canReply: false }), messages: [outgoing('Bye', { id: 1 })] }));
    await chat.page.locator('.msg').first().waitFor();
    assert.deepStrictEqual(await audit(chat), []);
  });
});
