import * as assert from 'assert';
import { ChatPage } from './harness';
import { incoming, init, message } from './builders';

suite('webview chat: untrusted content', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  test('HTML in a message is shown as text and never runs', async () => {
    const payloads = [
      '<img src=x onerror="window.__pwned = 1">',
      '<script>window.__pwned = 2</script>',
      '<a href="javascript:window.__pwned = 3">click</a>',
      '&lt;b&gt;not bold&lt;/b&gt; &#60;i&#62; &amp;',
      '<svg onload="window.__pwned = 4"></svg>',
    ];
    await chat.send(init({ messages: payloads.map((content, i) => incoming(content, { id: i + 1 })) }));
    await chat.page.locator('.msg--in').nth(payloads.length - 1).waitFor();
    const texts = await chat.page.locator('.msg--in .msg__content').allTextContents();
    assert.deepStrictEqual(texts, payloads);
    assert.strictEqual(await chat.page.locator('.msg__content img, .msg__content script, .msg__content svg, .msg__content a, .msg__content b').count(), 0);
    assert.strictEqual(await chat.page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
  });

  test('links with unsafe schemes are not clickable, in markdown or bare', async () => {
    const payloads = [
      '[click me](javascript:alert)',
      '[data](data:text/html,hello)',
      '[file](file:///etc/passwd)',
      '[cmd](command:workbench.action.quit)',
      '[relative](/app/accounts/1)',
      'javascript:alert(1)',
      '<javascript:alert(1)>',
      '[nested](javascript:alert(1))',
    ];
    await chat.send(init({ messages: payloads.map((content, i) => incoming(content, { id: i + 1 })) }));
    await chat.page.locator('.msg--in').nth(payloads.length - 1).waitFor();
    assert.strictEqual(await chat.page.locator('.msg a').count(), 0);
    // The reader sees where the link would have gone.
    assert.deepStrictEqual(await chat.page.locator('.msg--in .msg__content').allTextContents(), payloads);
  });

  test('attachments with unsafe URLs become neither links nor images', async () => {
    await chat.send(
      init({
        messages: [
          message({
            id: 1,
            content: null,
            attachments: [
              { id: 1, file_type: 'file', data_url: 'javascript:alert(1)', file_size: 10 },
              { id: 2, file_type: 'image', data_url: 'http://insecure.test/a.png', thumb_url: 'http://insecure.test/t.png' },
            ],
          }),
        ],
      }),
    );
    await chat.page.locator('.att').nth(1).waitFor();
    assert.strictEqual(await chat.page.locator('.msg a, .msg img').count(), 1, 'only the http image may be a link, never an <img>');
    assert.strictEqual(await chat.page.locator('.msg img').count(), 0);
    assert.strictEqual(await chat.page.locator('.msg a').getAttribute('href'), 'http://insecure.test/a.png');
  });

  test('a link click is posted to the host as openLink and the webview does not navigate', async () => {
    await chat.send(init({ messages: [incoming('See [the docs](https://example.com/docs?q=1) or mail support@example.com via <mailto:support@example.com>', { id: 1 })] }));
    const before = chat.page.url();
    await chat.page.locator('a', { hasText: 'the docs' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('openLink'), { type: 'openLink', url: 'https://example.com/docs?q=1' });
    await chat.page.locator('a', { hasText: 'mailto:support@example.com' }).click();
    assert.deepStrictEqual(await chat.waitForPosted('openLink', 2), { type: 'openLink', url: 'mailto:support@example.com' });
    assert.strictEqual(chat.page.url(), before);
  });

  test('the CSP is enforced, and rendering a full conversation violates none of it', async () => {
    await chat.send(
      init({
        messages: [
          incoming('**Hello** with `code` and https://example.com', { id: 1 }),
          message({ id: 2, content: 'photo', attachments: [{ id: 1, file_type: 'image', data_url: 'https://img.test/p.png', thumb_url: 'https://img.test/t.png', width: 320, height: 180 }] }),
        ],
      }),
    );
    await chat.page.locator('.msg img').waitFor();
    await chat.page.waitForFunction(() => (globalThis as unknown as { document: { fonts: { status: string } } }).document.fonts.status === 'loaded');
    assert.deepStrictEqual(await chat.violations(), []);
    // The listener is live: an inline style attribute, which the CSP forbids, is reported.
    await chat.page.evaluate(() => {
      const d = (globalThis as unknown as { document: { body: { setAttribute(n: string, v: string): void } } }).document;
      d.body.setAttribute('style', 'color: red');
    });
    await chat.page.waitForFunction(() => (globalThis as unknown as { __test: { violations: string[] } }).__test.violations.length > 0);
    assert.match((await chat.violations())[0], /^style-src/);
    await chat.page.evaluate(() => void (globalThis as unknown as { __test: { violations: string[] } }).__test.violations.splice(0));
    chat.forgetErrors(/Content Security Policy/);
  });
});
