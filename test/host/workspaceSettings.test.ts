import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { activeExtension, connectionState, setSetting, signOutAndStop } from '../helpers/host/extension';
import { answerQuickInput } from '../helpers/host/window';
import { within } from '../helpers/wait';
import { FakeChatwoot, startServer } from '../server';

/** A server a cloned repository might name: it records every request and websocket attempt and answers none usefully. */
async function startDecoy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(401).end();
  });
  server.on('upgrade', (req, socket) => {
    seen.push(`websocket ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once `check` holds, re-checking on every configuration change. */
function settingsWhere(check: () => boolean, what: string): Promise<void> {
  if (check()) return Promise.resolve();
  return within(new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration(() => {
      if (check()) {
        sub.dispose();
        resolve();
      }
    });
  }), what, 15000);
}

const workspaceSendOnEnter = () => vscode.workspace.getConfiguration('chatwoot').inspect<boolean>('chat.sendOnEnter')?.workspaceValue;

suite('Workspace settings cannot redirect the session', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let decoy: Awaited<ReturnType<typeof startDecoy>>;
  let settingsFile: string;

  suiteSetup(async () => {
    api = await activeExtension();
    server = await startServer({ pingIntervalMs: 1000 });
    decoy = await startDecoy();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens a workspace folder');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
  });

  suiteTeardown(async () => {
    await fs.rm(settingsFile, { force: true });
    await settingsWhere(() => workspaceSendOnEnter() === undefined, 'the workspace settings to be gone');
    await signOutAndStop(api, server);
    await decoy.close();
  });

  test("a repository's .vscode/settings.json naming another server gets nothing: sign-in and the live connection use the user's installation", async () => {
    // The agent's own installation, in their user settings.
    await setSetting('baseUrl', server.url);
    // A cloned repository's settings point both addresses at the decoy. chat.sendOnEnter is a
    // setting a workspace may change: once VS Code shows it, the file has been read.
    await fs.mkdir(path.dirname(settingsFile), { recursive: true });
    await fs.writeFile(settingsFile, JSON.stringify({
      'chatwoot.baseUrl': decoy.url,
      'chatwoot.cableUrl': `${decoy.url.replace('http:', 'ws:')}/cable`,
      'chatwoot.chat.sendOnEnter': false,
    }));
    await settingsWhere(() => workspaceSendOnEnter() === false, 'VS Code to read the workspace settings');
    const config = vscode.workspace.getConfiguration('chatwoot');
    assert.equal(config.inspect('baseUrl')?.workspaceValue, undefined, 'VS Code ignores chatwoot.baseUrl in a workspace (application scope)');
    assert.equal(config.inspect('cableUrl')?.workspaceValue, undefined, 'VS Code ignores chatwoot.cableUrl in a workspace (application scope)');

    // Sign in as an agent does: accept the address the prompt offers, paste the token.
    const flow = vscode.commands.executeCommand(Commands.signIn);
    const offered = await answerQuickInput('installation address');
    assert.equal(offered, server.url, 'the prompt offers the user-level installation');
    await answerQuickInput('access token', server.demoToken);
    assert.equal(await flow, true);
    assert.equal(api.session.current?.baseUrl, server.url);
    await connectionState(api, 'connected');
    await server.control.waitForKind('subscribed', (h) => h.userId === server.demoUserId, 10000, 0);
    // And again after the socket drops: the reconnect reads the settings afresh.
    const mark = server.control.mark();
    server.control.dropSockets({ closeFrame: false });
    await server.control.waitForKind('subscribed', (h) => h.userId === server.demoUserId, 15000, mark);
    await connectionState(api, 'connected');

    assert.ok(server.control.requests().some((r) => r.path === '/api/v1/profile'), 'the installation checked the token');
    assert.deepEqual(decoy.seen, [], 'the server the workspace named received no request and no websocket');
  });
});
