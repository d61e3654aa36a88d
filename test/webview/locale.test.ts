/**
 * The apps in VS Code's display language: the page carries the language and the bundle as the
 * extension puts them there (src/views/chat/html.ts), with the real translations from l10n/.
 * The browser itself stays en-US, so every Portuguese or Spanish word and date seen here came
 * from the host's locale, not from the browser's.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ToWebview } from '../../src/protocol/chatProtocol';
import type { ContactCard } from '../../src/protocol/contactProtocol';
import { ChatPage } from './harness';
import { incoming, init, MONDAY } from './builders';

const root = path.resolve(__dirname, '../../..');

function bundle(language: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(root, `l10n/bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>;
}

/** The translation of `english`, which must be one (a test of an untranslated string proves nothing). */
function translated(strings: Record<string, string>, english: string): string {
  const t = strings[english];
  assert.ok(t && t !== english, `no translation of "${english}"`);
  return t;
}

const CASES = [
  { language: 'pt-br', monday: 'segunda-feira, 4 de março de 2024', today: 'Hoje', time: '10:00' },
  { language: 'es', monday: 'lunes, 4 de marzo de 2024', today: 'Hoy', time: '10:00' },
] as const;

suite('webview: display language', () => {
  for (const c of CASES) {
    test(`the chat in ${c.language}: texts, labels, day separators and times`, async () => {
      const strings = bundle(c.language);
      const chat = await ChatPage.open({ locale: { language: c.language, bundle: strings } });
      try {
        const page = chat.page;
        assert.strictEqual(await page.locator('html').getAttribute('lang'), c.language);
        await page.getByText(translated(strings, 'Select a conversation to read and reply.')).waitFor();

        const now = Math.floor(Date.now() / 1000);
        await chat.send(init({ messages: [incoming('Olá / Hola', { id: 1, created_at: MONDAY }), incoming('?', { id: 2, created_at: now })] }));
        await page.locator('[data-id="2"]').waitFor();
        assert.deepStrictEqual(await page.locator('.day').allTextContents(), [c.monday, c.today]);
        assert.strictEqual(await page.locator('[data-id="1"] time').textContent(), c.time);

        const input = page.locator('.composer__input');
        assert.strictEqual(await input.getAttribute('placeholder'), translated(strings, 'Reply to the customer…'));
        assert.strictEqual(await page.locator('.send-button').getAttribute('aria-label'), translated(strings, 'Send reply'));
        assert.strictEqual(await page.locator('.badge--open').textContent(), translated(strings, 'Open/A conversation status: not yet resolved'));
        assert.strictEqual(await page.locator('[data-action="resolve"]').getAttribute('aria-label'), translated(strings, 'Resolve conversation'));
        // A live-region announcement, with its placeholders filled in.
        await chat.send({ type: 'messageUpserted', conversationId: 42, message: incoming('Ainda aí?', { id: 3, created_at: now + 1 }) });
        const announced = translated(strings, 'New message from {0}: {1}').replace('{0}', 'Jane Cooper').replace('{1}', 'Ainda aí?');
        await page.locator('.sr-only p', { hasText: announced }).waitFor();
      } finally {
        await chat.close();
      }
    });
  }

  test('the Contact view in pt-br', async () => {
    const strings = bundle('pt-br');
    const view = await ChatPage.open({ app: 'contact', locale: { language: 'pt-br', bundle: strings } });
    try {
      const card: ContactCard = {
        conversationId: 42,
        contactId: 7,
        name: 'Ada Lovelace',
        avatarUrl: null,
        online: false,
        details: [],
        customAttributes: [],
        labels: [],
        notes: [{ id: 3, text: 'Prefere e-mail', author: null, createdAt: Date.UTC(2024, 5, 3, 10) }],
        previousConversations: [{ id: 17, status: 'resolved', inboxName: 'Site', lastActivityAt: null, preview: '' }],
        conversationInfo: [],
        participants: [],
      };
      await view.send({ type: 'show', card, baseUrl: 'https://img.test' } as unknown as ToWebview);
      const page = view.page;
      await page.locator('.contact__name').waitFor();
      assert.ok((await page.locator('.contact__heading').allTextContents()).includes(translated(strings, 'Previous conversations')));
      assert.match(String(await page.locator('.contact__conversation-title').textContent()), new RegExp(`#17 · ${translated(strings, 'Resolved')} · Site`));
      // The note's date in Portuguese: "segunda-feira, 3 de junho de 2024 …".
      assert.match(String(await page.locator('.contact__note .contact__muted').textContent()), new RegExp(`^${translated(strings, 'A former agent')} · segunda-feira, 3 de junho de 2024`));
    } finally {
      await view.close();
    }
  });
});
