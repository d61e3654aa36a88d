import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { connectionState, setSetting, signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { recordPopups } from '../helpers/host/popups';
import { answerQuickInput, clickNotificationButton, setWindowFocused } from '../helpers/host/window';
import { pollUntil, untilEvent } from '../helpers/wait';
import { FakeChatwoot } from '../server';

const until = (api: ExtensionApi, what: string, predicate: () => boolean) =>
  untilEvent([api.connection.onDidChangeState, api.connection.onDidReceiveEvent, api.notifications.store.onDidChange], predicate, what, 15000);

suite('Status bar, availability and notifications', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;

  async function unassignedConversation(): Promise<number> {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=unassigned&status=open`, { headers: { api_access_token: server.demoToken } });
    const body = (await res.json()) as { data: { payload: Array<{ id: number }> } };
    assert.ok(body.data.payload.length > 0, 'the seed has unassigned open conversations');
    return body.data.payload[0].id;
  }

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
  });

  suiteTeardown(async () => {
    await setSetting('notifications.doNotDisturb', undefined);
    await signOutAndStop(api, server);
  });

  test('the status bar follows connect, forced disconnect, reconnect, auth error and sign-out', async () => {
    await until(api, 'availability from the server', () => api.statusItem.availability !== undefined);
    assert.match(api.statusItem.view!.text, /^\$\(circle-filled\) Online/);
    assert.equal(api.statusItem.view!.background, undefined);

    server.control.dropSockets({ closeFrame: false });
    await connectionState(api, 'reconnecting');
    assert.match(api.statusItem.view!.text, /reconnecting in \d+ s/);
    assert.equal(api.statusItem.view!.background, 'warning');
    await connectionState(api, 'connected');
    assert.equal(api.statusItem.view!.background, undefined);

    server.control.disconnect('unauthorized', false);
    await connectionState(api, 'auth-error');
    assert.equal(api.statusItem.view!.background, 'error');
    assert.match(api.statusItem.view!.text, /connection refused/);
    await vscode.commands.executeCommand(Commands.reconnect);
    await connectionState(api, 'connected');
    assert.equal(api.statusItem.view!.background, undefined);
  });

  test('a server slow to confirm the subscription shows "waiting for the server", then connected, never refused', async () => {
    await connectionState(api, 'connected');
    const kinds: string[] = [];
    const sub = api.connection.onDidChangeState((st) => kinds.push(st.kind));
    try {
      server.control.slowConfirms('hold');
      const mark = server.control.mark();
      server.control.dropSockets({ closeFrame: false });
      await connectionState(api, 'awaiting-confirmation');
      assert.match(api.statusItem.view!.text, /waiting for the server/);
      assert.equal(api.statusItem.view!.background, undefined);
      assert.match(api.statusItem.view!.tooltip, /waiting for the server to confirm the subscription/);
      // The re-sent subscribe reached the server, and the one pending subscription is held.
      await server.control.waitFor((h) => h.kind === 'command' && h.command === 'subscribe', 5000, server.control.mark());
      assert.equal(server.control.releaseConfirms(), 1);
      await connectionState(api, 'connected');
      await server.control.waitForKind('subscribed', (h) => h.userId === server.demoUserId, 5000, mark);
      assert.doesNotMatch(api.statusItem.view!.text, /waiting|refused/);
      assert.ok(!kinds.includes('auth-error'), kinds.join(' → '));
    } finally {
      sub.dispose();
      server.control.slowConfirms(0);
    }
  });

  test('the availability switch reaches the server, and a change made elsewhere arrives by presence.update', async () => {
    await vscode.commands.executeCommand(Commands.setAvailability, 'busy');
    assert.equal(server.control.availabilityOf(server.demoUserId), 'busy');
    assert.equal(api.statusItem.availability, 'busy');
    assert.match(api.statusItem.view!.text, /Busy/);

    // The agent goes back online from another client (the dashboard, say).
    const res = await fetch(`${server.url}/api/v1/profile/availability`, {
      method: 'POST',
      headers: { api_access_token: server.demoToken, 'content-type': 'application/json' },
      body: JSON.stringify({ profile: { account_id: server.accountId, availability: 'online' } }),
    });
    assert.equal(res.status, 200);
    // Our next heartbeat is answered with presence.update; refocusing sends one at once.
    await setWindowFocused(false);
    await setWindowFocused(true);
    await until(api, 'presence.update with online', () => api.statusItem.availability === 'online');
    assert.match(api.statusItem.view!.text, /Online/);
  });

  test('the status bar menu sets availability', async () => {
    const menu = vscode.commands.executeCommand(Commands.statusMenu);
    await answerQuickInput('Chatwoot', 'Offline');
    await menu;
    assert.equal(server.control.availabilityOf(server.demoUserId), 'offline');
    assert.match(api.statusItem.view!.text, /Offline/);
    await vscode.commands.executeCommand(Commands.setAvailability, 'online');
    assert.equal(server.control.availabilityOf(server.demoUserId), 'online');
  });

  test('notification.created pops up once with the right title and actions; Open marks it read on the server', async () => {
    const recorder = recordPopups(api);
    try {
      const conversationId = await unassignedConversation();
      const shown = recorder.next();
      server.control.assign(conversationId, server.demoUserId, 2);
      const popup = await shown;
      assert.match(popup.message, new RegExp(`^Conversation #${conversationId} assigned to you`));
      assert.deepEqual(popup.actions, ['Open', 'Mark as Read']);
      assert.equal(recorder.shown.length, 1);
      const unread = api.notifications.store.items.find((n) => n.primary_actor?.id === conversationId && !n.read_at);
      assert.ok(unread, 'the notification is listed, unread');

      const mark = server.control.mark();
      await clickNotificationButton(`Conversation #${conversationId} assigned to you`, 'Open');
      await server.control.waitForKind('request', (r) => r.method === 'PATCH' && r.path.endsWith(`/notifications/${unread.id}`), 10000, mark);
      await until(api, 'the notification marked read', () => Boolean(api.notifications.store.get(unread.id)?.read_at));
    } finally {
      recorder.restore();
    }
  });

  test('no pop-up for a conversation open in a focused window, nor in Do Not Disturb; both still count', async () => {
    const recorder = recordPopups(api);
    try {
      // Open and visible: suppressed.
      const first = await unassignedConversation();
      await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: first });
      await until(api, 'the chat view to show it', () => api.visibleConversations.isVisible({ accountId: server.accountId, conversationId: first }));
      const before = api.notifications.store.unreadCount;
      server.control.assign(first, server.demoUserId, 2);
      await until(api, 'the notification to arrive', () => api.notifications.store.items.some((n) => n.primary_actor?.id === first));
      assert.ok(api.notifications.store.unreadCount >= before);

      // Do Not Disturb: suppressed.
      await vscode.commands.executeCommand(Commands.toggleDoNotDisturb);
      assert.equal(api.notifications.doNotDisturb, true);
      assert.match(api.statusItem.view!.text, /bell-slash/);
      const second = await unassignedConversation();
      const count = api.notifications.store.unreadCount;
      server.control.assign(second, server.demoUserId, 2);
      await until(api, 'the unread count to grow', () => api.notifications.store.unreadCount > count);
      await vscode.commands.executeCommand(Commands.toggleDoNotDisturb);

      // A fence: a notification that should pop up, so any earlier one would have shown first.
      const fence = recorder.next();
      server.control.assign(await unassignedConversation(), server.demoUserId, 2);
      await fence;
      assert.equal(recorder.shown.length, 1, `only the fence popped up: ${JSON.stringify(recorder.shown)}`);
    } finally {
      recorder.restore();
    }
  });

  test('the Notifications view lists them; Mark All as Read reaches the server and clears the count', async () => {
    const { provider, view } = api.notificationsView;
    /** The view's rows, read through its provider as VS Code reads them. */
    const rows = async () => {
      const children = ((await provider.getChildren()) ?? []).filter((r) => r.kind === 'notification');
      return Promise.all(children.map(async (r) => ({ id: (r as { id: number }).id, item: await provider.getTreeItem(r) })));
    };
    const unreadRows = async () => (await rows()).filter((r) => r.item.contextValue === 'notification:unread').map((r) => r.id).sort();
    const serverUnread = () => server.store.notificationsOf(server.demoUserId).filter((n) => n.readAt === null && n.snoozedUntil === null);

    await vscode.commands.executeCommand(Commands.showNotifications);
    const conversationId = await unassignedConversation();
    server.control.assign(conversationId, server.demoUserId, 2);
    const isFresh = (n: { primary_actor?: { id?: number } | null; read_at?: unknown }) => n.primary_actor?.id === conversationId && !n.read_at;
    await until(api, 'the notification to arrive', () => api.notifications.store.items.some(isFresh));
    const fresh = api.notifications.store.items.find(isFresh)!;
    const row = (await rows()).find((r) => r.id === fresh.id);
    assert.ok(row, 'the new notification has a row');
    assert.match(String(row.item.label), new RegExp(`^Conversation #${conversationId} assigned to you`));
    assert.equal((row.item.iconPath as vscode.ThemeIcon).id, 'bell-dot');
    const listed = new Set((await rows()).map((r) => r.id));
    assert.deepEqual(await unreadRows(), serverUnread().filter((n) => listed.has(n.id)).map((n) => n.id).sort(), 'the rows shown unread are the server\'s unread ones');
    // The badge follows the notification within INDICATOR_DELAY_MS.
    await pollUntil(() => view.badge?.value === serverUnread().length, 'the badge to count the server\'s unread');

    const mark = server.control.mark();
    await vscode.commands.executeCommand(Commands.markAllNotificationsRead);
    await server.control.waitForKind('request', (r) => r.method === 'POST' && r.path.endsWith('/notifications/read_all'), 10000, mark);
    const left = await (await fetch(`${server.url}/api/v1/accounts/${server.accountId}/notifications/unread_count`, { headers: { api_access_token: server.demoToken } })).json();
    assert.equal(left, 0);
    assert.deepEqual(await unreadRows(), [], 'every row shows read');
    assert.equal(((await rows()).find((r) => r.id === fresh.id)?.item.iconPath as vscode.ThemeIcon).id, 'bell');
    await pollUntil(() => view.badge === undefined, 'no badge');
    await pollUntil(() => !/bell-dot/.test(api.statusItem.view!.text), 'no unread bell in the status bar');
  });

  test('sign-out clears the status bar to "Sign in"', async () => {
    await vscode.commands.executeCommand(Commands.signOut);
    await connectionState(api, 'signed-out');
    assert.match(api.statusItem.view!.text, /Sign in/);
    assert.equal(api.notifications.store.unreadCount, 0);
  });
});
