import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { createMessage } from '../../../src/api/messages';
import { multipartBody } from '../../../src/api/multipart';
import { LONG_THREAD_ID, startServer, type FakeChatwoot } from '../../server/index';
import { parseMultipart } from '../../server/multipart';

const bytes = (text: string) => new TextEncoder().encode(text);

suite('api: replies with files (multipart/form-data)', () => {
  let server: FakeChatwoot;
  let client: ApiClient;

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
    client = new ApiClient({ baseUrl: server.url, token: server.user(server.demoUserId).accessToken });
  });
  teardown(() => server.stop());

  test('the body is the one Rack reads back, quotes and line breaks in names escaped as browsers do', async () => {
    const file = { name: 'a "quoted"\nname.txt', mimeType: 'text/plain', bytes: new Uint8Array(200_000).fill(65) };
    const body = multipartBody([['content', 'hello'], ['attachments[]', file]], 'XyZ');
    const seen: number[] = [];
    const chunks: Uint8Array[] = [];
    const reader = body.stream((sent) => seen.push(sent)).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    const raw = Buffer.concat(chunks);
    assert.equal(raw.length, body.length);
    assert.ok(!raw.includes('name="a "quoted"'), 'the quote is escaped');
    const parts = parseMultipart(raw, 'XyZ');
    assert.deepEqual(parts.map((p) => p.name), ['content', 'attachments[]']);
    assert.equal(parts[0].value, 'hello');
    assert.equal(parts[1].file?.filename, 'a "quoted"\nname.txt');
    assert.equal(parts[1].file?.data.length, 200_000);
    assert.ok(seen.length > 3, 'progress is told as the file goes, slice by slice');
    assert.equal(seen.at(-1), body.length);
  });

  test('the stand-in receives exactly the fields Chatwoot’s dashboard sends, makes each file an attachment and serves it back', async () => {
    const since = server.control.happenings().at(-1)?.seq ?? 0;
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const progress: number[] = [];
    const m = await createMessage(client, server.accountId, LONG_THREAD_ID, {
      content: 'see attached',
      private: true,
      echoId: 'echo-12345678',
      files: [
        { name: 'shot.png', mimeType: 'image/png', bytes: png },
        { name: 'notes.txt', mimeType: 'text/plain', bytes: bytes('notes') },
      ],
      onProgress: (sent) => progress.push(sent),
    });
    const upload = server.control.happenings(since).find((h) => h.kind === 'multipart');
    assert.ok(upload && upload.kind === 'multipart');
    assert.deepEqual(upload.fields, [
      { name: 'content', value: 'see attached' },
      { name: 'attachments[]', filename: 'shot.png', contentType: 'image/png', size: png.length },
      { name: 'attachments[]', filename: 'notes.txt', contentType: 'text/plain', size: 5 },
      { name: 'private', value: 'true' },
      { name: 'echo_id', value: 'echo-12345678' },
    ]);
    assert.ok(progress.length > 0);
    assert.equal(m.echo_id, 'echo-12345678');
    assert.equal(m.private, true);
    const [image, text] = m.attachments ?? [];
    assert.equal(image.file_type, 'image');
    assert.equal(text.file_type, 'file');
    assert.equal(text.file_size, 5);
    // data_url redirects (Active Storage) to the file itself; no token needed.
    const served = await fetch(String(text.data_url));
    assert.equal(served.status, 200);
    assert.equal(await served.text(), 'notes');
    const thumb = await fetch(String(image.thumb_url));
    assert.deepEqual(new Uint8Array(await thumb.arrayBuffer()), png);
  });

  test('a reply with files and no text leaves content out, as the dashboard does', async () => {
    const since = server.control.happenings().at(-1)?.seq ?? 0;
    const m = await createMessage(client, server.accountId, LONG_THREAD_ID, { content: '', echoId: 'echo-abcdefgh', files: [{ name: 'a.pdf', mimeType: 'application/pdf', bytes: bytes('%PDF') }] });
    const upload = server.control.happenings(since).find((h) => h.kind === 'multipart');
    assert.ok(upload && upload.kind === 'multipart');
    assert.deepEqual(upload.fields.map((f) => f.name), ['attachments[]', 'private', 'echo_id']);
    assert.equal(m.attachments?.length, 1);
  });
});
