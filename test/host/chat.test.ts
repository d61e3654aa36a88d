import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, WebviewPanels } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { ConversationNode } from '../../src/views/tree/nodes';
import { connectionState, signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { evaluateInWebview, inWebview } from '../helpers/host/window';
import { pollUntil, untilEvent } from '../helpers/wait';
import { FakeChatwoot, USERS } from '../server';

/** The little of the DOM the probes below use inside the webview (this file compiles without lib dom). */
declare const document: { querySelector(s: string): { hidden: boolean } | null; querySelectorAll(s: string): { length: number } };

type ServerMessage = { id: number; content: string | null; private: boolean; message_type: number };

suite('Chat view against the stand-in server', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let conversationId: number;
  let openedMark: number;

  const headers = () => ({ api_access_token: server.demoToken, 'content-type': 'application/json' });
  async function serverMessages(): Promise<ServerMessage[]> {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations/${conversationId}/messages`, { headers: headers() });
    return ((await res.json()) as { payload: ServerMessage[] }).payload;
  }
  /** Resolves once the webview shows `text` in a message (waits for it, up to the runner's limit). */
  const shown = (text: string) => inWebview({ op: 'text', selector: '.msg__content', hasText: text });
  const count = (text: string) => inWebview({ op: 'count', selector: '.msg__content', hasText: text });

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: headers() });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number; can_reply?: boolean }> } };
    const pick = list.data.payload.find((c) => c.inbox_id === 1 && c.can_reply !== false);
    assert.ok(pick, 'the seed has an open web-widget conversation assigned to the demo agent');
    conversationId = pick.id;
    openedMark = server.control.mark();
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId });
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('opening a conversation shows its latest messages and marks it read on the server', async () => {
    const latest = (await serverMessages()).filter((m) => m.content && m.message_type !== 2).at(-1);
    assert.ok(latest?.content);
    await shown(latest.content.split('\n')[0].slice(0, 30));
    assert.deepEqual(api.chat.sidebarConversation, { accountId: server.accountId, conversationId });
    await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversationId}/update_last_seen`), 10000, openedMark);
  });

  test('a reply and a private note typed in the composer reach the server, each shown once', async () => {
    const reply = `Thanks, I am on it ${Date.now()}`;
    await inWebview({ op: 'fill', selector: '.composer__input', value: reply });
    assert.equal(await inWebview({ op: 'value', selector: '.composer__input' }), reply);
    const mark = server.control.mark();
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversationId}/messages`), 10000, mark);
    await shown(reply);
    const sent = (await serverMessages()).find((m) => m.content === reply);
    assert.ok(sent && !sent.private && sent.message_type === 1, 'an outgoing reply on the server');

    const note = `Internal: check the refund ${Date.now()}`;
    await inWebview({ op: 'click', selector: '.mode--note' });
    await inWebview({ op: 'fill', selector: '.composer__input', value: note });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    await shown(note);
    await pollUntil(async () => (await serverMessages()).some((m) => m.content === note), 'the note on the server');
    assert.equal((await serverMessages()).find((m) => m.content === note)?.private, true);
    await inWebview({ op: 'click', selector: '.mode:not(.mode--note)' });
    assert.equal(await count(reply), 1, 'the echo of the reply replaced the pending bubble');
  });

  test('a customer message arrives live', async () => {
    const text = `Is there any update? ${Date.now()}`;
    server.control.contactMessage(conversationId, text);
    await shown(text);
  });

  test('the chat and the tree share one conversation: a header action moves the row, a tree action changes the header', async () => {
    const provider = () => api.conversations.provider;
    const rows = (group: 'mine' | 'all') => provider().getChildren(provider().groupNode(group)).filter((n): n is ConversationNode => n.kind === 'conversation');
    /** Waits on the tree's own refreshes (never a sleep) for `predicate`. */
    const until = (what: string, predicate: () => boolean) => untilEvent([provider().onDidRefresh], predicate, what);
    await until('the conversation in Mine', () => rows('mine').some((n) => n.conversationId === conversationId));
    await inWebview({ op: 'text', selector: '.header__assignee', hasText: 'Assigned to you' });

    // With the server's events held back, only the shared store's optimistic change can move the row.
    server.control.holdEvents();
    try {
      const mark = server.control.mark();
      await inWebview({ op: 'click', selector: '.header button[data-action="resolve"]' });
      await until('the resolved conversation to leave Mine', () => !rows('mine').some((n) => n.conversationId === conversationId));
      assert.equal(api.conversations.store?.get(conversationId)?.status, 'resolved');
      const req = await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversationId}/toggle_status`), 10000, mark);
      assert.equal(req.status, 200);
      await inWebview({ op: 'text', selector: '.header .badge--resolved', hasText: 'Resolved' });
    } finally {
      server.control.releaseEvents();
    }

    // Back to open, from the tree this time; the header follows.
    await vscode.commands.executeCommand(Commands.reopenConversation, { accountId: server.accountId, conversationId });
    await inWebview({ op: 'text', selector: '.header .badge--open', hasText: 'Open' });
    await until('the reopened conversation in Mine', () => rows('mine').some((n) => n.conversationId === conversationId));

    // Assign from the tree, run on the row as its context menu runs it: the header changes at once.
    server.control.holdEvents();
    try {
      const row = rows('mine').find((n) => n.conversationId === conversationId);
      assert.ok(row);
      const mark = server.control.mark();
      await vscode.commands.executeCommand(Commands.assignConversation, row, USERS.marcus);
      await inWebview({ op: 'text', selector: '.header__assignee', hasText: 'Assigned to Marcus Chen' });
      await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversationId}/assignments`), 10000, mark);
    } finally {
      server.control.releaseEvents();
    }
    const all = rows('all').find((n) => n.conversationId === conversationId);
    assert.ok(all);
    await vscode.commands.executeCommand(Commands.assignConversationToMe, all);
    await inWebview({ op: 'text', selector: '.header__assignee', hasText: 'Assigned to you' });
    await until('the conversation back in Mine', () => rows('mine').some((n) => n.conversationId === conversationId));
  });

  test('typing in the composer sends the typing status to the server', async () => {
    const mark = server.control.mark();
    await inWebview({ op: 'fill', selector: '.composer__input', value: 'Let me che' });
    const req = await server.control.waitForKind('request', (r) => r.path.endsWith(`/conversations/${conversationId}/toggle_typing_status`), 10000, mark);
    assert.equal(req.method, 'POST');
    await inWebview({ op: 'fill', selector: '.composer__input', value: '' });
  });

  test('a send that fails keeps its text and can be retried', async () => {
    const text = `Retry me ${Date.now()}`;
    await inWebview({ op: 'text', selector: '.msg__content' }); // loaded: the next POST …/messages is the send
    server.control.failNext(1, 500, `/conversations/${conversationId}/messages`);
    await inWebview({ op: 'fill', selector: '.composer__input', value: text });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    const error = await inWebview({ op: 'text', selector: '.msg--pending.msg--failed .msg__error' });
    assert.match(String(error), /server error/);
    assert.ok(!(await serverMessages()).some((m) => m.content === text), 'nothing reached the server yet');
    await inWebview({ op: 'click', selector: '.msg--pending.msg--failed .msg__actions button', hasText: 'Retry' });
    await pollUntil(async () => (await serverMessages()).some((m) => m.content === text), 'the retried reply on the server');
    assert.equal((await serverMessages()).filter((m) => m.content === text).length, 1);
  });

  test('Send Selection puts the selected lines into the composer as a fenced block, without sending', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;\nconst b = a + 1;\nexport { b };\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 2, 13);
    const mark = server.control.mark();
    await vscode.commands.executeCommand(Commands.sendSelection);
    const composer = () => inWebview({ op: 'value', selector: '.composer__input' });
    await pollUntil(async () => String(await composer()).includes('const b = a + 1;'), 'the selection in the composer');
    const text = String(await composer());
    assert.match(text, /```typescript\nconst b = a \+ 1;\nexport \{ b \};\n```/);
    assert.match(text, /\(lines 2–3\)/);
    assert.ok(!server.control.happenings(mark).some((h) => h.kind === 'request' && h.method === 'POST' && h.path.endsWith('/messages')), 'nothing was sent');
    await inWebview({ op: 'fill', selector: '.composer__input', value: '' });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Open in Editor shows the conversation in its own tab, once', async () => {
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(WebviewPanels.chat));
    // The tab model catches up with the panel asynchronously.
    const opened = untilEvent([vscode.window.tabGroups.onDidChangeTabs], () => tabs().length > 0, 'the chat tab');
    await vscode.commands.executeCommand(Commands.openConversationInEditor, { accountId: server.accountId, conversationId });
    await opened;
    await vscode.commands.executeCommand(Commands.openConversationInEditor, { accountId: server.accountId, conversationId });
    await inWebview({ op: 'text', selector: '.msg__content' });
    assert.deepEqual(tabs().map((t) => t.label), [`Conversation #${conversationId}`]);
    assert.deepEqual(api.chat.openConversations.filter((k) => k.conversationId === conversationId).length, 2, 'sidebar and tab');
    await vscode.window.tabGroups.close(tabs());
    assert.equal(tabs().length, 0);
  });

  test('after a window reload the serializer restores a tab with its conversation', async () => {
    // What VS Code does on reload: a bare panel of our view type, plus the state the app saved.
    const panel = vscode.window.createWebviewPanel(WebviewPanels.chat, `Conversation #${conversationId}`, vscode.ViewColumn.Active, {});
    await api.chat.deserializeWebviewPanel(panel, { version: 1, conversationId, drafts: {}, unsent: {} });
    assert.ok(api.chat.openConversations.filter((k) => k.conversationId === conversationId).length >= 2, 'the tab is a chat view of the conversation again');
    assert.equal(panel.webview.options.enableScripts, true);
    assert.match(panel.webview.html, /Content-Security-Policy/);
    panel.dispose();

    // A tab saved for another installation does not show this one's conversation of that number.
    const before = api.chat.openConversations.length;
    const foreign = vscode.window.createWebviewPanel(WebviewPanels.chat, `Conversation #${conversationId}`, vscode.ViewColumn.Active, {});
    await api.chat.deserializeWebviewPanel(foreign, { version: 1, conversationId, scope: 'https://elsewhere.example#1', drafts: {}, unsent: {} });
    assert.equal(api.chat.openConversations.length, before);
    foreign.dispose();
  });

  test('messages that arrive while the connection is down appear after the reconnect', async () => {
    server.control.refuseUpgrades(503);
    server.control.dropSockets({ closeFrame: false });
    await connectionState(api, 'reconnecting');
    const text = `Sent while you were away ${Date.now()}`;
    server.control.contactMessage(conversationId, text);
    server.control.refuseUpgrades(null);
    await vscode.commands.executeCommand(Commands.reconnect);
    await connectionState(api, 'connected');
    await shown(text);
    assert.equal(await count(text), 1);
  });

  /** Resolves once the connection's "behind" list satisfies `ok` (what the status bar reads). */
  function behindUntil(ok: (behind: readonly string[]) => boolean, what: string): Promise<void> {
    return untilEvent([api.connection.onDidChangeBehind], () => ok(api.connection.behind), what, 15000);
  }
  const requestsSince = (mark: number) => server.control.happenings(mark).flatMap((h) => (h.kind === 'request' ? [h] : []));
  const bannerHidden = () => evaluateInWebview('.msg__content', () => document.querySelector('.banner--behind')?.hidden ?? null, null);

  test('a catch-up that fails after a reconnect is retried: the banner shows, then the missed message, and the banner goes', async () => {
    await inWebview({ op: 'text', selector: '.msg__content' }); // shown: the next GET …/messages is the catch-up
    server.control.refuseUpgrades(503);
    server.control.dropSockets({ closeFrame: false });
    await connectionState(api, 'reconnecting');
    const text = `Missed while the server struggled ${Date.now()}`;
    server.control.contactMessage(conversationId, text);
    // The catch-up's `GET …/messages?after=` fails three times; the old chat gave up after four.
    server.control.failNext(3, 500, `/conversations/${conversationId}/messages`);
    const mark = server.control.mark();
    server.control.refuseUpgrades(null);
    await vscode.commands.executeCommand(Commands.reconnect);
    await connectionState(api, 'connected');
    const key = `conversation #${conversationId}`;
    await behindUntil((b) => b.includes(key), 'the chat to report itself behind');
    await inWebview({ op: 'text', selector: '.banner--behind', hasText: 'may be out of date' });
    await shown(text);
    await behindUntil((b) => !b.includes(key), 'the chat to report itself caught up');
    await pollUntil(async () => (await bannerHidden()) === true, 'the banner to go');
    assert.equal(await count(text), 1);
    const failed = requestsSince(mark).filter((r) => r.path.endsWith(`/conversations/${conversationId}/messages`) && r.status === 500);
    assert.equal(failed.length, 3, 'each failure met the server');
  });

  test('a reply typed while the cable is down is queued, then delivered once when it returns', async () => {
    await inWebview({ op: 'text', selector: '.msg__content' });
    server.control.refuseUpgrades(503);
    server.control.dropSockets({ closeFrame: false });
    await connectionState(api, 'reconnecting');
    const text = `Written while offline ${Date.now()}`;
    const mark = server.control.mark();
    const posts = () => requestsSince(mark).filter((r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversationId}/messages`));
    await inWebview({ op: 'fill', selector: '.composer__input', value: text });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    assert.equal(await inWebview({ op: 'text', selector: '.msg--queued .msg__status' }), 'Queued — will send when connected');
    assert.equal(posts().length, 0, 'nothing was sent while offline');

    server.control.refuseUpgrades(null);
    await vscode.commands.executeCommand(Commands.reconnect);
    await connectionState(api, 'connected');
    await pollUntil(async () => (await serverMessages()).some((m) => m.content === text), 'the queued reply on the server');
    await pollUntil(async () => (await count(text)) === 1 && (await evaluateInWebview('.msg__content', () => document.querySelectorAll('.msg--pending').length, null)) === 0, 'the queued bubble to become the message');
    assert.equal((await serverMessages()).filter((m) => m.content === text).length, 1, 'delivered once');
    assert.equal(posts().length, 1, 'one POST');
  });

  test('signing out empties the chat: nothing of this installation stays on screen', async () => {
    await inWebview({ op: 'text', selector: '.msg__content' });
    await api.session.signOut('test');
    await connectionState(api, 'signed-out');
    assert.equal(api.chat.sidebarConversation, undefined);
    assert.equal(api.visibleConversations.isVisible({ accountId: server.accountId, conversationId }), false);
    await inWebview({ op: 'text', selector: '.empty, [class*="empty"]' });
  });
});
