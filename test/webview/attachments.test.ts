import * as assert from 'assert';
import type { AttachmentLimits, StagedFile } from '../../src/protocol/chatProtocol';
import { CONVERSATION_ID, init, message } from './builders';
import { ChatPage, IMAGE_ORIGIN, OTHER_IMAGE_ORIGIN } from './harness';

const LIMITS: AttachmentLimits = { maxFiles: 15, maxBytes: 40 * 1024 * 1024 };
/** A 1×1 PNG, as the host previews a small image. */
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const SHOT: StagedFile = { id: 'f1', name: 'shot.png', size: 2048, mimeType: 'image/png', thumbnail: PIXEL };
const PDF: StagedFile = { id: 'f2', name: 'invoice.pdf', size: 96_411, mimeType: 'application/pdf' };

/** Runs in the page: drops (or pastes) files made there onto the composer. */
function dispatchFiles(args: { kind: string; files: { name: string; type: string; text: string }[] }): void {
  const g = globalThis as unknown as {
    document: { querySelector(s: string): { dispatchEvent(e: unknown): boolean } | null };
    DataTransfer: new () => { items: { add(f: unknown): void } };
    File: new (parts: string[], name: string, o: { type: string }) => unknown;
    DragEvent: new (t: string, o: unknown) => unknown;
    ClipboardEvent: new (t: string, o: unknown) => unknown;
  };
  const dt = new g.DataTransfer();
  for (const f of args.files) dt.items.add(new g.File([f.text], f.name, { type: f.type }));
  if (args.kind === 'drop') {
    const target = g.document.querySelector('.composer');
    target?.dispatchEvent(new g.DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target?.dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  } else g.document.querySelector('textarea')?.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}

suite('webview chat: attachments', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  test('the attach button asks the host; staged files are listed with name, size, an image preview and a remove button', async () => {
    await chat.send(init({ attachmentLimits: LIMITS }));
    await chat.page.getByRole('button', { name: 'Attach files' }).click();
    await chat.waitForPostedEqual({ type: 'pickFiles', conversationId: CONVERSATION_ID });
    await chat.send({ type: 'filesStaged', conversationId: CONVERSATION_ID, files: [SHOT, PDF] });
    const items = chat.page.locator('.staged__item');
    await items.nth(1).waitFor();
    assert.deepStrictEqual(await chat.page.locator('.staged__name').allTextContents(), ['shot.png', 'invoice.pdf']);
    assert.deepStrictEqual(await chat.page.locator('.staged__size').allTextContents(), ['2.0 KB', '94 KB']);
    assert.strictEqual(await items.nth(0).locator('img.staged__thumb').getAttribute('src'), PIXEL, 'the image has a preview');
    assert.strictEqual(await items.nth(1).locator('img').count(), 0, 'a PDF has an icon, no preview');

    await chat.page.getByRole('button', { name: 'Remove shot.png' }).click();
    await chat.waitForPostedEqual({ type: 'unstageFile', conversationId: CONVERSATION_ID, fileId: 'f1' });
    assert.deepStrictEqual(await chat.page.locator('.staged__name').allTextContents(), ['invoice.pdf']);
  });

  test('with files staged, a reply goes without text; its bubble names the files and shows the upload progress; Retry sends them again', async () => {
    await chat.send(init({ attachmentLimits: LIMITS, stagedFiles: [PDF] }));
    await chat.page.locator('.staged__item').waitFor();
    await chat.page.locator('textarea').press('Enter');
    const send = await chat.waitForPosted('send');
    assert.deepStrictEqual({ content: send.content, attachmentIds: send.attachmentIds }, { content: '', attachmentIds: ['f2'] });
    assert.strictEqual(await chat.page.locator('.staged__item').count(), 0, 'the composer let the files go with the reply');
    const bubble = chat.page.locator(`[data-echo-id="${send.echoId}"]`);
    assert.strictEqual(await bubble.locator('.att__name').textContent(), 'invoice.pdf');
    await chat.send({ type: 'sendProgress', conversationId: CONVERSATION_ID, echoId: send.echoId, sent: 600, total: 1000 });
    await chat.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { value: number; max: number } | null } }).document.querySelector('progress')?.value === 600);

    await chat.send({ type: 'sendFailed', conversationId: CONVERSATION_ID, echoId: send.echoId, error: 'HTTP 500' });
    await bubble.getByRole('button', { name: 'Retry', exact: true }).click();
    const retry = await chat.waitForPosted('retry');
    assert.deepStrictEqual(retry, { type: 'retry', conversationId: CONVERSATION_ID, echoId: send.echoId, content: '', private: false, attachmentIds: ['f2'] });
  });

  test('files dropped on the composer are read and handed to the host; one over the limit is refused before it is read', async () => {
    await chat.send(init({ attachmentLimits: { maxFiles: 15, maxBytes: 10 } }));
    await chat.page.locator('.composer').waitFor();
    await chat.page.evaluate(dispatchFiles, { kind: 'drop', files: [{ name: 'small.txt', type: 'text/plain', text: 'hello' }, { name: 'big.log', type: 'text/plain', text: 'x'.repeat(11) }] });
    const staged = await chat.waitForPosted('stageFiles');
    assert.deepStrictEqual(staged.files, [{ name: 'small.txt', mimeType: 'text/plain', data: Buffer.from('hello').toString('base64') }]);
    assert.match(await chat.page.locator('.staged__notice').innerText(), /big\.log is 11 B: Chatwoot accepts files up to 10 B\./);
    // The host's answer lists it; a refusal from the host is shown too.
    await chat.send({ type: 'filesStaged', conversationId: CONVERSATION_ID, files: [{ id: 'f9', name: 'small.txt', size: 5, mimeType: 'text/plain' }], refused: [{ name: 'x', error: 'x was not attached: a reply carries at most 15 files.' }] });
    await chat.page.locator('.staged__item').waitFor();
    assert.match(await chat.page.locator('.staged__notice').innerText(), /at most 15 files/);
  });

  test('pasting an image attaches it under a name with the time; pasting text stays text', async () => {
    await chat.send(init({ attachmentLimits: LIMITS }));
    await chat.page.locator('textarea').waitFor();
    await chat.page.evaluate(dispatchFiles, { kind: 'paste', files: [{ name: 'image.png', type: 'image/png', text: 'PNGDATA' }] });
    const staged = await chat.waitForPosted('stageFiles');
    assert.strictEqual(staged.files.length, 1);
    assert.match(staged.files[0].name, /^Pasted image \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.png$/);
    assert.strictEqual(staged.files[0].data, Buffer.from('PNGDATA').toString('base64'));
    await chat.page.evaluate(dispatchFiles, { kind: 'paste', files: [] });
    assert.strictEqual((await chat.postedOf('stageFiles')).length, 1);
  });

  test('without limits from the host (an older host), there is no attach button and drops are not taken', async () => {
    await chat.send(init());
    await chat.page.locator('.composer').waitFor();
    assert.strictEqual(await chat.page.getByRole('button', { name: 'Attach files' }).isVisible(), false);
    await chat.page.evaluate(dispatchFiles, { kind: 'drop', files: [{ name: 'a.txt', type: 'text/plain', text: 'a' }] });
    assert.strictEqual((await chat.postedOf('stageFiles')).length, 0);
  });

  test('received: audio plays from the installation, video from elsewhere after a click, locations and contact cards as text with a link, files with Save As…', async () => {
    const requested: string[] = [];
    chat.page.on('request', (r) => requested.push(r.url()));
    await chat.send(
      init({
        messages: [
          message({
            id: 1,
            content: null,
            attachments: [
              { id: 1, file_type: 'audio', data_url: `${IMAGE_ORIGIN}/rails/active_storage/blobs/redirect/k/voice.ogg`, file_size: 5000 },
              { id: 2, file_type: 'video', data_url: `${OTHER_IMAGE_ORIGIN}/clip.mp4`, file_size: 2_000_000 },
              { id: 3, file_type: 'location', coordinates_lat: 52.52, coordinates_long: 13.405, fallback_title: 'Alexanderplatz', data_url: null },
              { id: 4, file_type: 'contact', fallback_title: '+49 30 1234567', meta: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } },
              { id: 5, file_type: 'file', data_url: `${IMAGE_ORIGIN}/rails/active_storage/blobs/redirect/k/report%20Q3.pdf`, file_size: 96_411 },
            ],
          }),
        ],
      }),
    );
    const msg = chat.page.locator('[data-id="1"]');
    await msg.waitFor();
    assert.strictEqual(await msg.locator('audio[controls]').getAttribute('src'), `${IMAGE_ORIGIN}/rails/active_storage/blobs/redirect/k/voice.ogg`);
    assert.strictEqual(await msg.locator('video').count(), 0);
    assert.deepStrictEqual(requested.filter((u) => u.startsWith(OTHER_IMAGE_ORIGIN)), [], 'nothing from the other host before the click');
    await msg.getByRole('button', { name: 'Load video from elsewhere.test' }).click();
    assert.strictEqual(await msg.locator('video[controls]').getAttribute('src'), `${OTHER_IMAGE_ORIGIN}/clip.mp4`);

    const location = msg.locator('.att--location');
    assert.strictEqual(await location.locator('.att__name').textContent(), 'Alexanderplatz');
    assert.strictEqual(await location.locator('.att__size').textContent(), '52.52000, 13.40500');
    assert.strictEqual(await location.getByRole('link', { name: 'Open map' }).getAttribute('href'), 'https://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=16/52.52/13.405');
    const contact = msg.locator('.att--contact');
    assert.strictEqual(await contact.locator('.att__name').textContent(), 'Contact: Ada Lovelace');
    assert.strictEqual(await contact.locator('.att__size').textContent(), '+49 30 1234567');
    assert.strictEqual(await contact.getByRole('link').getAttribute('href'), 'mailto:ada@example.com');

    const file = msg.locator('.att__row').filter({ hasText: 'report Q3.pdf' });
    assert.strictEqual(await file.locator('.att__size').textContent(), '94 KB');
    await file.getByRole('button', { name: 'Save report Q3.pdf as…' }).click();
    await chat.waitForPostedEqual({ type: 'saveAttachment', url: `${IMAGE_ORIGIN}/rails/active_storage/blobs/redirect/k/report%20Q3.pdf`, name: 'report Q3.pdf' });
    await file.getByRole('link').click();
    await chat.waitForPostedEqual({ type: 'openLink', url: `${IMAGE_ORIGIN}/rails/active_storage/blobs/redirect/k/report%20Q3.pdf` });
  });
});
