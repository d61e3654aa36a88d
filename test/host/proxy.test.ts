import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { Profile } from '../../src/model/profile';
import { ConnectProxy } from '../helpers/connectProxy';
import { activeExtension, connectionState, signOutAndStop } from '../helpers/host/extension';
import { answerQuickInput, clickNotificationButton, inWebview, workbenchText } from '../helpers/host/window';
import { pollUntil, within } from '../helpers/wait';
import { FakeChatwoot, startServer } from '../server';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/tls');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

// VS Code's extension host adds `https.globalAgent.testCertificates` to the certificates it trusts
// (those of the system store) when it runs extension tests: our stand-in for a CA the user added
// to the system store. It reads them once, on the first request, so this runs as the file loads.
(https.globalAgent as { testCertificates?: string[] }).testCertificates = [fixture('ca.pem').toString()];

/** VS Code sends 127.0.0.1 and localhost direct; nothing listens on 127.0.0.2, so only the proxy reaches the stand-in there. */
const VIA_PROXY = '127.0.0.2';

async function setHttp(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The demo agent's profile, read by the test itself without checking the certificate (the extension does check it). */
function profileIgnoringTrust(server: FakeChatwoot): Promise<Profile> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port: server.port, path: '/api/v1/profile', headers: { api_access_token: server.demoToken }, rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(Profile.parse(JSON.parse(body))));
      })
      .on('error', reject);
  });
}

/**
 * Runs `Chatwoot: Sign In`, answers its two prompts, then does `meanwhile` (a flow that fails waits
 * for a button of its error); resolves to what the flow returned.
 */
async function signInThroughPrompts(baseUrl: string, token: string, meanwhile?: () => Promise<void>): Promise<unknown> {
  const flow = vscode.commands.executeCommand(Commands.signIn);
  await answerQuickInput('installation address', baseUrl);
  await answerQuickInput('access token', token);
  await meanwhile?.();
  return flow;
}

