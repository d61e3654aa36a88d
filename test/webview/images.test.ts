import * as assert from 'assert';
import { webviewHtml } from '../../src/views/chat/html';
import { message, init } from './builders';
import { ChatPage, IMAGE_ORIGIN, ORIGIN, OTHER_IMAGE_ORIGIN } from './harness';

suite('webview chat: images from outside the installation', () => {
  let chat: ChatPage;
  let requested: string[];
  setup(async () => {
    chat = await ChatPage.open();
    requested = [];
    chat.page.on('request', (r) => requested.push(r.url()));
  });
  teardown(() => chat.close());

  test('an image from another host is not requested until the agent clicks "Load image from <host>"; the installation\'s loads at once', async () => {
    await chat.send(
      init({
        scope: `${IMAGE_ORIGIN}#1`,
        messages: [
          message({
            id: 1,
            content: null,
            attachments: [
              { id: 1, file_type: 'image', data_url: `${IMAGE_ORIGIN}/rails/active_storage/blobs/redirect/a/p.png`, thumb_url: `${IMAGE_ORIGIN}/rails/active_storage/representations/redirect/a/t.png` },
              { id: 2, file_type: 'image', data_url: `${OTHER_IMAGE_ORIGIN}/story.png`, thumb_url: `${OTHER_IMAGE_ORIGIN}/story-thumb.png` },
            ],
          }),
        ],
      }),
    );
    await chat.page.locator('.msg img').first().waitFor();
    await chat.page.waitForFunction(() => [...(globalThis as unknown as { document: { images: Iterable<{ complete: boolean }> } }).document.images].every((i) => i.complete));
    assert.ok(requested.some((u) => u.startsWith(`${IMAGE_ORIGIN}/rails/active_storage/representations/`)), 'the installation image loaded');
    assert.deepStrictEqual(requested.filter((u) => u.startsWith(OTHER_IMAGE_ORIGIN)), [], 'nothing was requested from the other host');
    const button = chat.page.locator('button.att--blocked');
    assert.strictEqual(await button.innerText(), 'Load image from elsewhere.test');
    assert.strictEqual(await chat.page.locator('.msg img').count(), 1);

    const loaded = chat.page.waitForRequest((r) => r.url() === `${OTHER_IMAGE_ORIGIN}/story-thumb.png`);
    await button.click();
    await loaded;
    await chat.page.locator('.msg img').nth(1).waitFor();
    assert.strictEqual(await chat.page.locator('button.att--blocked').count(), 0);
    assert.deepStrictEqual(await chat.posted().then((p) => p.filter((m) => m.type === 'openLink')), [], 'loading is not opening a link');
  });

  test('with no installation known (no scope), no image loads by itself', async () => {
    await chat.send(init({ scope: undefined, messages: [message({ id: 1, content: null, attachments: [{ id: 1, file_type: 'image', data_url: `${IMAGE_ORIGIN}/p.png`, thumb_url: `${IMAGE_ORIGIN}/t.png` }] })] }));
    await chat.page.locator('button.att--blocked').waitFor();
    assert.deepStrictEqual(requested.filter((u) => u.startsWith(IMAGE_ORIGIN)), []);
  });

  test('the page carries exactly the CSP the product builder writes', async () => {
    const meta = await chat.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const built = /content="([^"]*)"/.exec(webviewHtml({ cspSource: ORIGIN, scriptUri: '', styleUri: '', nonce: 'NONCE', title: '' }).split('Content-Security-Policy')[1])?.[1];
    assert.ok(meta && built);
    assert.strictEqual(meta.replace(/'nonce-[^']*'/, "'nonce-N'"), built.replace(/'nonce-[^']*'/, "'nonce-N'"));
  });
});
