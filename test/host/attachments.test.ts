import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { evaluateInWebview, inWebview } from '../helpers/host/window';
import { pollUntil } from '../helpers/wait';
import { FakeChatwoot } from '../server';

/** The little of the DOM the probe below uses inside the webview (this file compiles without lib dom). */
declare const document: { querySelectorAll(s: string): { length: number } };

type ServerMessage = { id: number; content: string | null; attachments?: Array<{ file_type: string; data_url: string; file_size: number }> };

suite('Attachments against the stand-in server', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let conversationId: number;
  let dir: string;

  const headers = () => ({ api_access_token: server.demoToken });
  async function serverMessages(): Promise<ServerMessage[]> {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations/${conversationId}/messages`, { headers: headers() });
    return ((await res.json()) as { payload: ServerMessage[] }).payload;
  }
  const waitForServerMessage = (content: string): Promise<ServerMessage> => pollUntil(async () => (await serverMessages()).find((m) => m.content === content), `"${content}" on the server`);
  function file(name: string, content: string | number): vscode.Uri {
    const p = path.join(dir, name);
    if (typeof content === 'number') {
      // A sparse file of that many bytes: nothing is written, and nothing need be read.
      fs.writeFileSync(p, '');
      fs.truncateSync(p, content);
    } else fs.writeFileSync(p, content);
    return vscode.Uri.file(p);
  }
  const stagedCount = () => evaluateInWebview('.composer', () => document.querySelectorAll('.staged__item').length, null);
  const postsSince = (mark: number) => server.control.happenings(mark).filter((h) => (h.kind === 'request' || h.kind === 'multipart') && h.method === 'POST' && h.path.endsWith(`/conversations/${conversationId}/messages`));

  suiteSetup(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-attach-'));
    ({ api, server } = await signedInToStandIn());
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: headers() });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number; can_reply?: boolean }> } };
    const pick = list.data.payload.find((c) => c.inbox_id === 1 && c.can_reply !== false);
    assert.ok(pick, 'the seed has an open web-widget conversation assigned to the demo agent');
    conversationId = pick.id;
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId });
    await inWebview({ op: 'text', selector: '.header__where', hasText: `#${conversationId}` });
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Send File to Conversation stages the file without sending; Send uploads exactly the multipart fields Chatwoot reads', async () => {
    const uri = file('notes.txt', 'release notes, draft 3');
    const mark = server.control.mark();
    await vscode.commands.executeCommand(Commands.sendFileToConversation, uri, [uri]);
    assert.equal(await inWebview({ op: 'text', selector: '.staged__name', hasText: 'notes.txt' }), 'notes.txt');
    assert.deepEqual(postsSince(mark), [], 'staging sent nothing');

    const text = `Here are the notes ${Date.now()}`;
    await inWebview({ op: 'fill', selector: '.composer__input', value: text });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    const upload = await server.control.waitForKind('multipart', (h) => h.path.endsWith(`/conversations/${conversationId}/messages`), 10000, mark);
    const fields = upload.fields.map((f) => ('filename' in f ? { name: f.name, filename: f.filename, contentType: f.contentType, size: f.size } : { name: f.name, value: f.name === 'echo_id' ? '<echo>' : f.value }));
    assert.deepEqual(fields, [
      { name: 'content', value: text },
      { name: 'attachments[]', filename: 'notes.txt', contentType: 'text/plain', size: 22 },
      { name: 'private', value: 'false' },
      { name: 'echo_id', value: '<echo>' },
    ]);
    const sent = await waitForServerMessage(text);
    assert.equal(sent.attachments?.length, 1);
    assert.equal(await (await fetch(sent.attachments?.[0].data_url ?? '')).text(), 'release notes, draft 3');
    // The pending bubble became the server's message, which lists the file.
    await inWebview({ op: 'text', selector: '.msg:not(.msg--pending) .att__name', hasText: 'notes.txt' });
    assert.equal(await stagedCount(), 0);
  });

  test('a file over Chatwoot’s 40 MB is refused with a clear error before anything is uploaded', async () => {
    const uri = file('huge.bin', 41 * 1024 * 1024);
    const mark = server.control.mark();
    await vscode.commands.executeCommand(Commands.sendFileToConversation, uri);
    const notice = String(await inWebview({ op: 'text', selector: '.staged__notice', hasText: 'huge.bin' }));
    assert.match(notice, /huge\.bin is 41 MB: Chatwoot accepts files up to 40 MB\./);
    assert.equal(await stagedCount(), 0, 'nothing was staged');
    assert.deepEqual(postsSince(mark), [], 'nothing was uploaded');
  });

  test('a send that fails keeps its files in the outbox; Retry uploads them', async () => {
    const uri = file('trace.log', 'line 1\nline 2\n');
    await vscode.commands.executeCommand(Commands.sendFileToConversation, uri);
    await inWebview({ op: 'text', selector: '.staged__name', hasText: 'trace.log' });
    server.control.failNext(1, 500, `/conversations/${conversationId}/messages`);
    const text = `With the log ${Date.now()}`;
    await inWebview({ op: 'fill', selector: '.composer__input', value: text });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    await inWebview({ op: 'text', selector: '.msg--pending.msg--failed .msg__error' });
    assert.ok(!(await serverMessages()).some((m) => m.content === text), 'nothing was created');
    const mark = server.control.mark();
    await inWebview({ op: 'click', selector: '.msg--pending.msg--failed .msg__actions button', hasText: 'Retry' });
    const upload = await server.control.waitForKind('multipart', (h) => h.path.endsWith(`/conversations/${conversationId}/messages`), 10000, mark);
    assert.deepEqual(upload.fields.filter((f) => f.name === 'attachments[]').map((f) => ('filename' in f ? [f.filename, f.size] : [])), [['trace.log', 14]]);
    const sent = await waitForServerMessage(text);
    assert.equal(sent.attachments?.length, 1);
    assert.equal(await (await fetch(sent.attachments?.[0].data_url ?? '')).text(), 'line 1\nline 2\n');
  });
});
