import * as assert from 'node:assert/strict';
import { presentStatus, StatusInputs } from '../../../src/statusbar/statusPresenter';

const base: StatusInputs = {
  connection: { kind: 'connected', since: 1_000 },
  now: 10_000,
  baseUrl: 'https://chat.example.com',
  accountName: 'Acme',
  agentName: 'Priya',
  availability: 'online',
  unreadNotifications: 0,
  doNotDisturb: false,
  heartbeat: { sending: true },
};

suite('presentStatus', () => {
  test('connected: the server-reported availability, no colour', () => {
    const v = presentStatus(base);
    assert.equal(v.text, '$(circle-filled) Online');
    assert.equal(v.background, undefined);
    assert.match(v.accessibilityLabel, /online, connected/);
    assert.match(v.tooltip, /Installation: https:\/\/chat\.example\.com/);
    assert.match(v.tooltip, /heartbeats: being sent/);
  });

  test('the spoken label says who is signed in, where, the state and the unread notifications', () => {
    assert.equal(presentStatus({ ...base, unreadNotifications: 3 }).accessibilityLabel, 'Chatwoot, online, connected, 3 unread notifications. Signed in as Priya on Acme');
    assert.equal(presentStatus({ ...base, connection: { kind: 'stopped', reason: 'network' } as never }).accessibilityLabel, 'Chatwoot, offline. Signed in as Priya on Acme');
    assert.equal(presentStatus({ ...base, agentName: undefined, accountName: undefined }).accessibilityLabel, 'Chatwoot, online, connected');
  });

  test('busy and offline have their own icons', () => {
    assert.equal(presentStatus({ ...base, availability: 'busy' }).text, '$(circle-slash) Busy');
    assert.equal(presentStatus({ ...base, availability: 'offline' }).text, '$(circle-outline) Offline');
  });

  test('unread notifications are counted; Do Not Disturb shows instead', () => {
    assert.equal(presentStatus({ ...base, unreadNotifications: 3 }).text, '$(circle-filled) Online $(bell-dot) 3');
    assert.equal(presentStatus({ ...base, unreadNotifications: 3, doNotDisturb: true }).text, '$(circle-filled) Online $(bell-slash)');
  });

  test('reconnecting: a warning with the time to the next retry', () => {
    const v = presentStatus({ ...base, connection: { kind: 'reconnecting', attempt: 2, nextRetryAt: 14_200, delayMs: 4200, cause: 'stale' } });
    assert.equal(v.text, '$(sync~spin) Chatwoot: reconnecting in 5 s');
    assert.equal(v.background, 'warning');
    assert.match(v.tooltip, /retry 2 in 5 s/);
    assert.match(v.tooltip, /Availability: online \(last known\)/);
  });

  test('waiting for a late confirmation: its own text, no colour, how long so far', () => {
    const v = presentStatus({ ...base, connection: { kind: 'awaiting-confirmation', attempt: 0, since: 2_000 } });
    assert.equal(v.text, '$(sync~spin) Chatwoot: waiting for the server');
    assert.equal(v.background, undefined, 'a busy server is not an error');
    assert.match(v.tooltip, /waiting for the server to confirm the subscription \(8 s so far\)/);
    assert.match(v.accessibilityLabel, /waiting for the server/);
    assert.doesNotMatch(v.tooltip, /refused/);
  });

  test('auth error: an error colour and what to do', () => {
    const v = presentStatus({ ...base, connection: { kind: 'auth-error', reason: 'server-refused', detail: 'unauthorized' } });
    assert.equal(v.background, 'error');
    assert.match(v.tooltip, /server-refused: unauthorized/);
  });

  test('offline (stopped) is a warning; connecting has no colour', () => {
    assert.equal(presentStatus({ ...base, connection: { kind: 'stopped', reason: 'stopped' } }).background, 'warning');
    assert.equal(presentStatus({ ...base, connection: { kind: 'connecting', attempt: 0 } }).background, undefined);
  });

  test('signed out offers to sign in', () => {
    const v = presentStatus({ ...base, connection: { kind: 'signed-out' } });
    assert.match(v.text, /Sign in/);
    assert.match(v.accessibilityLabel, /signed out/);
  });

  test('the tooltip says why heartbeats are not sent', () => {
    assert.match(presentStatus({ ...base, heartbeat: { sending: false, why: 'window not focused' } }).tooltip, /not sent \(window not focused\)/);
  });

  test('connected but behind on a catch-up: not "all good" — a warning that names what may be out of date', () => {
    const v = presentStatus({ ...base, behind: ['the conversations', 'your notifications'] });
    assert.equal(v.text, '$(circle-filled) Online $(warning)');
    assert.equal(v.background, 'warning');
    assert.match(v.accessibilityLabel, /connected, but the conversations and your notifications may be out of date/);
    assert.match(v.tooltip, /could not catch up: the conversations and your notifications may be out of date \(retrying\)/);
    assert.match(v.tooltip, /May be out of date: the conversations and your notifications/);
    assert.equal(presentStatus({ ...base, behind: [] }).background, undefined);
  });

  test('server-provided names and reasons cannot create links, commands or formatting in the Markdown tooltip', () => {
    const hostile = '[Sign out](command:chatwoot.signOut) **x** <img src=x> $(alert)';
    const views = [
      presentStatus({ ...base, accountName: hostile, agentName: hostile }),
      presentStatus({ ...base, connection: { kind: 'auth-error', reason: 'subscription-rejected', detail: hostile } }),
      presentStatus({ ...base, connection: { kind: 'reconnecting', attempt: 1, nextRetryAt: 12_000, delayMs: 2000, cause: hostile } }),
    ];
    for (const v of views) {
      assert.ok(!v.tooltip.includes('](command:'), v.tooltip);
      assert.ok(!v.tooltip.includes('<img'), v.tooltip);
      assert.ok(!v.tooltip.includes('**x**'), v.tooltip);
      assert.ok(!/(^|[^\\])\$\(alert\)/.test(v.tooltip), 'a theme icon from the server stays text');
      assert.ok(v.tooltip.includes('\\[Sign out\\]\\(command\\:chatwoot\\.signOut\\)'), v.tooltip);
    }
    // The extension's own Markdown still works.
    assert.match(views[0].tooltip, /^\*\*Chatwoot\*\* — connected/);
  });
  test('a proxy or certificate advice sits under the state while not connected, and is heard', () => {
    const advice = 'The proxy http://proxy.corp:3128 asks for credentials (HTTP 407). Set http.proxyAuthorization.';
    const v = presentStatus({ ...base, networkAdvice: advice, connection: { kind: 'reconnecting', attempt: 1, nextRetryAt: 12_000, delayMs: 2000, cause: 'socket error' } });
    // The tooltip is Markdown: read it as rendered, without the escapes.
    const lines = v.tooltip.split('  \n').map((l) => l.replace(/\\(.)/g, '$1'));
    assert.match(lines[0], /disconnected/);
    assert.ok(lines[2].includes('http.proxyAuthorization') && lines[2].includes('proxy.corp:3128'), lines[2]);
    assert.ok(v.accessibilityLabel.includes('http.proxyAuthorization'));
    // Connected again: an advice left over from the failure is not shown.
    const connected = presentStatus({ ...base, networkAdvice: advice, connection: { kind: 'connected', since: 0 } });
    assert.ok(!connected.tooltip.includes('http.proxyAuthorization'));
  });
});
