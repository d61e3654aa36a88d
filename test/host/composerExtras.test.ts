import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { setSetting, signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { inWebview, pickFromQuickPick } from '../helpers/host/window';
import { FakeChatwoot, USERS } from '../server';

/**
 * The composer's extras against the stand-in: what reaches the server is exactly the JSON
 * Chatwoot's own dashboard sends (the stand-in records each request's body).
 */
suite('Composer extras against the stand-in server', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  let conversationId: number;

  const headers = () => ({ api_access_token: server.demoToken, 'content-type': 'application/json' });
  const messagesPath = () => `/api/v1/accounts/${server.accountId}/conversations/${conversationId}/messages`;
  /** The body of the next POST …/messages after `mark`. */
  async function postedMessage(mark: number): Promise<Record<string, unknown>> {
    const r = await server.control.waitForKind('request', (x) => x.method === 'POST' && x.path === messagesPath(), 10000, mark);
    return r.body as Record<string, unknown>;
  }

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=me&status=open`, { headers: headers() });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; inbox_id: number; can_reply?: boolean }> } };
    const pick = list.data.payload.find((c) => c.inbox_id === 1 && c.can_reply !== false);
    assert.ok(pick, 'the seed has an open web-widget conversation assigned to the demo agent');
    conversationId = pick.id;
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId });
    await inWebview({ op: 'text', selector: '.header__where', hasText: `#${conversationId}` });
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('a note that @mentions an agent is sent as Chatwoot’s mention markup, and the server notifies that agent', async () => {
    const before = server.store.notificationsOf(USERS.sofia).filter((n) => n.type === 'conversation_mention').length;
    await inWebview({ op: 'click', selector: '.mode--note' });
    await inWebview({ op: 'fill', selector: '.composer__input', value: 'Could you take this one @sof' });
    await inWebview({ op: 'text', selector: '.mention-list [role="option"]', hasText: '@Sofia Alvarez' });
    const mark = server.control.mark();
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    assert.equal(await inWebview({ op: 'value', selector: '.composer__input' }), `Could you take this one [@Sofia Alvarez](mention://user/${USERS.sofia}/Sofia%20Alvarez) `);
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    const body = await postedMessage(mark);
    assert.deepEqual(body, {
      content: `Could you take this one [@Sofia Alvarez](mention://user/${USERS.sofia}/Sofia%20Alvarez)`,
      private: true,
      message_type: 'outgoing',
      echo_id: body.echo_id,
    });
    assert.equal(typeof body.echo_id, 'string');
    const after = server.store.notificationsOf(USERS.sofia).filter((n) => n.type === 'conversation_mention').length;
    assert.equal(after, before + 1, 'the stand-in, reading the mention as Chatwoot does, notified Sofia');
    await inWebview({ op: 'text', selector: '.msg--note .mention', hasText: '@Sofia Alvarez' });
    await inWebview({ op: 'click', selector: '.mode:not(.mode--note)' });
  });

  test('Reply on a message sends content_attributes.in_reply_to, and the reply shows the quote', async () => {
    const quoted = `Which size fits best? ${Date.now()}`;
    const m = server.control.contactMessage(conversationId, quoted) as { id: number };
    await inWebview({ op: 'text', selector: '.msg__content', hasText: quoted });
    await inWebview({ op: 'click', selector: `.msg[data-id="${m.id}"] .msg__reply` });
    await inWebview({ op: 'text', selector: '.reply-bar', hasText: quoted });
    const mark = server.control.mark();
    await inWebview({ op: 'fill', selector: '.composer__input', value: 'Size 9 fits best' });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    const body = await postedMessage(mark);
    assert.deepEqual(body, {
      content: 'Size 9 fits best',
      private: false,
      message_type: 'outgoing',
      echo_id: body.echo_id,
      content_attributes: { in_reply_to: m.id },
    });
    // The stand-in stored it as Chatwoot does, and the confirmed reply quotes the message.
    await inWebview({ op: 'text', selector: '.msg:not(.msg--pending) .msg__quote-text', hasText: quoted });
  });

  test('with chatwoot.chat.appendSignature on, a reply carries the profile’s signature after a -- line; a note does not', async () => {
    await setSetting('chat.appendSignature', true);
    try {
      await inWebview({ op: 'text', selector: '.composer__signature', hasText: 'Acme Support' });
      let mark = server.control.mark();
      await inWebview({ op: 'fill', selector: '.composer__input', value: 'Your refund is on its way' });
      await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
      const reply = await postedMessage(mark);
      assert.deepEqual(reply, {
        content: 'Your refund is on its way\n\n--\n\nPriya Raman\nAcme Support',
        private: false,
        message_type: 'outgoing',
        echo_id: reply.echo_id,
      });
      mark = server.control.mark();
      await inWebview({ op: 'click', selector: '.mode--note' });
      await inWebview({ op: 'fill', selector: '.composer__input', value: 'Refund approved by finance' });
      await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
      assert.equal((await postedMessage(mark)).content, 'Refund approved by finance');
      await inWebview({ op: 'click', selector: '.mode:not(.mode--note)' });
    } finally {
      await setSetting('chat.appendSignature', undefined);
    }
  });

  test('an e-mail reply sends cc_emails and bcc_emails as the dashboard does, and the stand-in keeps them', async () => {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations?assignee_type=all&status=open`, { headers: headers() });
    const list = (await res.json()) as { data: { payload: Array<{ id: number; meta: { channel?: string } }> } };
    const mail = list.data.payload.find((c) => c.meta.channel === 'Channel::Email');
    assert.ok(mail, 'the seed has an open e-mail conversation the demo agent can see');
    await vscode.commands.executeCommand(Commands.openConversation, { accountId: server.accountId, conversationId: mail.id });
    await inWebview({ op: 'text', selector: '.header__where', hasText: `#${mail.id}` });
    await inWebview({ op: 'fill', selector: '.composer__email input[aria-label="Cc"]', value: 'boss@example.com, team@example.com' });
    await inWebview({ op: 'fill', selector: '.composer__email input[aria-label="Bcc"]', value: 'audit@example.com' });
    const mark = server.control.mark();
    await inWebview({ op: 'fill', selector: '.composer__input', value: 'Copying my manager' });
    await inWebview({ op: 'press', selector: '.composer__input', key: 'Enter' });
    const r = await server.control.waitForKind('request', (x) => x.method === 'POST' && x.path.endsWith(`/conversations/${mail.id}/messages`), 10000, mark);
    const body = r.body as Record<string, unknown>;
    assert.deepEqual(body, {
      content: 'Copying my manager',
      private: false,
      message_type: 'outgoing',
      echo_id: body.echo_id,
      cc_emails: 'boss@example.com,team@example.com',
      bcc_emails: 'audit@example.com',
    });
    assert.equal(r.status, 200);
    await inWebview({ op: 'text', selector: '.msg:not(.msg--pending) .msg__email-line', hasText: 'boss@example.com, team@example.com' });
  });

  test('Run Macro… lists the account’s macros, shows the chosen one’s steps, and after confirmation executes it on the conversation', async () => {
    const mark = server.control.mark();
    const done = vscode.commands.executeCommand(Commands.runMacro, { accountId: server.accountId, conversationId });
    const rows = await pickFromQuickPick('Run Macro on Conversation', '', 'Escalate billing');
    assert.ok(rows.some((r) => r.includes('Close as solved')), 'global macros are listed');
    assert.ok(!rows.some((r) => r.includes('Sofia’s own')), 'another agent’s personal macro is not');
    const steps = await pickFromQuickPick('Run “Escalate billing”', '', 'Run “Escalate billing”');
    assert.ok(steps.some((r) => r.includes('Add labels: billing')));
    assert.ok(steps.some((r) => r.includes('Set priority to urgent')));
    assert.ok(steps.some((r) => r.includes('Add a private note: “Escalated to billing”')));
    await done;
    const r = await server.control.waitForKind('request', (x) => x.method === 'POST' && x.path === `/api/v1/accounts/${server.accountId}/macros/1/execute`, 10000, mark);
    assert.deepEqual(r.body, { conversation_ids: [conversationId] });
    assert.equal(r.status, 200);
    const c = server.store.conversations.get(conversationId);
    assert.ok(c?.labels.includes('billing'), 'the stand-in ran the macro');
    assert.equal(c?.priority, 'urgent');
  });

  test('Run Macro… cancelled at the confirmation executes nothing', async () => {
    const mark = server.control.mark();
    const done = vscode.commands.executeCommand(Commands.runMacro, { accountId: server.accountId, conversationId });
    await pickFromQuickPick('Run Macro on Conversation', '', 'Close as solved');
    await pickFromQuickPick('Run “Close as solved”', '', 'Cancel');
    await done;
    // The list request is the last one the command makes; nothing was executed after it.
    await server.control.waitForKind('request', (x) => x.method === 'GET' && x.path.endsWith('/macros'), 10000, mark);
    assert.ok(!server.control.requests().some((x) => x.path.endsWith('/execute') && x.at >= Date.now() - 60_000 && x.path.includes('/macros/2/')));
    assert.notEqual(server.store.conversations.get(conversationId)?.status, 'resolved');
  });
});
