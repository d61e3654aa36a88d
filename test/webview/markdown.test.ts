import * as assert from 'assert';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { root } from '../helpers/webviewShell';
import { ChatPage } from './harness';
import { incoming, init } from './builders';

/**
 * Messages near the edge of renderMarkdown's shortcut for plain text: every character that can
 * start Markdown here, and plain text that looks a little like it (headings, entities, emoji,
 * dashes, digits with dots, unusual spaces).
 */
const SHORTCUT_CORPUS = [
  'Order #10482 (2 items) - arriving 3–5 days! Thanks + cheers | ok?',
  'ok',
  '',
  '   ',
  '\t',
  '\u00a0',
  '  leading and trailing spaces  ',
  '    indented like code',
  '# Not a heading here',
  '## two ### three',
  '===',
  '---',
  '-',
  '1.',
  '1.5 kg for 2.50 EUR',
  '3) three',
  '1. one',
  '- dash item',
  '+ plus item',
  '* star item',
  '10) ten',
  'Tom & Jerry &amp; &lt;b&gt; &#42;',
  '"double" and \'single\' quotes, (parens) {braces} 100% #hashtag',
  'emoji 🎉👍🏽 and ZWJ 👩‍💻, flags 🇩🇪',
  'zero\u200bwidth and a\u2028line separator',
  'tab\tseparated\tvalues',
  'www.example.com and example.com/path?x=1',
  'https://example.com/a',
  'see http://example.com.',
  'mail me: someone@example.com',
  'mailto:someone@example.com',
  'time 10:30',
  'a < b and c > d',
  '<https://example.com>',
  '<b>not bold</b>',
  'a *b* c',
  '**bold**',
  'snake_case_name',
  '_italic_',
  '~~strike~~ and ~ tilde',
  'a `code` span',
  '```',
  '[text](https://example.com)',
  '[just brackets]',
  'back\\slash \\* escape',
  'line one\nline two',
  'windows\r\nbreak',
  'old mac\rbreak',
  'para\n\npara',
  '> quoted',
  'x > y',
  '@mention',
];

