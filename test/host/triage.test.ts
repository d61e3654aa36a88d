import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Views } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { ConversationNode } from '../../src/views/tree/nodes';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { answerQuickInput, evaluateInWebview, inWebview, pickFromQuickPick, pressKey } from '../helpers/host/window';
import { pollUntil, untilEvent } from '../helpers/wait';
import { FakeChatwoot, USERS } from '../server';

// The page's globals, for the functions that run inside the chat webview.
declare const document: { querySelector(s: string): { textContent: string | null } | null; body: unknown };
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData: boolean }): void;
  disconnect(): void;
}

/**
 * Labels, priority, team and "Assign to…" driven as an agent drives them: the real quick picks,
 * the chat header's buttons, the row's menu command and the keybinding. Each asserts what the
 * stand-in received, then the tree row and the chat header once the server's event has come back.
 */
suite('Triage: labels, priority, team and assignee', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let id: number;

  const provider = () => api.conversations.provider;
  const rowNode = () => provider().getChildren(provider().groupNode('all')).find((n): n is ConversationNode => n.kind === 'conversation' && n.conversationId === id);
  const row = () => {
    const node = rowNode();
    return node ? provider().getTreeItem(node) : undefined;
  };
  const tooltip = () => {
    const t = row()?.tooltip;
    return t instanceof vscode.MarkdownString ? t.value : String(t ?? '');
  };
  const serverConversation = () => server.store.conversations.get(id)!;

  /** Waits on the tree's refreshes and the connection's events (never a sleep) for `predicate`. */
  const until = (what: string, predicate: () => boolean, ms?: number) =>
    untilEvent([provider().onDidRefresh, api.connection.onDidReceiveEvent], predicate, () => `${what}; row: ${String(row()?.description)} | ${tooltip().replace(/\s+/g, ' ')}`, ms);

  /**
   * Waits until the chat header no longer shows `text` (the runner's ops wait for what is there;
   * this waits for what went), watching the header's DOM rather than sleeping.
   */
  const headerLoses = (text: string) =>
    evaluateInWebview(
      '.header__badges',
      (gone: string) =>
        new Promise<boolean>((resolve, reject) => {
          const badges = () => document.querySelector('.header__badges')?.textContent ?? '';
          if (!badges().includes(gone)) return resolve(true);
          const observer = new MutationObserver(() => {
            if (badges().includes(gone)) return;
            observer.disconnect();
            resolve(true);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => reject(new Error(`the header still shows ${gone}: ${badges()}`)), 10000);
        }),
      text,
    );

  /** The POST the stand-in received for this conversation since `mark`. */
  const posted = (pathEnd: string, mark: number) =>
    server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${id}${pathEnd}`), 10000, mark);
  /** The conversation event the server broadcast after the change (what confirms it). */
  const broadcast = (event: string, mark: number) => server.control.waitForKind('broadcast', (b) => b.event === event, 10000, mark);

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    const store = () => api.conversations.store;
    await until('the first load', () => api.conversations.sync?.isLoaded === true);
    await api.conversations.whenIdle();
    // An open web-widget conversation in the list, with no team and no priority to begin with.
    const pick = [...store()!.conversations.values()].find((c) => c.inboxId === 1 && c.status === 'open' && store()!.isMember(c, 'all'));
    assert.ok(pick, 'an open Website conversation in All');
    id = pick.id;
    server.control.assignTeam(id, null);
    await until('no team', () => store()?.get(id)?.teamId === null);
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: id });
    // A loading chat takes focus when its page arrives, which would close a quick pick opened now.
    await inWebview({ op: 'text', selector: '.header__where', hasText: `#${id}` });
  });

  suiteTeardown(async () => {
    server.control.reset();
    await signOutAndStop(api, server);
  });

  // First: the tree must have the keyboard focus, which later tests' pickers and toasts take.
  test('Ctrl+Alt+L edits the labels of the row selected in the tree, and of the conversation in a focused chat', async () => {
    const store = api.conversations.store!;
    const other = [...store.conversations.values()].find((c) => c.id !== id && store.isMember(c, 'all'))!;
    const otherNode = provider().getChildren(provider().groupNode('all')).find((n): n is ConversationNode => n.kind === 'conversation' && n.conversationId === other.id)!;
    const mark = server.control.mark();
    await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    await api.conversations.view.reveal(otherNode, { select: true, focus: true });
    await pressKey('Control+Alt+KeyL');
    // Accepted as shown: nothing changed, so nothing is posted.
    await answerQuickInput(`Edit Labels of Conversation #${other.id}`);
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Control+Alt+KeyL' });
    await answerQuickInput(`Edit Labels of Conversation #${id}`);
    // A change made after both: had either picker posted labels, it would be logged before this.
    await vscode.commands.executeCommand(Commands.setPriority, id, 'medium');
    await posted('/toggle_priority', mark);
    assert.deepEqual(server.control.happenings(mark).filter((h) => h.kind === 'request' && h.path.endsWith('/labels') && h.method === 'POST'), []);
  });

  test('Edit Labels… from the row\'s menu: a multi-select of the account\'s labels; the set is posted whole; row and header show it', async () => {
    const before = [...serverConversation().labels];
    const adding = ['vip', 'refund'].find((l) => !before.includes(l))!;
    const mark = server.control.mark();
    const done = vscode.commands.executeCommand(Commands.editLabels, rowNode());
    const rows = await pickFromQuickPick(`Edit Labels of Conversation #${id}`, adding, adding);
    assert.ok(rows.some((r) => r.includes(adding) && /green|pink/.test(r)), `the colour named: ${rows.join(' | ')}`);
    await pressKey('Enter');
    await done;
    const req = await posted('/labels', mark);
    assert.deepEqual(req.body, { labels: [...before, adding] });
    await broadcast('conversation.updated', mark);
    assert.deepEqual(serverConversation().labels, [...before, adding]);
    await until(`the row to show [${adding}]`, () => String(row()?.description).includes(`[${adding}]`) && tooltip().includes(adding));
    await inWebview({ op: 'text', selector: '.header .label-chip', hasText: adding });

    // Untick it again: the labels the conversation had are posted, and the chip goes.
    const mark2 = server.control.mark();
    const undo = vscode.commands.executeCommand(Commands.editLabels, rowNode());
    await pickFromQuickPick(`Edit Labels of Conversation #${id}`, adding, adding);
    await pressKey('Enter');
    await undo;
    assert.deepEqual((await posted('/labels', mark2)).body, { labels: before });
    await broadcast('conversation.updated', mark2);
    await until(`[${adding}] gone from the row`, () => !String(row()?.description).includes(`[${adding}]`));
    await headerLoses(adding);
  });

  test('Set Priority… from the palette acts on the conversation last focused: the chat clicked after a row was selected', async () => {
    const store = api.conversations.store!;
    // Not the row the keybinding test selected: selecting a row again changes nothing.
    const selected = api.conversations.view.selection[0];
    const other = [...store.conversations.values()].find((c) => c.id !== id && store.isMember(c, 'all') && !(selected?.kind === 'conversation' && selected.conversationId === c.id))!;
    const otherNode = provider().getChildren(provider().groupNode('all')).find((n): n is ConversationNode => n.kind === 'conversation' && n.conversationId === other.id)!;
    await api.conversations.view.reveal(otherNode, { select: true, focus: true });
    await until('the selected row to be the target', () => api.conversations.focused === other.id);
    await inWebview({ op: 'click', selector: '.composer__input' });
    await pollUntil(() => api.conversations.focused === id, 'the chat to report its focus', 10000, 20);
    const mark = server.control.mark();
    const done = vscode.commands.executeCommand(Commands.setPriority);
    await pickFromQuickPick(`Set Priority of Conversation #${id}`, 'Urg', 'Urgent');
    await done;
    assert.deepEqual((await posted('/toggle_priority', mark)).body, { priority: 'urgent' });
    await broadcast('conversation.updated', mark);
    assert.equal(serverConversation().priority, 'urgent');
    await until('the flame on the row', () => (row()?.iconPath as vscode.ThemeIcon | undefined)?.id === 'flame');
    await inWebview({ op: 'text', selector: '.header .badge--priority-urgent', hasText: 'Urgent' });
  });

  test('a refused change is rolled back: the row and header return to what the server has', async () => {
    const mark = server.control.mark();
    server.control.failNext(1, 500, `/conversations/${id}/toggle_priority`);
    await vscode.commands.executeCommand(Commands.setPriority, { accountId: server.accountId, conversationId: id }, 'low');
    const req = await posted('/toggle_priority', mark);
    assert.equal(req.status, 500);
    assert.equal(serverConversation().priority, 'urgent', 'the server kept its priority');
    await until('the row back to urgent', () => api.conversations.store?.get(id)?.priority === 'urgent' && (row()?.iconPath as vscode.ThemeIcon | undefined)?.id === 'flame');
    await inWebview({ op: 'text', selector: '.header .badge--priority-urgent', hasText: 'Urgent' });
    // Clearing works: "None" sends null.
    const mark2 = server.control.mark();
    const done = vscode.commands.executeCommand(Commands.setPriority, rowNode());
    await pickFromQuickPick(`Set Priority of Conversation #${id}`, 'None', 'None');
    await done;
    assert.deepEqual((await posted('/toggle_priority', mark2)).body, { priority: null });
    await broadcast('conversation.updated', mark2);
    await until('no priority on the row', () => (row()?.iconPath as vscode.ThemeIcon | undefined)?.id !== 'flame');
    await headerLoses('Urgent');
  });

  test('Assign Team… from the chat header, and "No team" to remove it', async () => {
    const team = [...server.store.teams.values()].find((t) => t.name === 'Technical')!;
    const mark = server.control.mark();
    await inWebview({ op: 'click', selector: '.header button[data-action="assignTeam"]' });
    await pickFromQuickPick(`Assign Team to Conversation #${id}`, 'Tech', 'Technical');
    assert.deepEqual((await posted('/assignments', mark)).body, { team_id: team.id });
    await broadcast('team.changed', mark);
    assert.equal(serverConversation().teamId, team.id);
    await until('the team in the row\'s tooltip', () => tooltip().includes('Team: Technical'));
    await inWebview({ op: 'text', selector: '.header .header__team', hasText: 'Technical' });

    const mark2 = server.control.mark();
    await inWebview({ op: 'click', selector: '.header button[data-action="assignTeam"]' });
    await pickFromQuickPick(`Assign Team to Conversation #${id}`, 'No team', 'No team');
    assert.deepEqual((await posted('/assignments', mark2)).body, { team_id: null });
    await broadcast('team.changed', mark2);
    await until('no team in the tooltip', () => !tooltip().includes('Team:'));
    await headerLoses('Technical');
  });

  test('Assign to…: searchable, the signed-in agent first, each agent\'s availability; the pick is posted', async () => {
    const me = server.store.users.get(USERS.priya)!;
    const sofia = server.store.users.get(USERS.sofia)!;
    const mark = server.control.mark();
    const done = vscode.commands.executeCommand(Commands.assignConversation, rowNode());
    const all = await pickFromQuickPick(`Assign Conversation #${id}`, '', '(you)');
    await done;
    assert.match(all[0], /\(you\)\s*online/, `me first, online by my heartbeats: ${all.join(' | ')}`);
    const firstName = (userId: number) => server.store.users.get(userId)!.name.split(' ')[0];
    assert.ok(all.some((r) => r.startsWith(firstName(USERS.aisha)) && r.endsWith('busy')), `auto_offline=false shows busy: ${all.join(' | ')}`);
    assert.ok(all.some((r) => r.startsWith(firstName(USERS.sofia)) && r.endsWith('offline')), all.join(' | '));
    const list = await server.control.waitForKind('request', (r) => r.method === 'GET' && r.path.endsWith('/assignable_agents'), 10000, mark);
    assert.deepEqual(list.query.inbox_ids, ['1']);
    assert.deepEqual((await posted('/assignments', mark)).body, { assignee_id: me.id });

    const mark2 = server.control.mark();
    const assigning = vscode.commands.executeCommand(Commands.assignConversation, rowNode());
    const first = sofia.name.split(' ')[0];
    const rows = await pickFromQuickPick(`Assign Conversation #${id}`, first, first);
    assert.ok(rows.length > 0 && rows.every((r) => r.includes(first)), `filtered by the typed name: ${rows.join(' | ')}`);
    await assigning;
    assert.deepEqual((await posted('/assignments', mark2)).body, { assignee_id: sofia.id });
    await broadcast('assignee.changed', mark2);
    await until('the assignee in the tooltip', () => tooltip().includes(`Assignee: ${sofia.name}`));
    await inWebview({ op: 'text', selector: '.header__assignee', hasText: `Assigned to ${sofia.name}` });
  });

  test('Ctrl+Alt+L is not bound by VS Code itself', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const bound = doc
      .getText()
      .split('\n')
      .filter((line) => /"key":\s*"ctrl\+alt\+l"/.test(line) && !line.includes('"chatwoot.'));
    assert.ok(doc.getText().length > 1000, 'the default keybindings were read');
    assert.deepEqual(bound, []);
  });
});
