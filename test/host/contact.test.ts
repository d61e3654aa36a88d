import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Views } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { ConversationNode } from '../../src/views/tree/nodes';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { inWebview, setWindowFocused } from '../helpers/host/window';
import { untilEvent } from '../helpers/wait';
import { FakeChatwoot } from '../server';

type ServerConversation = { id: number; inbox_id: number; meta: { sender: { id: number; name: string } } };

suite('Contact view against the stand-in server', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  /** Assigned to the demo agent, in the web widget inbox. */
  let current: ServerConversation;
  /** An earlier conversation of the same customer. */
  let earlier: number;
  /** Another customer's conversation. */
  let other: ServerConversation;

  const headers = () => ({ api_access_token: server.demoToken, 'content-type': 'application/json' });

  /** Waits, on the view's own updates and the connection's events (never a sleep), for `predicate`. */
  const until = (what: string, predicate: () => boolean, ms = 15000) =>
    untilEvent([api.contact.onDidShow, api.connection.onDidReceiveEvent, api.conversations.provider.onDidRefresh, api.chat.onDidChangeActiveConversation], predicate, what, ms);

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=all&status=open`, { headers: headers() });
    const list = ((await res.json()) as { data: { payload: ServerConversation[] } }).data.payload;
    const mine = list.find((c) => c.inbox_id === 1);
    assert.ok(mine, 'the seed has an open web-widget conversation');
    current = mine;
    const someoneElse = list.find((c) => c.meta.sender.id !== mine.meta.sender.id);
    assert.ok(someoneElse, 'the seed has another customer');
    other = someoneElse;
    const contactId = current.meta.sender.id;
    earlier = server.control.newConversation({ inboxId: 1, content: 'An earlier question about invoices', contactId }).id as number;
    server.control.setContactLabels(contactId, ['vip']);
    server.control.addContactNote(contactId, 'Prefers e-mail over calls', 2);
    await vscode.commands.executeCommand(`${Views.contact}.focus`);
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('follows the conversation opened in the sidebar chat and in an editor tab', async () => {
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: current.id });
    await until('the card of the sidebar conversation', () => api.contact.card?.conversationId === current.id);
    assert.equal(await inWebview({ op: 'text', selector: '.contact__name' }), current.meta.sender.name);
    assert.equal(await inWebview({ op: 'count', selector: '.contact__note-text', hasText: 'Prefers e-mail over calls' }), 1);
    assert.equal(await inWebview({ op: 'text', selector: '.contact__label' }), 'vip');
    assert.match(String(await inWebview({ op: 'text', selector: '.contact__fields', hasText: 'Browser' })), /Referrer/, "this conversation's info");

    await vscode.commands.executeCommand(Commands.openConversationInEditor, { accountId: server.accountId, conversationId: other.id });
    await until('the card of the editor tab', () => api.contact.card?.conversationId === other.id);
    await inWebview({ op: 'text', selector: '.contact__name', hasText: other.meta.sender.name });

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await until('back to the sidebar conversation', () => api.contact.card?.conversationId === current.id);
    await inWebview({ op: 'text', selector: '.contact__name', hasText: current.meta.sender.name });
  });

  test('a note typed in the view reaches the server and shows', async () => {
    await until('the card', () => api.contact.card?.conversationId === current.id);
    const contactId = current.meta.sender.id;
    const text = `Asked for a refund ${Date.now()}`;
    const mark = server.control.mark();
    await inWebview({ op: 'fill', selector: '.contact__note-input', value: text });
    await inWebview({ op: 'click', selector: '.contact__note-form button' });
    await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/contacts/${contactId}/notes`) && r.status === 200, 10000, mark);
    const saved = server.control.contactNotes(contactId)[0];
    assert.equal(saved.content, text);
    assert.equal(saved.userId, server.demoUserId, 'written by the signed-in agent');
    assert.equal(await inWebview({ op: 'count', selector: '.contact__note-text', hasText: text }), 1);
    assert.equal(await inWebview({ op: 'value', selector: '.contact__note-input' }), '', 'the input cleared');
  });

  test('clicking a previous conversation opens it in the chat', async () => {
    await until('the card', () => api.contact.card?.conversationId === current.id);
    await inWebview({ op: 'click', selector: `.contact__conversation[data-conversation-id="${earlier}"]` });
    await until('the chat opened it', () => api.chat.sidebarConversation?.conversationId === earlier);
    await until('the view follows it', () => api.contact.card?.conversationId === earlier);
    assert.equal(await inWebview({ op: 'count', selector: `.contact__conversation[data-conversation-id="${current.id}"]` }), 1, 'the other one is now listed');
  });

  test("the customer's presence from presence.update shows on the tree row, in the chat header and in the view", async () => {
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: current.id });
    await until('the card', () => api.contact.card?.conversationId === current.id);
    const contactId = current.meta.sender.id;
    const row = () => {
      const provider = api.conversations.provider;
      const node = provider.getChildren(provider.groupNode('all')).find((n): n is ConversationNode => n.kind === 'conversation' && n.conversationId === current.id);
      return node && provider.getTreeItem(node);
    };
    assert.doesNotMatch(String(row()?.description), /Online/);

    server.control.setContactOnline(contactId, true);
    // Agents hear of it in their next heartbeat's presence.update; refocusing sends one at once.
    await setWindowFocused(false);
    await setWindowFocused(true);
    await until('the row says online', () => /^● Online/.test(String(row()?.description)));
    assert.equal(api.contact.card?.online, true);
    assert.equal(await inWebview({ op: 'text', selector: '.contact__presence--online' }), 'Online');
    assert.equal(await inWebview({ op: 'text', selector: '.header .badge--online' }), 'Online');

    server.control.setContactOnline(contactId, false);
    await setWindowFocused(false);
    await setWindowFocused(true);
    await until('the row no longer says online', () => !/Online/.test(String(row()?.description)));
    assert.equal(api.contact.card?.online, false);
    assert.doesNotMatch(String(await inWebview({ op: 'text', selector: '.header__badges' })), /Online/);
    assert.equal(await inWebview({ op: 'text', selector: '.contact__presence' }), 'Offline');
  });
});
