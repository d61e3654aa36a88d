import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AuthenticationProviders } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { Profile } from '../../src/model/profile';
import { activeExtension, connectionState, signInAsDemoAgent, signOutAndStop } from '../helpers/host/extension';
import { answerQuickInput } from '../helpers/host/window';
import { within } from '../helpers/wait';
import { FakeChatwoot, startServer } from '../server';

/** The next change VS Code announces for the `chatwoot` provider. */
function sessionsChanged(): Promise<void> {
  return within(new Promise<void>((resolve) => {
    const sub = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === AuthenticationProviders.chatwoot) {
        sub.dispose();
        resolve();
      }
    });
  }), 'VS Code to announce a change of Chatwoot sessions', 10000);
}

suite('Accounts menu (authentication provider)', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let profile: Profile;

  suiteSetup(async () => {
    api = await activeExtension();
    server = await startServer({ pingIntervalMs: 1000 });
    const res = await fetch(`${server.url}/api/v1/profile`, { headers: { api_access_token: server.demoToken } });
    profile = Profile.parse(await res.json());
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('the signed-in agent is the provider\'s one session, named with installation and account; removing it signs out', async () => {
    assert.deepEqual(await api.accounts.getSessions(), [], 'no session while signed out');
    const added = sessionsChanged();
    await signInAsDemoAgent(api, server);
    await added;
    await connectionState(api, 'connected');

    const [session, ...more] = await api.accounts.getSessions();
    assert.equal(more.length, 0);
    const accountName = profile.accounts.find((a) => a.id === server.accountId)!.name;
    assert.ok(session.account.label.includes(accountName), `the label names the account: ${session.account.label}`);
    assert.ok(session.account.label.includes(new URL(server.url).host), `the label names the installation: ${session.account.label}`);

    const mark = server.control.mark();
    const removed = sessionsChanged();
    await api.accounts.removeSession(session.id);
    await removed;
    await server.control.waitForKind('socket_closed', () => true, 5000, mark);
    assert.equal(api.session.current, undefined, 'signed out here');
    assert.equal(await api.tokens.get(server.url), undefined, 'the token is gone from SecretStorage');
    assert.deepEqual(await api.accounts.getSessions(), []);
  });

  test('signing in from the Accounts menu runs the Sign In prompts', async () => {
    const created = api.accounts.createSession();
    await answerQuickInput('installation address', server.url);
    await answerQuickInput('access token', server.demoToken);
    const session = await created;
    assert.equal(api.session.current?.baseUrl, server.url);
    assert.equal(session.id, (await api.accounts.getSessions())[0]?.id);
    await connectionState(api, 'connected');
  });
});