suite('Proxies and certificates', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot | undefined;
  let proxy: ConnectProxy | undefined;

  suiteSetup(async () => {
    api = await activeExtension();
  });

  teardown(async () => {
    for (const key of ['proxy', 'proxyAuthorization', 'noProxy']) await setHttp(key, undefined);
    await signOutAndStop(api, server);
    await proxy?.stop();
    server = undefined;
    proxy = undefined;
  });

  test('with http.proxy set, sign-in, the cable, opening a conversation and a reply all go through the proxy', async () => {
    server = await startServer({ pingIntervalMs: 1000 });
    proxy = await ConnectProxy.start({ hosts: { [VIA_PROXY]: '127.0.0.1' } });
    // Set while the host runs: VS Code applies it without a reload.
    await setHttp('proxy', proxy.url);
    const authority = `${VIA_PROXY}:${server.port}`;
    assert.equal(await signInThroughPrompts(`http://${authority}`, server.demoToken), true, 'signed in');
    await connectionState(api, 'connected');
    // REST (fetch) tunnels with CONNECT; the ws:// cable is an absolute-URI upgrade request.
    await within(proxy.waitFor((r) => r.method === 'CONNECT' && r.target === authority), 'a CONNECT tunnel for REST', 5000);
    await within(proxy.waitFor((r) => r.upgrade && r.target === `http://${authority}/cable`), 'the cable through the proxy', 5000);

    const list = server.store.conversations;
    const conversation = [...list.values()].find((c) => c.inboxId === 1 && c.status === 'open' && c.assigneeId === server!.demoUserId);
    assert.ok(conversation, 'the seed has an open web-widget conversation');
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: conversation.displayId });
    const reply = `Through the proxy ${Date.now()}`;
    const mark = server.control.mark();
    await inWebview({ op: 'fill', selector: '.composer__input', value: reply });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    // The stand-in listens on 127.0.0.1 only: a request for 127.0.0.2 reached it through the proxy or not at all.
    await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith(`/conversations/${conversation.displayId}/messages`), 10000, mark);
    await inWebview({ op: 'text', selector: '.msg__content', hasText: reply });
  });
  test('an installation whose certificate authority is not trusted: the status bar names http.systemCertificates', async () => {
    server = await startServer({ pingIntervalMs: 1000, tls: { key: fixture('untrusted-server-key.pem'), cert: fixture('untrusted-server.pem') } });
    const profile = await profileIgnoringTrust(server);
    await api.session.signIn(server.url, server.demoToken, profile, server.accountId);
    await connectionState(api, 'reconnecting');
    const tooltip = () => (api.statusItem.view?.tooltip ?? '').replace(/\\(.)/g, '$1');
    await pollUntil(() => tooltip().includes('http.systemCertificates'), 'the tooltip to name http.systemCertificates');
    assert.ok(tooltip().includes(`127.0.0.1:${server.port}`), 'the tooltip names the installation');
    assert.ok(!server.control.happenings().some((h) => h.kind === 'subscribed'), 'nothing subscribed over the untrusted connection');
  });

  test('signing in to an installation whose certificate authority is not trusted: the error names http.systemCertificates, and Open Settings shows it', async () => {
    server = await startServer({ pingIntervalMs: 1000, tls: { key: fixture('untrusted-server-key.pem'), cert: fixture('untrusted-server.pem') } });
    // The toast is found by its text: the advice, not the raw "Could not open a secure connection".
    const openSettings = () => clickNotificationButton('add its authority to the system certificate store (http.systemCertificates)', 'Open Settings');
    assert.equal(await signInThroughPrompts(server.url, server.demoToken, openSettings), false, 'not signed in');
    try {
      // The Settings editor, its search filtered to that one setting.
      await workbenchText('.settings-editor .search-container', 'http.systemCertificates');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.equal(api.session.current, undefined);
  });

  test('a certificate authority VS Code trusts: sign-in and the wss:// cable tunnel through the proxy', async () => {
    server = await startServer({ pingIntervalMs: 1000, tls: { key: fixture('server-key.pem'), cert: fixture('server.pem') } });
    proxy = await ConnectProxy.start({ hosts: { [VIA_PROXY]: '127.0.0.1' } });
    await setHttp('proxy', proxy.url);
    const authority = `${VIA_PROXY}:${server.port}`;
    assert.equal(await signInThroughPrompts(`https://${authority}`, server.demoToken), true, 'signed in');
    await connectionState(api, 'connected');
    const subscribed = server.control.happenings().find((h) => h.kind === 'subscribed' && h.userId === server!.demoUserId);
    assert.ok(subscribed, 'the cable subscribed over wss://');
    // Both fetch and the wss:// socket tunnel; there is no other way to 127.0.0.2.
    assert.ok(proxy.log.every((r) => r.method === 'CONNECT' && r.target === authority), JSON.stringify(proxy.log));
  });

  test('a proxy that starts refusing: the status bar tooltip names http.proxy until it lets us through again', async () => {
    server = await startServer({ pingIntervalMs: 1000 });
    proxy = await ConnectProxy.start({ hosts: { [VIA_PROXY]: '127.0.0.1' } });
    await setHttp('proxy', proxy.url);
    assert.equal(await (await signInThroughPrompts(`http://${VIA_PROXY}:${server.port}`, server.demoToken)), true);
    await connectionState(api, 'connected');
    proxy.mode = 'reset';
    proxy.dropConnections();
    await connectionState(api, 'reconnecting');
    // The tooltip is Markdown: read it without its escapes, as it renders.
    const tooltip = () => (api.statusItem.view?.tooltip ?? '').replace(/\\(.)/g, '$1');
    await pollUntil(() => tooltip().includes('check http.proxy'), 'the tooltip to name http.proxy');
    assert.ok(tooltip().includes(proxy.url), 'the tooltip names the proxy');
    proxy.mode = 'pass';
    api.connection.reconnect();
    await connectionState(api, 'connected');
    assert.ok(!tooltip().includes('check http.proxy'), 'the advice is gone once connected');
  });
  test('http.noProxy sends the installation direct; clearing it reconnects through the proxy at once', async function () {
    this.timeout(60000);
    server = await startServer({ pingIntervalMs: 1000 });
    proxy = await ConnectProxy.start({ hosts: { [VIA_PROXY]: '127.0.0.1' } });
    await setHttp('proxy', proxy.url);
    await setHttp('noProxy', [VIA_PROXY]);
    const profile = Profile.parse(await (await fetch(`${server.url}/api/v1/profile`, { headers: { api_access_token: server.demoToken } })).json());
    await api.session.signIn(`http://${VIA_PROXY}:${server.port}`, server.demoToken, profile, server.accountId);
    // Direct to 127.0.0.2, where nothing listens: the cable cannot connect, and the proxy saw nothing.
    await connectionState(api, 'reconnecting');
    assert.deepEqual(proxy.log.filter((r) => r.target.includes(VIA_PROXY)), []);
    // A changed http.* setting retries at once, not after the backoff: wait for a long one first.
    const waiting = await within(new Promise<{ nextRetryAt: number }>((resolve) => {
      const sub = api.connection.onDidChangeState((s) => {
        if (s.kind === 'reconnecting' && s.delayMs >= 3000) {
          sub.dispose();
          resolve(s);
        }
      });
    }), 'a reconnect delay of 3 s or more', 30000);
    const connected = connectionState(api, 'connected', 10000);
    await setHttp('noProxy', undefined);
    await connected;
    assert.ok(Date.now() < waiting.nextRetryAt, 'connected before the backoff was over');
    assert.ok(proxy.log.some((r) => r.target.includes(VIA_PROXY)), 'then through the proxy');
  });
  test('a proxy that wants credentials: the status bar names http.proxyAuthorization', async () => {
    server = await startServer({ pingIntervalMs: 1000 });
    proxy = await ConnectProxy.start({ hosts: { [VIA_PROXY]: '127.0.0.1' }, mode: 'auth', authorization: 'Basic dTpw' });
    await setHttp('proxy', proxy.url);
    const profile = Profile.parse(await (await fetch(`${server.url}/api/v1/profile`, { headers: { api_access_token: server.demoToken } })).json());
    const tooltip = () => (api.statusItem.view?.tooltip ?? '').replace(/\\(.)/g, '$1');
    // Read at every state change: after a few refusals VS Code tries the installation directly, and the advice changes.
    const named = within(new Promise<void>((resolve) => {
      const sub = api.connection.onDidChangeState(() => {
        if (tooltip().includes('asks for credentials (HTTP 407): set http.proxyAuthorization')) {
          sub.dispose();
          resolve();
        }
      });
    }), 'the tooltip to name http.proxyAuthorization', 15000);
    await api.session.signIn(`http://${VIA_PROXY}:${server.port}`, server.demoToken, profile, server.accountId);
    await named;
    assert.ok(tooltip().includes(proxy.url), 'the tooltip names the proxy');
    assert.ok(proxy.log.some((r) => r.refused === 407), 'the proxy asked for credentials');
  });
});
