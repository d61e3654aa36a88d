import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { connectionState, signedInToStandIn, signInAsDemoAgent, signOutAndStop } from '../helpers/host/extension';
import { inWebview } from '../helpers/host/window';
import { pollUntil } from '../helpers/wait';
import { FakeChatwoot } from '../server';

/** Polled: the draft reaches the host on a timer, which no event announces. */
const until = (check: () => boolean, what: string) => pollUntil(check, what);

suite('Sign-out forgets drafts and unsent replies', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('a draft typed before Sign Out is gone from the host, the view and the composer after signing in again', async () => {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: { api_access_token: server.demoToken } });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number; can_reply?: boolean }> } };
    const conversationId = list.data.payload.find((c) => c.inbox_id === 1 && c.can_reply !== false)?.id;
    assert.ok(conversationId, 'the seed has an open web-widget conversation assigned to the demo agent');
    const key = `${server.url}#${server.accountId}/${conversationId}`;
    const open = () => vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId });
    await open();
    const draft = `Unsent words for the customer ${Date.now()}`;
    await inWebview({ op: 'fill', selector: '.composer__input', value: draft });
    await until(() => api.chat.drafts.get(key)?.text === draft, 'the draft to reach the host');

    await vscode.commands.executeCommand(Commands.signOut);
    assert.equal(api.chat.drafts.size, 0, 'the host keeps no draft');
    assert.equal(api.chat.outbox.items(key).length, 0);
    // The view shows the signed-out hint (it has forgotten its own copy by then).
    await inWebview({ op: 'text', selector: '.empty__text', hasText: 'Sign in' });

    await signInAsDemoAgent(api, server);
    await connectionState(api, 'connected');
    await open();
    await inWebview({ op: 'text', selector: '.msg__content' });
    assert.equal(await inWebview({ op: 'value', selector: '.composer__input' }), '', 'the composer opens empty');
  });
});
