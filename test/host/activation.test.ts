import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, ContextKeys, EXTENSION_ID, LOG_CHANNEL_NAME, Views } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';

interface Manifest {
  engines: { vscode: string };
  contributes: {
    commands: Array<{ command: string; category?: string; icon?: string }>;
    views: Record<string, Array<{ id: string; type?: string }>>;
    viewsContainers: { activitybar: Array<{ id: string }> };
  };
}

suite('Extension in a real VS Code host', () => {
  let extension: vscode.Extension<ExtensionApi>;
  let api: ExtensionApi;
  let manifest: Manifest;

  suiteSetup(async () => {
    const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in the host`);
    extension = found;
    api = await extension.activate();
    manifest = extension.packageJSON as Manifest;
    console.log(`    host: VS Code ${vscode.version}, Node ${process.versions.node}, ${vscode.env.appHost}, remote ${vscode.env.remoteName ?? 'none'}`);
  });

  test('runs in the Node extension host, not a browser worker', () => {
    assert.equal(typeof process.versions.node, 'string');
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  test('activates and returns its API', () => {
    assert.equal(extension.isActive, true);
    assert.ok(api.contextKeys);
  });

  test('the host satisfies engines.vscode', () => {
    const wanted = manifest.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    const actual = vscode.version.split('.').map(Number);
    assert.ok(actual[0] === wanted[0] && (actual[1] > wanted[1] || (actual[1] === wanted[1] && actual[2] >= wanted[2])),
      `host ${vscode.version} does not satisfy ${manifest.engines.vscode}`);
  });

  test('every command declared in package.json is registered, and every registered chatwoot command is declared', async () => {
    // VS Code itself adds `<view id>.focus`, `.open`, … for each view; those are not ours to declare.
    const viewIds = Object.values(Views);
    const registered = new Set((await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('chatwoot.') && !viewIds.some((v) => c.startsWith(`${v}.`))));
    const declared = manifest.contributes.commands.map((c) => c.command);
    for (const id of declared) assert.ok(registered.has(id), `${id} is declared but not registered`);
    for (const id of registered) assert.ok(declared.includes(id), `${id} is registered but not declared`);
    for (const id of Object.values(Commands)) assert.ok(declared.includes(id), `${id} is in constants.ts but not package.json`);
  });

  test('every command has the Chatwoot category and a codicon', () => {
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'Chatwoot', c.command);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, c.command);
    }
  });

  test('the activity-bar container contributes the conversations tree, the chat webview and the notifications tree', async () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), ['chatwoot']);
    const views = manifest.contributes.views.chatwoot;
    assert.deepEqual(views.map((v) => [v.id, v.type]), [[Views.conversations, 'tree'], [Views.chat, 'webview'], [Views.notifications, 'tree'], [Views.contact, 'webview']]);
    // Focusing a view only works when VS Code knows it and a provider is registered.
    await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    await vscode.commands.executeCommand(`${Views.chat}.focus`);
    await vscode.commands.executeCommand(`${Views.notifications}.focus`);
  });

  test('starts signed out', () => {
    assert.equal(api.contextKeys.get(ContextKeys.signedIn), false);
  });

  test('logs to one LogOutputChannel named Chatwoot, which chatwoot.showLog opens', async () => {
    assert.equal(api.log.name, LOG_CHANNEL_NAME);
    assert.equal(typeof api.log.trace, 'function', 'a LogOutputChannel, not a plain OutputChannel');
    await vscode.commands.executeCommand(Commands.showLog);
  });
});
