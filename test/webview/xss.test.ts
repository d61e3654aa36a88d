/**
 * An XSS corpus: each payload goes everywhere untrusted text reaches the webview at once (message
 * content in several markdown contexts, sender names, delivery errors, e-mail subjects, bodies and
 * address lines, quoted messages, @mention names (in messages and through the `@` picker),
 * attachment URLs and file names, the contact, inbox, assignee and team in the header, canned
 * responses through the `/` picker into a sent reply, typing names, banners, inserted text). Then,
 * for each payload: no script ran (a sentinel global stays unset, no alert/confirm/prompt/print),
 * no element has an `on*` or `style` attribute, no URL attribute is a javascript:, data: or
 * vbscript: URL (after removing control characters and whitespace and lowercasing), no element
 * of a dangerous kind was created, nothing navigated, and the CSP reported no violation.
 */
import * as assert from 'assert';
import type { WireMessage } from '../../src/shared/chatProtocol';
import { CONVERSATION_ID, conversation, init, message, outgoing, AGENT_SENDER } from './builders';
import { ChatPage } from './harness';

const PAYLOADS: readonly string[] = [
  // script and event-handler tags
  '<script>window.__pwned = 1</script>',
  '<SCRIPT SRC=https://evil.test/x.js></SCRIPT>',
  '<img src=x onerror="window.__pwned = 1">',
  '<img src=x onerror=alert(1)>',
  '<svg onload="window.__pwned = 1"></svg>',
  '<svg><script>window.__pwned = 1</script></svg>',
  '<body onload="window.__pwned = 1">',
  '<details open ontoggle="window.__pwned = 1">x</details>',
  '<video><source onerror="window.__pwned = 1"></video>',
  '<a href="https://example.com" onclick="window.__pwned = 1" onmouseover="window.__pwned = 1">hover</a>',
  // frames and plugins
  '<iframe src="javascript:window.__pwned = 1"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
  '<object data="javascript:window.__pwned = 1"></object>',
  '<embed src="javascript:window.__pwned = 1">',
  // javascript:, data: and vbscript: links, markdown and raw
  '[x](javascript:alert(1))',
  '[click](javascript:window.__pwned=1)',
  '<a href="javascript:window.__pwned = 1">click</a>',
  'javascript:window.__pwned=1',
  '<javascript:window.__pwned=1>',
  '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  'data:text/html,<script>window.__pwned=1</script>',
  '<a href="data:text/html,<script>window.__pwned=1</script>">data</a>',
  '[x](vbscript:msgbox(1))',
  'vbscript:msgbox(1)',
  // style injection
  '<style>body { background: url("javascript:window.__pwned=1") } * { display: none }</style>',
  '<p style="background:url(javascript:window.__pwned=1)">styled</p>',
  '<div style="width: expression(window.__pwned=1)">ie</div>',
  // entity tricks
  '&lt;script&gt;window.__pwned = 1&lt;/script&gt;',
  '[x](&#106;avascript:window.__pwned=1)',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__pwned=1">ent</a>',
  '[x](java&#x09;script:window.__pwned=1)',
  // obfuscated schemes
  '[x](java\tscript:window.__pwned=1)',
  '[x](JaVaScRiPt:window.__pwned=1)',
  '[x](\u0000javascript:window.__pwned=1)',
  '[x]( \u0001javascript:window.__pwned=1 )',
  '[x](\u202ejavascript:window.__pwned=1)',
  '[x](ｊａｖａｓｃｒｉｐｔ:window.__pwned=1)',
  '[x](javascript\n:window.__pwned=1)',
  // markdown images, attribute breaking
  '![x](https://img.test/a.png" onerror="window.__pwned=1)',
  '![x](x onerror=window.__pwned=1)',
  '"><img src=x onerror=window.__pwned=1>',
  "'><svg/onload=window.__pwned=1>",
  '[x](https://example.com" onmouseover="window.__pwned=1)',
  '<https://example.com/"onmouseover="window.__pwned=1>',
  // other dangerous elements
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<form action="javascript:window.__pwned=1"><button>go</button></form>',
  '<button formaction="javascript:window.__pwned=1">go</button>',
  '<base href="javascript:window.__pwned=1//">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<svg><a xlink:href="javascript:window.__pwned=1"><text y="20">x</text></a></svg>',
  '<x:script xmlns:x="http://www.w3.org/1999/xhtml">window.__pwned=1</x:script>',
  // template literals and template injection
  '${window.__pwned = 1}',
  '`${alert(1)}`',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '{{constructor}}{{__proto__}}',
  // nested markdown trying to build tags
  '[<img src=x onerror=window.__pwned=1>](https://example.com)',
  '**<b**>bold</b> <scr<script>ipt>window.__pwned=1</scr</script>ipt>',
  '[a](https://example.com)<img src=x onerror=window.__pwned=1>[b](https://example.com)',
  '`<img src=x onerror=window.__pwned=1>`',
  '<<script>script>window.__pwned=1<</script>/script>',
];

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

/** Runs in the page: everything the corpus forbids, as readable findings. */
function findProblems(baseline: Record<string, number>): string[] {
  const d = (globalThis as unknown as { document: DocumentLike }).document;
  const problems: string[] = [];
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'srcdoc', 'poster', 'data', 'background', 'ping', 'cite', 'codebase', 'lowsrc']);
  for (const el of Array.from(d.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${el.localName}> has ${a.name}`);
      if (name === 'style') problems.push(`<${el.localName}> has a style attribute`);
      if (URL_ATTRS.has(name) || a.localName.toLowerCase() === 'href') {
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u2000-\u200f\u2028-\u202f\ufeff]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(v)) problems.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
  }
  for (const [tag, n] of Object.entries(baseline)) {
    const now = d.querySelectorAll(tag).length;
    if (now !== n) problems.push(`${now} <${tag}> elements, ${n} before any content`);
  }
  for (const img of Array.from(d.querySelectorAll('img'))) {
    if (!/^https:\/\//.test(img.getAttribute('src') ?? '')) problems.push(`<img src="${img.getAttribute('src')}">`);
  }
  for (const a of Array.from(d.querySelectorAll('a'))) {
    if (!/^(https?:\/\/|mailto:)/.test(a.getAttribute('href') ?? '')) problems.push(`<a href="${a.getAttribute('href')}">`);
  }
  return problems;
}

interface DocumentLike {
  querySelectorAll(s: string): ArrayLike<ElementLike>;
}
interface ElementLike {
  localName: string;
  attributes: ArrayLike<{ name: string; localName: string; value: string }>;
  getAttribute(name: string): string | null;
}

/** Kinds of element content must never create; their counts must not change. */
const WATCHED = ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'base', 'meta', 'link', 'form', 'svg', 'math', 'template', 'video', 'audio', 'source', 'details', 'input', 'textarea', 'select'];

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
      assert.strictEqual(await page.locator('[data-id="1"] .msg__sender').textContent(), p);
      assert.strictEqual(await page.locator('[data-id="6"] .activity__text').textContent(), p);
      assert.ok((await page.locator('[data-id="8"] .att__name').allTextContents()).includes(p), 'the file name from the URL');
      assert.strictEqual(await page.locator('[data-id="4"] .msg__error').textContent(), p);
      assert.strictEqual(await page.locator('[data-id="10"] .msg__quote-sender').textContent(), p);

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
