/**
 * The Contact view's app (dist/webview/contact.js) in headless Chromium under the extension's
 * CSP: what it shows, what it posts when the agent clicks or writes a note, avatars from other
 * hosts only after a click, and the XSS corpus through every field that carries customers' text.
 */
import * as assert from 'assert';
import type { ToWebview } from '../../src/protocol/chatProtocol';
import type { ContactCard, FromContactWebview, ToContactWebview } from '../../src/protocol/contactProtocol';
import { ChatPage, IMAGE_ORIGIN, OTHER_IMAGE_ORIGIN } from './harness';
import { type DocumentLike, findProblems, PAYLOADS, WATCHED } from './xssCorpus';

function card(over: Partial<ContactCard> = {}): ContactCard {
  return {
    conversationId: 42,
    contactId: 7,
    name: 'Ada Lovelace',
    avatarUrl: null,
    online: true,
    details: [
      { label: 'E-mail', value: 'ada@example.com', link: 'mailto:ada@example.com' },
      { label: 'Phone', value: '+44 20 7946 0000', link: 'tel:+442079460000' },
      { label: 'Company', value: 'Analytical Engines' },
    ],
    customAttributes: [{ label: 'Plan', value: 'Pro', link: null }],
    labels: ['vip', 'billing'],
    notes: [{ id: 3, text: 'Prefers e-mail', author: 'Priya', createdAt: Date.UTC(2024, 5, 3, 10) }],
    previousConversations: [{ id: 17, status: 'resolved', inboxName: 'Website', lastActivityAt: Date.UTC(2024, 4, 1), preview: 'Where is my invoice?' }],
    conversationInfo: [{ label: 'Browser', value: 'Chrome 126 on macOS' }, { label: 'Referrer', value: 'https://shop.example/pricing', link: 'https://shop.example/pricing' }],
    participants: ['Jon Doe'],
    ...over,
  };
}

async function open(): Promise<ChatPage> {
  return ChatPage.open({ app: 'contact' });
}
const send = (page: ChatPage, m: ToContactWebview) => page.send(m as unknown as ToWebview);
const posted = async (page: ChatPage) => (await page.posted()) as unknown as FromContactWebview[];

