import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { evaluateInWebview, inWebview, setWindowSize } from '../helpers/host/window';
import type { FakeChatwoot } from '../server';

/** The little of the DOM the probe uses inside the webview (this file compiles without lib dom). */
type Rect = { top: number; bottom: number; left: number; right: number; height: number };
declare const document: { querySelector(s: string): { getBoundingClientRect(): Rect } | null; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): Rect }> };
declare const innerWidth: number;
declare const innerHeight: number;

interface Layout {
  viewport: [number, number];
  header: number;
  composer: number;
  list: number;
  fullyVisible: number;
  send: Rect | null;
}

suite('Sidebar chat layout in a 1400×900 window', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let restore: { width: number; height: number } | null = null;

  suiteSetup(async () => {
    restore = await setWindowSize(1400, 900);
    ({ api, server } = await signedInToStandIn());
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
    if (restore) await setWindowSize(restore.width, restore.height);
  });

  test('an opened conversation shows at least four one-line messages and the whole composer', async () => {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: { api_access_token: server.demoToken } });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number; can_reply?: boolean }> } };
    const pick = list.data.payload.find((c) => c.inbox_id === 1 && c.can_reply !== false);
    assert.ok(pick, 'the seed has an open web-widget conversation assigned to the demo agent');
    const stamp = Date.now();
    for (let i = 1; i <= 6; i++) server.control.contactMessage(pick.id, `Short line ${i} ${stamp}`);

    // The default layout: the Chatwoot container in the side bar, tree and chat sharing it (the
    // Contact view starts collapsed; an earlier test opened it).
    await vscode.commands.executeCommand('workbench.view.extension.chatwoot');
    await vscode.commands.executeCommand('chatwoot.contact.removeView');
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: pick.id });
    await inWebview({ op: 'text', selector: '.msg__content', hasText: `Short line 6 ${stamp}` });

    const layout = await evaluateInWebview<null, Layout>(
      '.send-button',
      () => {
        const box = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null;
        const scroller = box('.messages');
        const rows = Array.from(document.querySelectorAll('.msg'), (m) => m.getBoundingClientRect());
        return {
          viewport: [innerWidth, innerHeight],
          header: box('.header')?.height ?? 0,
          composer: box('.composer')?.height ?? 0,
          list: scroller?.height ?? 0,
          fullyVisible: scroller ? rows.filter((r) => r.height > 0 && r.top >= scroller.top - 0.5 && r.bottom <= scroller.bottom + 0.5).length : 0,
          send: box('.send-button'),
        };
      },
      null,
    );
    const detail = JSON.stringify(layout);
    console.log(`[layout] sidebar chat at 1400×900: ${detail}`);
    assert.ok(layout.fullyVisible >= 4, `at least four whole messages in view: ${detail}`);
    const send = layout.send;
    assert.ok(send && send.top >= 0 && send.left >= 0 && send.bottom <= layout.viewport[1] && send.right <= layout.viewport[0], `the send button lies inside the view: ${detail}`);
  });
});
