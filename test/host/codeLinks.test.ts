import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { inWebview } from '../helpers/host/window';
import { within } from '../helpers/wait';
import { FakeChatwoot } from '../server';

/** Resolves with the editor once the active one shows `file` with the caret at `line`:`character` (0-based). */
function editorAt(file: string, line: number, character: number): Promise<vscode.TextEditor> {
  const matches = (e: vscode.TextEditor | undefined) =>
    e?.document.uri.fsPath === file && e.selection.active.line === line && e.selection.active.character === character;
  if (matches(vscode.window.activeTextEditor)) return Promise.resolve(vscode.window.activeTextEditor!);
  return within(new Promise<vscode.TextEditor>((resolve) => {
    const check = () => {
      if (!matches(vscode.window.activeTextEditor)) return;
      subs.forEach((s) => s.dispose());
      resolve(vscode.window.activeTextEditor!);
    };
    const subs = [vscode.window.onDidChangeActiveTextEditor(check), vscode.window.onDidChangeTextEditorSelection(check)];
  }), `${path.basename(file)} open at ${line + 1}:${character + 1} (active: ${describe(vscode.window.activeTextEditor)})`, 25000);
}

const describe = (e: vscode.TextEditor | undefined) => (e ? `${e.document.uri.toString()} at ${e.selection.active.line + 1}:${e.selection.active.character + 1}` : 'none');

const isOpen = (file: string) => vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file);

suite('Code links in chat messages', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let conversationId: number;
  let dir: string;
  let outside: string;
  const unique = `codelinks${Date.now()}`;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host runner opens a workspace folder');
    dir = path.join(folder.uri.fsPath, 'src', unique);
    fs.mkdirSync(dir, { recursive: true });
    const lines = Array.from({ length: 60 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n');
    fs.writeFileSync(path.join(dir, 'app.ts'), lines);
    fs.writeFileSync(path.join(dir, 'orders.js'), lines);
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-outside-'));
    assert.ok(!outside.startsWith(folder.uri.fsPath), 'the outside folder is not in the workspace');
    fs.writeFileSync(path.join(outside, 'secret.ts'), 'export const secret = 1;\nexport const two = 2;\n');
    // A link inside the workspace that leads out of it.
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'escape.ts'));

    ({ api, server } = await signedInToStandIn());
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: { api_access_token: server.demoToken } });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number }> } };
    conversationId = list.data.payload.find((c) => c.inbox_id === 1)!.id;
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId });
    await inWebview({ op: 'text', selector: '.header__where', hasText: `#${conversationId}` });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
    await signOutAndStop(api, server);
  });

  test('a path with a line in a customer message is a link that opens the workspace file there; one outside is not', async function () {
    // Opening a TypeScript file starts its language server, slow on a loaded machine.
    this.timeout(60000);
    const inside = path.join(dir, 'app.ts');
    const secret = path.join(outside, 'secret.ts');
    server.control.contactMessage(conversationId, `Crash at src/${unique}/app.ts:42:3, also ${secret}:2 and src/${unique}/escape.ts:1\n    at handler (/srv/app/src/${unique}/orders.js:10:5)`);

    await inWebview({ op: 'click', selector: '.code-link', hasText: 'app.ts:42:3' });
    await editorAt(inside, 41, 2);

    // The files outside are plain text; clicking them, as a user might, opens nothing.
    await inWebview({ op: 'click', selector: '.code-ref', hasText: 'secret.ts:2' });
    await inWebview({ op: 'click', selector: '.code-ref', hasText: 'escape.ts:1' });
    // A server's stack frame names the file by its tail.
    await inWebview({ op: 'click', selector: '.code-link', hasText: 'orders.js:10:5' });
    await editorAt(path.join(dir, 'orders.js'), 9, 4);
    assert.equal(await inWebview({ op: 'count', selector: '.code-ref:not(.code-link)', hasText: 'secret.ts:2' }), 1, 'a file outside the workspace is no link');
    assert.equal(await inWebview({ op: 'count', selector: '.code-ref:not(.code-link)', hasText: 'escape.ts:1' }), 1, 'a symbolic link out of the workspace is no link');
    assert.ok(!isOpen(secret), 'the outside file was not opened');
  });

  test('asked directly (as a forged webview message would), the host opens nothing outside the workspace', async () => {
    const secret = path.join(outside, 'secret.ts');
    assert.equal(await api.chat.codeLinks.open(secret, 2), false);
    assert.equal(await api.chat.codeLinks.open(`src/${unique}/escape.ts`, 1), false);
    assert.equal(await api.chat.codeLinks.open(`src/${unique}/../../../${path.basename(outside)}/secret.ts`, 1), false);
    assert.ok(!isOpen(secret) && !isOpen(path.join(dir, 'escape.ts')), 'the outside file was never opened');
  });
});
