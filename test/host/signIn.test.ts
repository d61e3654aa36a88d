import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContextKeys, Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { activeExtension, signInAsDemoAgent, signOutAndStop, connectionState, setSetting, within } from '../helpers/host/extension';
import { answerQuickInput, clickNotificationButton, setWindowFocused } from '../helpers/host/window';
import { FakeChatwoot, startServer } from '../server';

/** Every file under the extension's log folder, where VS Code writes the log channel. */
function logText(api: ExtensionApi): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) files.push(p);
    }
  };
  walk(api.logUri.fsPath);
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

async function logContaining(api: ExtensionApi, text: string): Promise<string> {
  // The channel's file is written asynchronously; wait until the line we expect is in it.
  const deadline = Date.now() + 10000;
  for (;;) {
    const log = logText(api);
    if (log.includes(text)) return log;
    if (Date.now() > deadline) throw new Error(`the log never contained "${text}"; it has:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function sessionChange(api: ExtensionApi, signedIn: boolean): Promise<void> {
  return within(new Promise<void>((resolve) => {
    const sub = api.session.onDidChange((s) => {
      if ((s !== undefined) === signedIn) {
        sub.dispose();
        resolve();
      }
    });
  }), 20000, signedIn ? 'sign-in' : 'sign-out');
}

suite('Sign-in, session and connection', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;

  suiteSetup(async () => {
    api = await activeExtension();
    server = await startServer({ pingIntervalMs: 1000 });
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('Sign In drives the real input boxes, validates the token, stores it only in SecretStorage, and connects', async () => {
    assert.equal(api.contextKeys.get(ContextKeys.signedIn), false);
    const signedIn = sessionChange(api, true);
    const flow = vscode.commands.executeCommand(Commands.signIn);
    await answerQuickInput('installation address', server.url);
    await answerQuickInput('access token', server.demoToken);
    await signedIn;
    assert.equal(await flow, true);

    assert.equal(api.contextKeys.get(ContextKeys.signedIn), true);
    assert.equal(api.session.current?.baseUrl, server.url);
    assert.equal(api.session.current?.accountId, server.accountId);
    assert.equal(await api.tokens.get(server.url), server.demoToken, 'the token is in SecretStorage');
    assert.equal(vscode.workspace.getConfiguration('chatwoot').get('baseUrl'), server.url);
    const settings = JSON.stringify(['baseUrl', 'cableUrl', 'presence'].map((k) => vscode.workspace.getConfiguration('chatwoot').inspect(k)));
    assert.ok(!settings.includes(server.demoToken), 'the token is not in any setting');

    await connectionState(api, 'connected');
    const subscribed = server.control.happenings().find((h) => h.kind === 'subscribed' && h.userId === server.demoUserId);
    assert.ok(subscribed, 'the server confirmed a RoomChannel subscription for the demo agent');
    assert.ok(server.control.requests().some((r) => r.path === '/api/v1/profile'), 'the token was checked with the profile API');

    const log = await logContaining(api, 'connection: connected');
    for (const secret of [server.demoToken, server.user(server.demoUserId).pubsubToken]) {
      assert.ok(!log.includes(secret), 'a token leaked into the log');
    }
  });

  test('a wrong token gets a clear error, and Try Again asks only for the token again', async () => {
    await api.session.signOut('test');
    const signedIn = sessionChange(api, true);
    const flow = vscode.commands.executeCommand(Commands.signIn);
    await answerQuickInput('installation address', server.url);
    await answerQuickInput('access token', 'not-the-right-token-123');
    await clickNotificationButton('Invalid Access Token', 'Try Again');
    // The address is kept: the next prompt is the token one, naming the same installation.
    await answerQuickInput(`access token for ${server.url}`, server.demoToken);
    await signedIn;
    assert.equal(await flow, true);
    assert.equal(await api.tokens.get(server.url), server.demoToken);
  });

  test('sends presence heartbeats while the real window is focused, and none while it is not', async () => {
    await connectionState(api, 'connected');
    assert.equal(api.connection.isSendingHeartbeats, true);
    await setWindowFocused(false);
    assert.equal(api.connection.isSendingHeartbeats, false, 'a blurred window stops heartbeats');
    const mark = server.control.mark();
    await setWindowFocused(true);
    assert.equal(api.connection.isSendingHeartbeats, true);
    await server.control.waitForKind('heartbeat', (h) => h.userId === server.demoUserId, 5000, mark);
  });

  test('chatwoot.presence.mode: whileOpen keeps heartbeats going while blurred; off sends none', async () => {
    await connectionState(api, 'connected');
    /** A settings change rebuilds the connection: resolves once it is connected again. */
    const reconnectedAfter = async (change: () => Thenable<void> | Promise<void>) => {
      const rebuilding = within(new Promise<void>((resolve) => {
        const sub = api.connection.onDidChangeState((st) => {
          if (st.kind === 'connecting') {
            sub.dispose();
            resolve();
          }
        });
      }), 10000, 'the connection to be rebuilt');
      await change();
      await rebuilding;
      await connectionState(api, 'connected');
    };
    try {
      await setWindowFocused(false);
      assert.equal(api.connection.isSendingHeartbeats, false);
      const mark = server.control.mark();
      await reconnectedAfter(() => setSetting('presence.mode', 'whileOpen'));
      await server.control.waitForKind('heartbeat', (h) => h.userId === server.demoUserId, 5000, mark);
      assert.equal(api.connection.isSendingHeartbeats, true, 'blurred, and still online');

      await setWindowFocused(true);
      await reconnectedAfter(() => setSetting('presence.mode', 'off'));
      assert.equal(api.connection.isSendingHeartbeats, false, 'focused, and no heartbeats');
      api.statusItem.update();
      assert.match(api.statusItem.view!.tooltip, /not sent \(chatwoot\.presence\.mode is off\)/);
    } finally {
      await setWindowFocused(true);
      await reconnectedAfter(() => setSetting('presence.mode', undefined));
    }
  });

  test('after a dropped connection it reconnects and signals one resync', async () => {
    await connectionState(api, 'connected');
    const resyncs: string[] = [];
    const sub = api.connection.onDidResync((r) => resyncs.push(r.reason));
    try {
      const mark = server.control.mark();
      server.control.dropSockets({ closeFrame: false });
      await connectionState(api, 'reconnecting');
      await connectionState(api, 'connected');
      await server.control.waitForKind('subscribed', (h) => h.userId === server.demoUserId, 5000, mark);
      assert.deepEqual(resyncs, ['reconnected']);
    } finally {
      sub.dispose();
    }
  });

  test('Sign Out deletes the token, closes the connection and clears the context key', async () => {
    const signedOut = sessionChange(api, false);
    await vscode.commands.executeCommand(Commands.signOut);
    await signedOut;
    assert.equal(await api.tokens.get(server.url), undefined);
    assert.equal(api.contextKeys.get(ContextKeys.signedIn), false);
    assert.equal(api.connection.state.kind, 'signed-out');
    assert.equal(api.connection.account, undefined);
  });

  test('a revoked token signs out, keeping nothing', async () => {
    await signInAsDemoAgent(api, server);
    await connectionState(api, 'connected');
    const signedOut = sessionChange(api, false);
    server.control.revokeAccessToken(server.demoUserId);
    // The next reconnect refetches the profile with the now-invalid token.
    server.control.dropSockets({ closeFrame: true });
    await signedOut;
    assert.equal(api.contextKeys.get(ContextKeys.signedIn), false);
    assert.equal(await api.tokens.get(server.url), undefined);
  });
});
