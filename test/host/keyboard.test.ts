import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Views } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { ConversationsNode } from '../../src/views/tree/nodes';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { inWebview, pressKey } from '../helpers/host/window';
import { untilEvent } from '../helpers/wait';
import { FakeChatwoot } from '../server';

interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
  args?: unknown;
}

/** `alt+shift+e` and `shift+alt+e` are one key: modifiers sorted, the key last. */
function normalKey(key: string): string {
  return key
    .toLowerCase()
    .split(' ')
    .map((chord) => {
      const parts = chord.split('+');
      const last = parts.pop()!;
      return [...parts.sort(), last].join('+');
    })
    .join(' ');
}

suite('Keyboard shortcuts', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  const feature = () => api.conversations;
  const store = () => feature().store!;

  const ours = (): Keybinding[] => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { keybindings: Keybinding[] } };
    return manifest.contributes.keybindings;
  };

  /** Waits for `predicate` on the tree's refreshes, the connection's events and selection changes. */
  const until = (what: string, predicate: () => boolean, ms?: number) =>
    untilEvent([feature().provider.onDidRefresh, api.connection.onDidReceiveEvent, feature().view.onDidChangeSelection, api.chat.onDidChangeFocusedPlace], predicate, what, ms);

  const chatShows = (id: number) => inWebview({ op: 'text', selector: '.header__where', hasText: `#${id}` });
  const selectedId = () => {
    const s = feature().view.selection[0];
    return s?.kind === 'conversation' ? s.conversationId : undefined;
  };

  /** Selects a row of the tree and gives the tree the keyboard, as a click on the row does. */
  async function focusTreeOn(group: 'mine' | 'unassigned' | 'all', id: number): Promise<void> {
    await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    await feature().view.reveal(feature().provider.nodeFor(group, id) as ConversationsNode, { select: true, focus: true });
    await until(`#${id} selected`, () => selectedId() === id);
    // The chat's blur arrives by message; until it has, the chat's keybindings still apply.
    await until('the chat to report that it lost the keyboard', () => api.chat.focusedPlace === undefined);
  }

  /** Opens a conversation in the sidebar chat. */
  async function openInChat(id: number): Promise<void> {
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: id });
    await chatShows(id);
  }

  /**
   * Presses a key in the chat's reply box, as an agent who clicked into it does: the click, then
   * the key once the chat has told VS Code it has the keyboard (a person is slower than that).
   */
  async function pressInChat(key: string): Promise<void> {
    await inWebview({ op: 'click', selector: '.composer textarea' });
    await until('the chat to report that it has the keyboard', () => api.chat.focusedPlace === 'sidebar');
    await inWebview({ op: 'press', selector: '.composer textarea', key });
  }

  const requestFor = (id: number, suffix: string, mark: number) =>
    server.control.waitForKind('request', (r) => r.method === 'POST' && r.path === `/api/v1/accounts/${server.accountId}/conversations/${id}/${suffix}`, 5000, mark);

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    await until('the first load', () => feature().sync?.isLoaded === true);
    await feature().whenIdle();
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('no key of ours is one VS Code binds by default', async () => {
    // VS Code renders its default keybindings (this platform's) as a JSON document with comments.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const defaults = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as Keybinding[];
    assert.ok(defaults.length > 100, `the default keybindings were read (${defaults.length})`);
    // The document lists every extension's keybindings too, ours included.
    // Some defaults share a key with ours but act only where our views cannot have the keyboard:
    // their `when` needs another widget's focus (the Keyboard Shortcuts editor, the Search view's
    // replace box, an accessibility help dialog). Any other is a clash.
    const elsewhere = /Focus|focused|inKeybindings|IsShown|Visible/;
    const others = defaults.filter((k) => !k.command.replace(/^-/, '').startsWith('chatwoot.'));
    const clashes = ours()
      .filter((k) => k.command !== Commands.nextUnreadConversation)
      .flatMap((k) => others.filter((d) => normalKey(d.key) === normalKey(k.key) && !elsewhere.test(d.when ?? '')).map((d) => `${k.key}: ${k.command} and VS Code's ${d.command} (${d.when ?? 'anywhere'})`));
    assert.deepEqual(clashes, []);
  });

  test('README lists every keybinding', () => {
    const readme = fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'README.md'), 'utf8');
    const pretty = (key: string) => key.split('+').map((p) => (p.length === 1 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join('+');
    for (const k of ours()) assert.ok(readme.includes(pretty(k.key)), `README names ${pretty(k.key)} (${k.command})`);
  });

  test('in the tree: Alt+J and Alt+K move the selection and open the conversation; Alt+Shift+E resolves the selected one', async () => {
    const mine = store().members('mine').map((c) => c.id);
    assert.ok(mine.length >= 3, 'three of my conversations');
    await focusTreeOn('mine', mine[0]);
    await pressKey('Alt+KeyJ');
    await until(`the selection on #${mine[1]}`, () => selectedId() === mine[1]);
    await chatShows(mine[1]);
    assert.deepEqual(api.chat.sidebarConversation, { accountId: server.accountId, conversationId: mine[1] });

    await focusTreeOn('mine', mine[2]);
    await pressKey('Alt+KeyK');
    await until(`the selection back on #${mine[1]}`, () => selectedId() === mine[1]);
    await chatShows(mine[1]);

    await focusTreeOn('mine', mine[2]);
    const mark = server.control.mark();
    await pressKey('Alt+Shift+KeyE');
    await requestFor(mine[2], 'toggle_status', mark);
    assert.equal(server.store.conversations.get(mine[2])!.status, 'resolved');
    assert.equal(server.store.conversations.get(mine[1])!.status, 'open', 'the conversation the chat shows is left alone');
    await vscode.commands.executeCommand(Commands.reopenConversation, mine[2]);
  });

  test('keys pressed in the chat reach VS Code: Ctrl+Alt+U there opens the next unread conversation', async () => {
    const unread = store().members('mine').filter((c) => c.unreadCount > 0);
    assert.ok(unread.length > 0);
    const shown = store().members('all').find((c) => c.unreadCount === 0)!.id;
    await openInChat(shown);
    await pressInChat('Control+Alt+KeyU');
    await until('another conversation in the chat', () => api.chat.sidebarConversation?.conversationId !== shown);
  });

  test('in the chat: Alt+Shift+M assigns the conversation it shows to me, not the tree selection; Alt+P switches to a private note and back', async () => {
    const unassigned = store().members('unassigned').map((c) => c.id);
    assert.ok(unassigned.length >= 2);
    const [shown, selected] = unassigned;
    await focusTreeOn('unassigned', selected);
    await openInChat(shown);
    const mark = server.control.mark();
    await pressInChat('Alt+Shift+KeyM');
    await requestFor(shown, 'assignments', mark);
    assert.equal(server.store.conversations.get(shown)!.assigneeId, server.demoUserId);
    assert.equal(server.store.conversations.get(selected)!.assigneeId, null, 'the tree selection is left alone');

    await inWebview({ op: 'text', selector: '.composer:not(.composer--note) textarea' });
    await pressInChat('Alt+KeyP');
    await inWebview({ op: 'text', selector: '.composer--note textarea' });
    await pressInChat('Alt+KeyP');
    await inWebview({ op: 'text', selector: '.composer:not(.composer--note) textarea' });
    assert.equal(await inWebview({ op: 'value', selector: '.composer textarea' }), '', 'the key typed nothing');
  });

  test('in the chat: Alt+Shift+J resolves the conversation and opens the next one of its list', async () => {
    const mine = store().members('mine').map((c) => c.id);
    const [current, next] = mine;
    await focusTreeOn('mine', current);
    await openInChat(current);
    const mark = server.control.mark();
    await pressInChat('Alt+Shift+KeyJ');
    await requestFor(current, 'toggle_status', mark);
    assert.equal(server.store.conversations.get(current)!.status, 'resolved');
    await chatShows(next);
    assert.deepEqual(api.chat.sidebarConversation, { accountId: server.accountId, conversationId: next });
    await until(`the selection on #${next}`, () => selectedId() === next);
    await vscode.commands.executeCommand(Commands.reopenConversation, current);
  });
});