suite('webview chat: markdown subset', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  async function show(content: string) {
    await chat.send(init({ messages: [incoming(content, { id: 1 })] }));
    const el = chat.page.locator('.msg__content').first();
    await el.waitFor();
    return el;
  }

  test('emphasis, inline code and strikethrough', async () => {
    const el = await show('**bold** and __also bold__, *italic* and _also italic_, `a <b> c` and ~~gone~~; snake_case_name stays');
    assert.deepStrictEqual(await el.locator('strong').allTextContents(), ['bold', 'also bold']);
    assert.deepStrictEqual(await el.locator('em').allTextContents(), ['italic', 'also italic']);
    assert.deepStrictEqual(await el.locator('code').allTextContents(), ['a <b> c']);
    assert.deepStrictEqual(await el.locator('s').allTextContents(), ['gone']);
    assert.match((await el.textContent()) ?? '', /snake_case_name stays$/);
  });

  test('fenced code blocks keep their text literally', async () => {
    const code = 'const a = "<b>**not bold**</b>";\n  indented()';
    const el = await show(`Before:\n\`\`\`ts\n${code}\n\`\`\`\nAfter`);
    assert.strictEqual(await el.locator('pre code').textContent(), code);
    assert.strictEqual(await el.locator('pre strong, pre b').count(), 0);
    assert.deepStrictEqual(await el.locator('p').allTextContents(), ['Before:', 'After']);
  });

  test('bulleted and numbered lists', async () => {
    const el = await show('Steps:\n- first *item*\n- second\n\n3. three\n4. four');
    assert.deepStrictEqual(await el.locator('ul > li').allTextContents(), ['first item', 'second']);
    assert.strictEqual(await el.locator('ul em').textContent(), 'item');
    assert.deepStrictEqual(await el.locator('ol > li').allTextContents(), ['three', 'four']);
    assert.strictEqual(await el.locator('ol').getAttribute('start'), '3');
  });

  test('links: markdown, angle-bracket and bare, without trailing punctuation', async () => {
    const el = await show('Read [the **guide**](https://example.com/guide), <https://example.com/a> or https://example.com/b.');
    const links = el.locator('a');
    assert.strictEqual(await links.count(), 3);
    assert.deepStrictEqual(
      await Promise.all([0, 1, 2].map((i) => links.nth(i).getAttribute('href'))),
      ['https://example.com/guide', 'https://example.com/a', 'https://example.com/b'],
    );
    assert.strictEqual(await links.first().locator('strong').textContent(), 'guide');
    assert.match((await el.textContent()) ?? '', /example\.com\/b\.$/);
  });

  test('line breaks, paragraphs, quotes and escapes', async () => {
    const el = await show('line one\nline two\n\n> quoted *text*\n\n\\*not italic\\*');
    assert.strictEqual(await el.locator('p').first().locator('br').count(), 1);
    assert.strictEqual(await el.locator('blockquote em').textContent(), 'text');
    assert.strictEqual(await el.locator('p').last().textContent(), '*not italic*');
    assert.strictEqual(await el.locator('p').last().locator('em').count(), 0);
  });

  test('everyday text with digits, dashes and punctuation is one paragraph; a line that is a list item stays a list', async () => {
    const plain = await show('Order #10482 (2 items) - arriving 3–5 days! Thanks + cheers | ok?');
    assert.strictEqual(await plain.evaluate((el) => el.innerHTML), '<p>Order #10482 (2 items) - arriving 3–5 days! Thanks + cheers | ok?</p>');
    for (const [content, tag] of [['- just one', 'ul'], ['2) second', 'ol'], ['+ plus', 'ul']] as const) {
      await chat.send(init({ messages: [incoming(content, { id: 2 })] }));
      const el = chat.page.locator('.msg[data-id="2"] .msg__content');
      await el.waitFor();
      assert.strictEqual(await el.locator(`${tag} > li`).count(), 1, content);
    }
  });

  test('the shortcut for plain text gives exactly the DOM the parser gives', async () => {
    // The module alone, in a page of its own, so both of its paths can be called directly.
    const source = buildSync({
      entryPoints: [path.join(root, 'src/webview/chat/markdown.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'markdown',
      target: 'chrome120',
    }).outputFiles[0].text;
    const page = await chat.context.newPage();
    await page.addScriptTag({ content: source });
    const results = await page.evaluate((corpus) => {
      // The root tsconfig has no DOM types: just what is read here.
      type DomNode = { nodeType: number; nodeName: string; nodeValue: string | null; childNodes: ArrayLike<DomNode>; attributes?: ArrayLike<{ name: string; value: string }> };
      type Markdown = { isPlain(t: string): boolean; renderMarkdown(t: string): DomNode; renderParsedMarkdown(t: string): DomNode };
      const md = (globalThis as unknown as { markdown: Markdown }).markdown;
      // Every node with its kind, attributes and text: two adjacent text nodes differ from one.
      const tree = (n: DomNode): unknown =>
        n.nodeType === 3
          ? `#text:${n.nodeValue}`
          : [n.nodeName, ...Array.from(n.attributes ?? [], (a) => `${a.name}=${a.value}`), Array.from(n.childNodes, tree)];
      return corpus.map((text) => ({ text, plain: md.isPlain(text), shortcut: tree(md.renderMarkdown(text)), parsed: tree(md.renderParsedMarkdown(text)) }));
    }, SHORTCUT_CORPUS);
    for (const r of results) assert.deepStrictEqual(r.shortcut, r.parsed, JSON.stringify(r.text));
    // The corpus exercises both sides of the shortcut's test.
    assert.ok(results.filter((r) => r.plain).length >= 20, 'plain inputs');
    assert.ok(results.filter((r) => !r.plain).length >= 20, 'inputs with Markdown');
  });
});
