import * as assert from 'assert';
import * as fs from 'fs';
import { ChatPage } from './harness';
import { AGENT, conversation, CONVERSATION_ID, incoming, init, message, outgoing } from './builders';

/** Where the screenshot goes, for a person to look at (the test checks only that it was taken). */
const SHOT = process.env.CHAT_SCREENSHOT || '/tmp/chat-dark.png';

suite('webview chat: appearance', () => {
  let chat: ChatPage;
  teardown(() => chat.close());

  test('a realistic conversation in Dark+ (screenshot)', async () => {
    chat = await ChatPage.open({ theme: 'dark', viewport: { width: 440, height: 900 } });
    const today = new Date();
    today.setUTCHours(9, 12, 0, 0);
    const t = Math.floor(today.getTime() / 1000);
    const yesterday = t - 24 * 3600;
    await chat.send(
      init({
        conversation: conversation({ assignee: { id: AGENT.id, name: AGENT.name }, priority: 'high' }),
        messages: [
          incoming('Hi! I was charged **twice** for order `#10482`. Can you help?', { id: 1, created_at: yesterday }),
          incoming('Here is the receipt', {
            id: 2,
            created_at: yesterday + 30,
            attachments: [{ id: 2, file_type: 'file', data_url: 'https://files.test/blobs/redirect/x/receipt-10482.pdf', file_size: 248_000 }],
          }),
          message({ id: 3, message_type: 2, content: 'Conversation was assigned to Alex Agent', sender: null, created_at: yesterday + 300 }),
          outgoing('Sorry about that, Jane! Let me check with our billing team.', { id: 4, status: 'read', created_at: yesterday + 360 }),
          outgoing('Duplicate charge confirmed in Stripe, refund needed — see the [runbook](https://wiki.example.com/refunds).', { id: 5, private: true, status: null, created_at: yesterday + 420 }),
          incoming('Thanks! Here is a screenshot of the statement:', {
            id: 6,
            created_at: t,
            attachments: [{ id: 6, file_type: 'image', data_url: 'https://img.test/statement.png', thumb_url: 'https://img.test/statement-thumb.png', width: 320, height: 180 }],
          }),
          outgoing('The refund is on its way:\n1. Refund issued today\n2. It shows up in *3–5 business days*', { id: 7, status: 'delivered', created_at: t + 120 }),
          outgoing('Anything else I can help with?', { id: 8, status: 'failed', created_at: t + 180, content_attributes: { external_error: 'Contact is offline; the widget will deliver later' } }),
        ],
      }),
    );
    await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: 'Jane', on: true });
    await chat.page.locator('textarea').fill('Let me know if the refund does not show up by **Friday**.');
    await chat.page.getByText('Jane is typing…').waitFor();
    await chat.page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { fonts: { status: string }; querySelectorAll(s: string): ArrayLike<{ complete: boolean }> } }).document;
      return d.fonts.status === 'loaded' && Array.from(d.querySelectorAll('img')).every((i) => i.complete);
    });
    // The codicon font is in use: a glyph has width.
    const iconWidth = await chat.page.locator('.header .codicon').first().evaluate((el: { getBoundingClientRect(): { width: number } }) => el.getBoundingClientRect().width);
    assert.ok(iconWidth >= 12, `codicons did not load (width ${iconWidth})`);
    await chat.page.screenshot({ path: SHOT });
    assert.ok(fs.statSync(SHOT).size > 10_000);
  });
});
