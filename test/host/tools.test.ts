import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Tools } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { inWebview } from '../helpers/host/window';
import { pollUntil } from '../helpers/wait';
import { FakeChatwoot, USERS } from '../server';

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

suite('Copilot tools (vscode.lm)', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let conversationId: number;
  const stamp = Date.now();

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: { api_access_token: server.demoToken } });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number }> } };
    conversationId = list.data.payload.find((c) => c.inbox_id === 1)!.id;
    server.control.contactMessage(conversationId, `My parcel ${stamp} never arrived`);
    server.control.agentMessage(USERS.marcus, conversationId, `Internal ${stamp}: refund approved`, true);
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('the four tools are registered with VS Code', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    for (const name of Object.values(Tools)) assert.ok(names.includes(name), `${name} in vscode.lm.tools (${names.join(', ')})`);
  });

  test('list, read and search answer from the server as the agent sees it, private notes marked, never the token', async () => {
    const listed = await invoke(Tools.listConversations, { group: 'mine', status: 'open' });
    assert.ok(listed.includes(`#${conversationId} · open`), listed);

    const read = await invoke(Tools.readConversation, { conversationId });
    assert.match(read, new RegExp(`\\(contact\\): My parcel ${stamp} never arrived`));
    assert.match(read, new RegExp(`\\(agent\\) \\[private note — not visible to the contact\\]: Internal ${stamp}: refund approved`));

    const mark = server.control.mark();
    const found = await invoke(Tools.searchConversations, { query: `parcel ${stamp}` });
    assert.ok(found.startsWith(`#${conversationId} · `), found);
    await server.control.waitForKind('request', (r) => r.path.endsWith('/conversations/search'), 5000, mark);

    for (const out of [listed, read, found]) assert.ok(!out.includes(server.demoToken), 'no token in a tool result');
  });

  test('draftReply puts the text into the conversation\'s composer and sends nothing', async () => {
    const draft = `Sorry about parcel ${stamp}; a replacement is on its way.`;
    const mark = server.control.mark();
    const out = await invoke(Tools.draftReply, { conversationId, text: draft });
    assert.match(out, /not been sent/);
    await inWebview({ op: 'text', selector: '.header__where', hasText: `#${conversationId}` });
    // The composer takes the draft once the chat has loaded the conversation.
    await pollUntil(async () => (await inWebview({ op: 'value', selector: '.composer__input' })) === draft, 'the draft in the composer', 15000, 100);
    const posted = server.control.happenings(mark).filter((h) => h.kind === 'request' && h.method === 'POST' && h.path.endsWith('/messages'));
    assert.deepEqual(posted, [], 'no message was sent');
  });
});
