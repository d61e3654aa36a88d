import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { setSetting, signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { recordPopups } from '../helpers/host/popups';
import { within } from '../helpers/wait';
import { FakeChatwoot, INBOXES, USERS } from '../server';

/** Resolves when the extension has received a cable event matching `predicate`. */
function received(api: ExtensionApi, what: string, predicate: (e: { event: string; data: unknown }) => boolean): Promise<void> {
  return within(
    new Promise<void>((resolve) => {
      const sub = api.connection.onDidReceiveEvent((e) => {
        if (predicate(e)) {
          sub.dispose();
          resolve();
        }
      });
    }),
    what,
    15000,
  );
}

/**
 * A mention reaches the agent as a conversation_mention notification and as
 * conversation.mentioned (Chatwoot: app/services/messages/mention_service.rb,
 * app/jobs/conversations/user_mention_job.rb); a fork's conversation.bot_handoff stands for a
 * new conversation. Each pops up once and lands in the Conversations store.
 */
suite('Mentions and bot handoffs', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;

  function websiteConversation(): number {
    const c = [...server.store.conversations.values()].find((x) => x.inboxId === INBOXES.website && x.status === 'open' && x.assigneeId === null);
    assert.ok(c, 'the seed has an open, unassigned Website conversation');
    return c.displayId;
  }

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
  });

  suiteTeardown(async () => {
    await setSetting('notifications.popupTypes', undefined);
    await signOutAndStop(api, server);
  });

  test('a mention pops up once: the notification does, the conversation.mentioned after it does not', async () => {
    const recorder = recordPopups(api);
    try {
      const id = websiteConversation();
      const popup = recorder.next();
      const mentioned = received(api, 'conversation.mentioned', (e) => e.event === 'conversation.mentioned');
      server.control.agentMessage(USERS.sofia, id, 'can you take this [@Priya Raman](mention://user/1/Priya%20Raman)?', true);
      const shown = await popup;
      assert.match(shown.message, new RegExp(`^You were mentioned in conversation #${id}`));
      await mentioned;
      assert.equal(api.notifications.alerts.isWaiting('conversation_mention', id), false, 'the event found its notification and asks for nothing');
      assert.ok(api.conversations.store?.get(id), 'the mentioned conversation is in the store');

      // A fence: one more pop-up, so a second one for the mention would have come first.
      const fence = recorder.next();
      server.control.assign(websiteConversation(), server.demoUserId, USERS.marcus);
      await fence;
      assert.equal(recorder.shown.length, 2, JSON.stringify(recorder.shown));
    } finally {
      recorder.restore();
    }
  });

  test('with mention notifications off in Chatwoot, conversation.mentioned pops up on its own', async () => {
    const recorder = recordPopups(api);
    const priya = server.store.users.get(USERS.priya)!;
    const flags = [...priya.notificationFlags];
    priya.notificationFlags = flags.filter((f) => f !== 'conversation_mention');
    try {
      const id = websiteConversation();
      const popup = recorder.next();
      server.control.agentMessage(USERS.marcus, id, 'over to [@Priya Raman](mention://user/1/Priya%20Raman), thanks', true);
      const shown = await popup;
      assert.match(shown.message, new RegExp(`^You were mentioned in conversation #${id}.*: Marcus Chen: over to @Priya Raman, thanks$`));
      assert.deepEqual(shown.actions, ['Open']);
      assert.ok(!api.notifications.store.items.some((n) => n.notification_type === 'conversation_mention' && n.primary_actor?.id === id && !n.read_at));
    } finally {
      priya.notificationFlags = flags;
      recorder.restore();
    }
  });

  test('a conversation.bot_handoff (sent by forks) lands under Unassigned and pops up like a new conversation', async () => {
    await setSetting('notifications.popupTypes', ['conversation_creation', 'conversation_assignment', 'conversation_mention']);
    const recorder = recordPopups(api);
    try {
      const created = server.control.newConversation({ inboxId: INBOXES.website, content: 'Talk to a human please', contactName: 'Bot Handoff Person' });
      const id = created.id as number;
      await received(api, 'conversation.created', (e) => e.event === 'conversation.created' && (e.data as { id: number }).id === id);
      const popup = recorder.next();
      server.control.inject('conversation.bot_handoff', { ...(await conversationData(id)), account_id: server.accountId }, { conversationId: id });
      const shown = await popup;
      assert.match(shown.message, new RegExp(`^New conversation #${id} — Bot Handoff Person`));
      const store = api.conversations.store;
      assert.ok(store);
      const record = store.get(id);
      assert.ok(record && store.isMember(record, 'unassigned'), 'listed under Unassigned');
    } finally {
      recorder.restore();
    }
  });

  /** The conversation as the server shows it (the fields push data has too). */
  async function conversationData(id: number): Promise<Record<string, unknown>> {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}/conversations/${id}`, { headers: { api_access_token: server.demoToken } });
    return (await res.json()) as Record<string, unknown>;
  }
});
