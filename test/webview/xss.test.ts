/**
 * An XSS corpus: each payload goes everywhere untrusted text reaches the webview at once (message
 * content in several markdown contexts, sender names, delivery errors, e-mail subjects, bodies and
 * address lines, quoted messages, @mention names (in messages and through the `@` picker),
 * attachment URLs and file names (received, staged in the composer, on an unsent reply; contact
 * cards and locations), the contact, inbox, assignee, team and labels in the header, canned
 * responses through the `/` picker into a sent reply, typing names, banners, inserted text). Then,
 * for each payload: no script ran (a sentinel global stays unset, no alert/confirm/prompt/print),
 * no element has an `on*` or `style` attribute, no URL attribute is a javascript:, data: or
 * vbscript: URL (after removing control characters and whitespace and lowercasing), no element
 * of a dangerous kind was created, nothing navigated, and the CSP reported no violation.
 */
import * as assert from 'assert';
import type { WireMessage } from '../../src/protocol/chatProtocol';
import { CONVERSATION_ID, conversation, init, message, outgoing, AGENT_SENDER } from './builders';
import { ChatPage } from './harness';
import { type DocumentLike, findProblems, PAYLOADS, WATCHED } from './xssCorpus';

/** Where each payload is shown: every place untrusted text reaches the DOM. */
function messagesWith(p: string): WireMessage[] {
  const file = `https://files.test/rails/active_storage/blobs/redirect/k/${encodeURIComponent(p)}`;
  return [
    message({ id: 1, content: p, sender: { id: 501, name: p, type: 'contact' } }),
    message({ id: 2, content: `**${p}** _${p}_ \`${p}\` [${p}](https://example.com/${encodeURIComponent(p)})`, sender: { id: 502, name: 'x', available_name: p, type: 'contact' } }),
    message({ id: 3, content: `- ${p}\n1. ${p}\n> ${p}\n\n\`\`\`${p}\n${p}\n\`\`\``, sender: { id: 503, name: 'y' } }),
    outgoing(p, { id: 4, status: 'failed', content_attributes: { external_error: p }, sender: { ...AGENT_SENDER, available_name: p } }),
    outgoing(p, { id: 5, private: true, status: null }),
    message({ id: 6, message_type: 2, content: p, sender: null }),
    message({
      id: 7,
      content_type: 'incoming_email',
      content: p,
      content_attributes: { email: { subject: p, from: [p], to: [p, p], cc: [p], bcc: [p], html_content: { full: p }, text_content: { full: `${p}\n\nOn Monday ${p} wrote:\n> ${p}`, reply: p, quoted: p } } },
    }),
    message({
      id: 8,
      content: null,
      attachments: [
        { id: 1, file_type: 'file', data_url: p, thumb_url: p, file_size: 10 },
        { id: 2, file_type: 'image', data_url: p, thumb_url: p, width: 10, height: 10 },
        { id: 3, file_type: 'file', data_url: file, file_size: 2048 },
        { id: 4, file_type: 'location', data_url: null, fallback_title: p },
        { id: 5, file_type: 'image', data_url: `https://img.test/a.png?q=${encodeURIComponent(p)}`, thumb_url: `https://img.test/t.png#${encodeURIComponent(p)}`, width: 32, height: 18 },
        { id: 6, file_type: p, data_url: `javascript:${p}`, extension: p },
        // Played only after a click from another host, so no <audio>/<video> appears here.
        { id: 7, file_type: 'audio', data_url: `https://elsewhere.test/${encodeURIComponent(p)}.ogg`, file_size: 10 },
        { id: 8, file_type: 'video', data_url: `https://elsewhere.test/v.mp4#${encodeURIComponent(p)}` },
        { id: 9, file_type: 'contact', fallback_title: p, meta: { firstName: p, lastName: p, email: p } },
        { id: 10, file_type: 'location', fallback_title: p, coordinates_lat: 1.5, coordinates_long: 2.5, data_url: p },
      ],
    }),
    message({ id: 9, message_type: 0, content: p, content_attributes: { deleted: true } }),
    // A reply quoting message 1 (its sender and text are the payload), and one quoting a message not loaded.
    outgoing('Quoted', { id: 10, content_attributes: { in_reply_to: 1 } }),
    outgoing('Quoted', { id: 11, content_attributes: { in_reply_to: String(p).length } }),
    // Mentions whose names are the payload, encoded as the dashboard encodes them and raw.
    outgoing(`[@${p}](mention://user/3/${encodeURIComponent(p)}) [@${p}](mention://team/4/${p}) [${p}](mention://user/5/x)`, { id: 12, private: true }),
    // An outgoing e-mail reply with the payload in every address line.
    outgoing(p, { id: 13, content_attributes: { cc_emails: [p], bcc_emails: [p], to_emails: [p], email: { subject: p, from: [p], to: [p] } } }),
  ];
}

