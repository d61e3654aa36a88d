import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContextKeys, Commands, Settings } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { activeExtension, signInAsDemoAgent, signOutAndStop, connectionState, setSetting } from '../helpers/host/extension';
import { answerQuickInput, clickNotificationButton, setWindowFocused } from '../helpers/host/window';
import { pollUntil, within } from '../helpers/wait';
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
  return pollUntil(() => {
    const log = logText(api);
    return log.includes(text) ? log : undefined;
  }, () => `the log to contain "${text}"; it has:\n${logText(api).slice(-2000)}`, 10000, 100);
}

function sessionChange(api: ExtensionApi, signedIn: boolean): Promise<void> {
  return within(new Promise<void>((resolve) => {
    const sub = api.session.onDidChange((s) => {
      if ((s !== undefined) === signedIn) {
        sub.dispose();
        resolve();
      }
    });
  }), signedIn ? 'sign-in' : 'sign-out', 20000);
}

suite('Sign-in, session and connection', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;

  suiteSetup(async () => {
    api = await activeExtension();
    server = await startServer({ pingIntervalMs: 1000 });
    // Short heartbeats keep the windows that must hold none short; set before any connection.
    await setSetting(Settings.heartbeatSeconds, 5);
  });

  suiteTeardown(async () => {
    await setSetting(Settings.heartbeatSeconds, undefined);
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

  /** An `update_presence` the demo agent's client performed (a subscribe also refreshes presence: not this). */
  const performedByDemoAgent = (h: { userId: number; via: string }) => h.userId === server.demoUserId && h.via === 'update_presence';
  const isPing = (p: { paused: boolean; sockets: number }) => !p.paused && p.sockets > 0;

  /** The server's clock: waits for `n` more pings after `since`, returns the last one's mark. */
  async function pingsAfter(since: number, n: number): Promise<number> {
    for (let i = 0; i < n; i++) since = (await server.control.waitForKind('ping', isPing, 5000, since)).seq;
    return since;
  }

  /**
   * The positive control: two heartbeats after `since`, as the server received them, and how
   * many server pings fell between them. A window longer than that would hold a heartbeat.
   */
  async function heartbeatGapInPings(since: number): Promise<number> {
    const first = await server.control.waitForKind('heartbeat', performedByDemoAgent, 10000, since);
    const second = await server.control.waitForKind('heartbeat', performedByDemoAgent, 10000, first.seq);
    const gap = server.control.happenings(first.seq).filter((h) => h.seq < second.seq && h.kind === 'ping' && isPing(h)).length;
    // 5 s heartbeats (set in suiteSetup) let about five 1 s pings pass.
    assert.ok(gap >= 3, `heartbeats ${second.at - first.at} ms apart, ${gap} pings between`);
    return gap;
  }

  /** The server receives no heartbeat from the next ping on, over `pings` more. */
  async function noHeartbeatsOver(pings: number, why: string): Promise<void> {
    const start = await pingsAfter(server.control.mark(), 1);
    const end = await pingsAfter(start, pings);
    const received = server.control.happenings(start).filter((h) => h.seq <= end && h.kind === 'heartbeat' && performedByDemoAgent(h));
    assert.deepEqual(received, [], why);
  }

  /** A settings change rebuilds the connection: resolves once it is connected again. */
  async function reconnectedAfter(change: () => Thenable<void> | Promise<void>): Promise<void> {
    const rebuilding = within(new Promise<void>((resolve) => {
      const sub = api.connection.onDidChangeState((st) => {
        if (st.kind === 'connecting') {
          sub.dispose();
          resolve();
        }
      });
    }), 'the connection to be rebuilt', 10000);
    await change();
    await rebuilding;
    await connectionState(api, 'connected');
  }

  test('sends presence heartbeats while the real window is focused, and none while it is not', async function () {
    this.timeout(60000);
    await connectionState(api, 'connected');
    await setWindowFocused(false);
    let mark = server.control.mark();
    await setWindowFocused(true);
    const gap = await heartbeatGapInPings(mark);

    await setWindowFocused(false);
    await noHeartbeatsOver(gap + 2, 'a blurred window sends no heartbeat');

    mark = server.control.mark();
    await setWindowFocused(true);
    await server.control.waitForKind('heartbeat', performedByDemoAgent, 5000, mark);
  });

  test('chatwoot.presence.mode: whileOpen keeps heartbeats going while blurred; off sends none', async function () {
    this.timeout(60000);
    await connectionState(api, 'connected');
    try {
      await setWindowFocused(false);
      let mark = server.control.mark();
      await reconnectedAfter(() => setSetting('presence.mode', 'whileOpen'));
      const gap = await heartbeatGapInPings(mark);
      assert.equal(vscode.window.state.focused, false, 'blurred, and still online');

      await setWindowFocused(true);
      await reconnectedAfter(() => setSetting('presence.mode', 'off'));
      await noHeartbeatsOver(gap + 2, 'presence mode off: none even while focused');
      api.statusItem.update();
      assert.match(api.statusItem.view!.tooltip, /not sent \(chatwoot\.presence\.mode is off\)/);

      mark = server.control.mark();
      await reconnectedAfter(() => setSetting('presence.mode', undefined));
      await server.control.waitForKind('heartbeat', performedByDemoAgent, 5000, mark);
    } finally {
      await setWindowFocused(true);
      if (vscode.workspace.getConfiguration('chatwoot').inspect('presence.mode')?.globalValue !== undefined) {
        await reconnectedAfter(() => setSetting('presence.mode', undefined));
      }
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
    const mark = server.control.mark();
    await vscode.commands.executeCommand(Commands.signOut);
    await signedOut;
    await server.control.waitForKind('socket_closed', () => true, 5000, mark);
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