suite('webview contact', () => {
  let view: ChatPage;
  setup(async () => {
    view = await open();
  });
  teardown(() => view.close());

  test('shows the customer: name, presence, details, attributes, labels, notes, conversations and this conversation', async () => {
    await send(view, { type: 'show', card: card(), baseUrl: IMAGE_ORIGIN });
    const page = view.page;
    assert.strictEqual(await page.locator('.contact__name').textContent(), 'Ada Lovelace');
    assert.strictEqual(await page.locator('.contact__presence').textContent(), 'Online');
    assert.strictEqual(await page.locator('a', { hasText: 'ada@example.com' }).getAttribute('href'), 'mailto:ada@example.com');
    assert.strictEqual(await page.locator('a', { hasText: '+44 20' }).getAttribute('href'), 'tel:+442079460000');
    assert.deepStrictEqual(await page.locator('.contact__label').allTextContents(), ['vip', 'billing']);
    assert.strictEqual(await page.locator('.contact__note-text').textContent(), 'Prefers e-mail');
    assert.match(String(await page.locator('.contact__note .contact__muted').textContent()), /^Priya · /);
    assert.match(String(await page.locator('.contact__conversation').textContent()), /#17 · Resolved · Website/);
    assert.match(String(await page.locator('.contact__participants').textContent()), /Jon Doe/);
    assert.match(String(await page.locator('.contact').textContent()), /Chrome 126 on macOS/);

    await send(view, { type: 'show', card: card({ online: false }), baseUrl: IMAGE_ORIGIN });
    assert.strictEqual(await page.locator('.contact__presence').textContent(), 'Offline');
  });

  test('a click on a link or a conversation goes to the host; the page never navigates', async () => {
    await send(view, { type: 'show', card: card(), baseUrl: IMAGE_ORIGIN });
    const url = view.page.url();
    await view.page.locator('a', { hasText: 'ada@example.com' }).click();
    await view.page.locator('.contact__conversation').click();
    assert.deepStrictEqual((await posted(view)).slice(1), [
      { type: 'openLink', url: 'mailto:ada@example.com' },
      { type: 'openConversation', conversationId: 17 },
    ]);
    assert.strictEqual(view.page.url(), url);
  });

  test('a note: posted once, shown on the answer with the input cleared; a refusal keeps the text and says why', async () => {
    await send(view, { type: 'show', card: card(), baseUrl: IMAGE_ORIGIN });
    const page = view.page;
    await page.locator('.contact__note-input').fill('Call back on Monday');
    await page.locator('.contact__note-form button').click();
    await view.waitForPostedEqual({ type: 'addNote', contactId: 7, content: 'Call back on Monday' } as never);
    assert.strictEqual(await page.locator('.contact__note-form button').isDisabled(), true, 'no second send while the first is on its way');
    await send(view, { type: 'noteAdded', contactId: 7, note: { id: 4, text: 'Call back on Monday', author: 'You', createdAt: Date.now() } });
    assert.deepStrictEqual(await page.locator('.contact__note-text').allTextContents(), ['Call back on Monday', 'Prefers e-mail']);
    assert.strictEqual(await page.locator('.contact__note-input').inputValue(), '');

    await page.locator('.contact__note-input').fill('Second thought');
    await page.locator('.contact__note-input').press('Control+Enter');
    await view.waitForPostedEqual({ type: 'addNote', contactId: 7, content: 'Second thought' } as never);
    await send(view, { type: 'noteAdded', contactId: 7, error: 'HTTP 422' });
    assert.strictEqual(await page.locator('.contact__error').textContent(), 'The note was not added: HTTP 422');
    assert.strictEqual(await page.locator('.contact__note-input').inputValue(), 'Second thought');

    // Another contact: the half-written note does not follow.
    await send(view, { type: 'show', card: card({ contactId: 8, name: 'Bob' }), baseUrl: IMAGE_ORIGIN });
    assert.strictEqual(await page.locator('.contact__note-input').inputValue(), '');
  });

  test('an avatar from the installation loads; one from another host only after a click', async () => {
    const requested: string[] = [];
    view.page.on('request', (r) => requested.push(r.url()));
    await send(view, { type: 'show', card: card({ avatarUrl: `${IMAGE_ORIGIN}/rails/active_storage/a.png` }), baseUrl: IMAGE_ORIGIN });
    await view.page.locator(`img.contact__avatar[src="${IMAGE_ORIGIN}/rails/active_storage/a.png"]`).waitFor();

    await send(view, { type: 'show', card: card({ avatarUrl: `${OTHER_IMAGE_ORIGIN}/avatar.png` }), baseUrl: IMAGE_ORIGIN });
    await view.page.locator('.contact__avatar-load').waitFor();
    assert.strictEqual(await view.page.locator('img').count(), 0);
    assert.ok(!requested.some((u) => u.startsWith(OTHER_IMAGE_ORIGIN)), 'nothing asked of the other host');
    await view.page.locator('.contact__avatar-load').click();
    await view.page.locator(`img.contact__avatar[src="${OTHER_IMAGE_ORIGIN}/avatar.png"]`).waitFor();
  });

  test('loading, empty and retry states', async () => {
    await send(view, { type: 'loading', conversationId: 42 });
    assert.match(String(await view.page.locator('.contact__hint').textContent()), /#42/);
    await send(view, { type: 'empty', text: 'Could not load the customer of conversation #42.', retry: true });
    await view.page.getByRole('button', { name: 'Retry' }).click();
    assert.deepStrictEqual((await posted(view)).at(-1), { type: 'refresh' });
  });
});

suite('webview contact: XSS corpus', () => {
  let view: ChatPage;
  setup(async () => {
    view = await open();
  });
  teardown(() => view.close());

  PAYLOADS.forEach((p, i) => {
    test(`payload ${i + 1}: ${JSON.stringify(p).slice(0, 90)}`, async () => {
      const page = view.page;
      const url = page.url();
      await send(view, { type: 'show', card: card(), baseUrl: IMAGE_ORIGIN });
      await page.locator('.contact__name').waitFor();
      const baseline = await page.evaluate((tags) => {
        const d = (globalThis as unknown as { document: DocumentLike }).document;
        return Object.fromEntries(tags.map((t) => [t, d.querySelectorAll(t).length]));
      }, WATCHED);

      const field = { label: p, value: p, link: p };
      await send(view, {
        type: 'show',
        baseUrl: p,
        card: card({
          name: p,
          avatarUrl: p,
          details: [field, { label: 'E-mail', value: p, link: `mailto:${p}` }],
          customAttributes: [field, { label: p, value: p }],
          labels: [p],
          notes: [{ id: 1, text: p, author: p, createdAt: 0 }],
          previousConversations: [{ id: 5, status: p, inboxName: p, lastActivityAt: 0, preview: p }],
          conversationInfo: [field],
          participants: [p],
        }),
      });
      await send(view, { type: 'noteAdded', contactId: 7, note: { id: 2, text: p, author: p, createdAt: 0 } });
      await send(view, { type: 'noteAdded', contactId: 7, error: p });
      assert.strictEqual(await page.locator('.contact__name').textContent(), p);
      assert.deepStrictEqual(await page.locator('.contact__note-text').allTextContents(), [p, p]);
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const g = globalThis as unknown as { requestAnimationFrame(f: () => void): void; setTimeout(f: () => void, ms: number): void };
            g.requestAnimationFrame(() => g.requestAnimationFrame(() => g.setTimeout(resolve, 0)));
          }),
      );
      assert.deepStrictEqual(await page.evaluate(findProblems, baseline), []);
      await send(view, { type: 'empty', text: p });
      assert.strictEqual(await page.locator('.contact__hint').textContent(), p);

      assert.strictEqual(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined, 'a payload ran');
      assert.deepStrictEqual(await view.dialogs(), []);
      assert.deepStrictEqual(await view.violations(), []);
      assert.strictEqual(page.url(), url, 'the page navigated');
    });
  });
});