suite('webview chat: XSS corpus', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  test(`the corpus has at least 30 distinct payloads (${PAYLOADS.length})`, () => {
    assert.ok(PAYLOADS.length >= 30);
    assert.strictEqual(new Set(PAYLOADS).size, PAYLOADS.length);
  });

  PAYLOADS.forEach((p, i) => {
    test(`payload ${i + 1}: ${JSON.stringify(p).slice(0, 90)}`, async () => {
      const page = chat.page;
      const url = page.url();
      // Before any content: how many of each watched kind the app itself has (one form, …).
      await chat.send(init({ conversation: conversation(), messages: [] }));
      await page.locator('.composer').waitFor();
      const baseline = await page.evaluate((tags) => {
        const d = (globalThis as unknown as { document: DocumentLike }).document;
        return Object.fromEntries(tags.map((t) => [t, d.querySelectorAll(t).length]));
      }, WATCHED);

      await chat.send(
        init({
          conversation: conversation({
            contact: { id: 9, name: p, email: p, phoneNumber: p },
            inboxName: p,
            channel: p,
            assignee: { id: 77, name: p },
            team: { id: 5, name: p },
            labels: [p],
          }),
          messages: messagesWith(p),
          cannedResponses: [{ id: 1, short_code: p, content: p }],
          agents: [{ id: 3, name: p }],
          hasOlder: true,
        }),
      );
      await page.locator('[data-id="9"]').waitFor({ state: 'attached' });
      await chat.send({ type: 'typing', conversationId: CONVERSATION_ID, name: p, on: true });
      await chat.send({ type: 'connection', text: p, stale: true });
      await chat.send({ type: 'messagesPrepended', conversationId: CONVERSATION_ID, messages: [], hasOlder: true, error: p });
      await page.locator('.banner--connection').waitFor();

      // Shown as text, exactly, where text is shown verbatim.
      assert.strictEqual(await page.locator('.header h1').textContent(), p);
      assert.strictEqual(await page.locator('.header .label-chip').textContent(), p, 'a label name');
      assert.strictEqual(await page.locator('.header .header__team').textContent(), p, 'a team name');
      assert.strictEqual(await page.locator('[data-id="1"] .msg__sender').textContent(), p);
      assert.strictEqual(await page.locator('[data-id="6"] .activity__text').textContent(), p);
      assert.ok((await page.locator('[data-id="8"] .att__name').allTextContents()).includes(p), 'the file name from the URL');
      assert.strictEqual(await page.locator('[data-id="4"] .msg__error').textContent(), p);
      assert.strictEqual(await page.locator('[data-id="10"] .msg__quote-sender').textContent(), p);

      // A staged file's name, type and preview, and a refusal, as the host would pass them on.
      await chat.send({ type: 'filesStaged', conversationId: CONVERSATION_ID, files: [{ id: 'f1', name: p, size: 10, mimeType: p, thumbnail: p }], refused: [{ name: p, error: p }] });
      await page.locator('.staged__item').waitFor();
      assert.strictEqual(await page.locator('.staged__name').textContent(), p);
      assert.strictEqual(await page.locator('.staged__notice').textContent(), p);

      // The canned response, through the picker, into a reply that is sent and fails.
      const input = page.locator('textarea');
      await input.fill('/');
      await page.getByRole('option').first().waitFor();
      await input.press('Enter');
      const inserted = await input.inputValue();
      assert.strictEqual(inserted, p.replace(/\r\n?/g, '\n'));
      await chat.send({ type: 'insertText', conversationId: CONVERSATION_ID, text: p });
      await chat.waitForPosted('draftChanged');
      if (inserted.trim()) {
        await input.press('Enter');
        const send = await chat.waitForPosted('send');
        await chat.send({ type: 'sendFailed', conversationId: CONVERSATION_ID, echoId: send.echoId, error: p });
        await page.locator('.msg--pending.msg--failed').waitFor();
        assert.ok((await page.locator('.msg--pending .att__name').allTextContents()).includes(p), 'the sent file’s name');
      }

      // An agent named with the payload, @mentioned through the picker in a note that is sent.
      await page.locator('.mode--note').click();
      await input.fill('@');
      await page.locator('.mention-list [role="option"]').first().waitFor();
      await input.press('Enter');
      await input.press('Enter');
      await chat.waitForPosted('send', inserted.trim() ? 2 : 1);

      // Let anything asynchronous happen: images load or fail, then two frames and a task.
      await page.waitForFunction(() => {
        const d = (globalThis as unknown as { document: { images: ArrayLike<{ complete: boolean }> } }).document;
        return Array.from(d.images).every((img) => img.complete);
      });
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const g = globalThis as unknown as { requestAnimationFrame(f: () => void): void; setTimeout(f: () => void, ms: number): void };
            g.requestAnimationFrame(() => g.requestAnimationFrame(() => g.setTimeout(resolve, 0)));
          }),
      );

      assert.strictEqual(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined, 'a payload ran');
      assert.deepStrictEqual(await chat.dialogs(), []);
      assert.deepStrictEqual(await page.evaluate(findProblems, baseline), []);
      assert.deepStrictEqual(await chat.violations(), []);
      assert.strictEqual(page.url(), url, 'the page navigated');
      assert.strictEqual(await page.evaluate(() => (globalThis as unknown as { document: { baseURI: string } }).document.baseURI), url);
    });
  });
});
