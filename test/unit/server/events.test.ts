import * as assert from 'node:assert/strict';
import { acc, api, SubscribedStandIn, type Subscriber } from '../../helpers/standInClient';
import { INBOXES, USERS, type FakeChatwoot } from '../../server/index';

/**
 * Recipient rules (docs/chatwoot-events.md §3–4) with three live subscribers: Priya (administrator),
 * Sofia (member of Website and Support Email) and Marcus (member of Website and WhatsApp,
 * not of Support Email).
 */
suite('stand-in server: events and recipients', () => {
  let standIn: SubscribedStandIn;
  let server: FakeChatwoot;
  let priya: Subscriber;
  let sofia: Subscriber;
  let marcus: Subscriber;
  let emailConv: number;
  let webConv: number;

  setup(async () => {
    standIn = await SubscribedStandIn.start([USERS.priya, USERS.sofia, USERS.marcus]);
    ({ server, emailConv, webConv } = standIn);
    [priya, sofia, marcus] = standIn.subscribers;
  });

  teardown(() => standIn.stop());

  const settle = (): Promise<void> => standIn.settle();

  test('a reply in Support Email reaches the admin and the inbox member, not the non-member', async () => {
    await api(server, 'POST', acc(`/conversations/${emailConv}/messages`), { body: { content: 'On it!', echo_id: 'e-42' } });
    const got = await priya.client.event('message.created');
    assert.equal(got.identifier, priya.identifier);
    assert.equal(got.data.conversation_id, emailConv);
    assert.equal(got.data.account_id, 1, 'account_id is merged into data');
    assert.equal(got.data.echo_id, 'e-42');
    assert.equal((await sofia.client.event('message.created')).data.content, 'On it!');
    await settle();
    assert.deepEqual(marcus.client.events('message.created'), []);
  });

  test('a status change emits conversation.status_changed and an activity message.created', async () => {
    await api(server, 'POST', acc(`/conversations/${webConv}/toggle_status`), { body: { status: 'resolved' } });
    for (const a of [priya, sofia, marcus]) {
      const changed = await a.client.event('conversation.status_changed');
      assert.equal(changed.data.id, webConv);
      assert.equal(changed.data.status, 'resolved');
      const activity = await a.client.event('message.created');
      assert.equal(activity.data.message_type, 2);
      assert.equal(activity.data.content, 'Conversation was marked resolved by Priya Raman');
    }
  });

  test('assignment emits assignee.changed to the inbox, notification.created to the assignee only', async () => {
    await api(server, 'POST', acc(`/conversations/${webConv}/assignments`), { body: { assignee_id: USERS.sofia } });
    const changed = await marcus.client.event('assignee.changed');
    assert.equal((changed.data.meta as { assignee: { id: number } }).assignee.id, USERS.sofia);
    const note = await sofia.client.event('notification.created');
    const n = note.data.notification as { notification_type: string; primary_actor: { id: number }; user: { id: number } };
    assert.equal(n.notification_type, 'conversation_assignment');
    assert.equal(n.primary_actor.id, webConv);
    assert.equal(n.user.id, USERS.sofia);
    assert.equal(typeof note.data.unread_count, 'number');
    assert.equal(note.data.account_id, 1);
    await settle();
    assert.deepEqual(priya.client.events('notification.created'), []);
    assert.deepEqual(marcus.client.events('notification.created'), []);
  });

  test('team assignment emits team.changed', async () => {
    const teamId = server.store.conversations.get(webConv)?.teamId === 2 ? 1 : 2;
    await api(server, 'POST', acc(`/conversations/${webConv}/assignments`), { body: { team_id: teamId } });
    const changed = await sofia.client.event('team.changed');
    assert.deepEqual((changed.data.meta as { team: unknown }).team, { id: teamId, name: teamId === 2 ? 'Technical' : 'Billing' });
  });

  test('typing reaches everyone who sees the conversation except the typist', async () => {
    await api(server, 'POST', acc(`/conversations/${webConv}/toggle_typing_status`), { token: server.user(USERS.sofia).accessToken, body: { typing_status: 'on', is_private: true } });
    const on = await priya.client.event('conversation.typing_on');
    assert.equal((on.data.user as { id: number; type: string }).id, USERS.sofia);
    assert.equal((on.data.user as { type: string }).type, 'user');
    assert.equal(on.data.is_private, true);
    assert.equal((on.data.conversation as { id: number }).id, webConv);
    await marcus.client.event('conversation.typing_on');
    await settle();
    assert.deepEqual(sofia.client.events('conversation.typing_on'), []);
  });

  test('an agent mark-read broadcasts no conversation event; 4.x says the unread counts moved', async () => {
    server.control.contactMessage(emailConv, 'Anyone there?');
    await settle();
    const from = { priya: priya.client.frames.length, sofia: sofia.client.frames.length, marcus: marcus.client.frames.length };
    const r = await api(server, 'POST', acc(`/conversations/${emailConv}/update_last_seen`), { token: server.user(USERS.sofia).accessToken });
    assert.equal(r.status, server.chatwoot === 4 ? 200 : 204);
    await settle();
    const since = (a: Subscriber, n: number) => a.client.frames.slice(n).map((f) => (f.json.message as { event?: string } | undefined)?.event).filter(Boolean);
    for (const [a, n] of [[priya, from.priya], [sofia, from.sofia]] as const) {
      assert.ok(!since(a, n).some((e) => e?.startsWith('conversation.') && e !== 'conversation.unread_count_changed'), `no conversation event: ${since(a, n).join(', ')}`);
      assert.equal(since(a, n).filter((e) => e === 'conversation.unread_count_changed').length, server.chatwoot === 4 ? 1 : 0);
    }
    if (server.chatwoot === 4) {
      const changed = await priya.client.event('conversation.unread_count_changed', 2000, from.priya);
      assert.deepEqual(changed.data, { account_id: 1 }, 'no payload but the account');
    }
    assert.deepEqual(since(marcus, from.marcus), [], 'not an inbox member');
  });

  test('conversation.read is the contact reading: contact_last_seen_at moves, the agents hear it, nothing else changes', async () => {
    const c = server.store.conversations.get(emailConv)!;
    const unread = server.store.unreadCount(c);
    server.control.advanceClock(5_000);
    server.control.contactRead(emailConv);
    const read = await sofia.client.event('conversation.read');
    assert.equal(read.data.id, emailConv);
    assert.equal(read.data.contact_last_seen_at, c.contactLastSeenAt);
    assert.equal(read.data.unread_count, unread, 'the agents\' unread count is untouched');
    await priya.client.event('conversation.read');
    await settle();
    assert.deepEqual(marcus.client.events('conversation.read'), []);
  });

  test('priority and labels emit conversation.updated', async () => {
    await api(server, 'POST', acc(`/conversations/${webConv}/toggle_priority`), { body: { priority: 'high' } });
    assert.equal((await marcus.client.event('conversation.updated')).data.priority, 'high');
    await marcus.client.fence(server, marcus.token);
    const from = marcus.client.frames.length;
    await api(server, 'POST', acc(`/conversations/${webConv}/labels`), { body: { labels: ['bug'] } });
    assert.deepEqual((await marcus.client.event('conversation.updated', 2000, from)).data.labels, ['bug']);
  });

  test('a contact message reopens a resolved conversation and notifies the assignee', async () => {
    server.control.setStatus(webConv, 'resolved', USERS.priya);
    server.control.assign(webConv, USERS.marcus, USERS.priya);
    // Let the frames of the set-up reach the client before counting from here.
    await marcus.client.fence(server, marcus.token);
    const from = marcus.client.frames.length;
    server.control.contactMessage(webConv, 'It broke again');
    const msg = await marcus.client.event('message.created', 2000, from);
    assert.equal(msg.data.message_type, 0);
    assert.equal((msg.data.sender as { type: string }).type, 'contact');
    const reopened = await marcus.client.event('conversation.status_changed', 2000, from);
    assert.equal(reopened.data.status, 'open');
    const n = await marcus.client.event('notification.created', 2000, from);
    assert.equal((n.data.notification as { notification_type: string }).notification_type, 'assigned_conversation_new_message');
  });

  test('a mention in a private note sends conversation.mentioned and a notification to that user only', async () => {
    await api(server, 'POST', acc(`/conversations/${webConv}/messages`), { body: { content: 'ping [@Marcus Chen](mention://user/2/Marcus%20Chen)', private: true } });
    const mentioned = await marcus.client.event('conversation.mentioned');
    assert.equal(mentioned.data.id, webConv);
    const n = await marcus.client.event('notification.created');
    assert.equal((n.data.notification as { notification_type: string }).notification_type, 'conversation_mention');
    await settle();
    assert.deepEqual(sofia.client.events('conversation.mentioned'), []);
    assert.deepEqual(priya.client.events('conversation.mentioned'), []);
  });

  test('a new conversation emits contact.created to the account and conversation.created to the inbox', async () => {
    server.control.newConversation({ inboxId: INBOXES.email, contactName: 'New Person', content: 'Hello from email' });
    const contact = await marcus.client.event('contact.created');
    assert.equal(contact.data.name, 'New Person');
    const created = await sofia.client.event('conversation.created');
    assert.equal(created.data.inbox_id, INBOXES.email);
    await priya.client.event('conversation.created');
    await settle();
    assert.deepEqual(marcus.client.events('conversation.created'), []);
  });

  test('marking a notification read and deleting it emit notification.updated / notification.deleted to its owner', async () => {
    const list = await api(server, 'GET', acc('/notifications'));
    const id = (list.body as { data: { payload: Array<{ id: number }> } }).data.payload[0].id;
    await api(server, 'PATCH', acc(`/notifications/${id}`));
    const updated = await priya.client.event('notification.updated');
    assert.equal((updated.data.notification as { id: number; read_at: string | null }).id, id);
    assert.notEqual((updated.data.notification as { read_at: string | null }).read_at, null);
    await api(server, 'DELETE', acc(`/notifications/${id}`));
    const deleted = await priya.client.event('notification.deleted');
    assert.deepEqual(deleted.data.notification, { id });
    await settle();
    assert.deepEqual(sofia.client.events('notification.updated'), []);
  });

  test('contact update emits contact.updated and conversation.contact_changed', async () => {
    const contactId = server.store.conversations.get(webConv)?.contactId ?? 0;
    server.control.updateContact(contactId, { name: 'Renamed' });
    assert.equal((await marcus.client.event('contact.updated')).data.name, 'Renamed');
    assert.equal(((await marcus.client.event('conversation.contact_changed')).data.meta as { sender: { name: string } }).sender.name, 'Renamed');
  });

  test('deleting a message emits message.updated with content_attributes.deleted', async () => {
    const m = server.store.conversations.get(webConv)?.messages[0];
    assert.ok(m);
    await api(server, 'DELETE', acc(`/conversations/${webConv}/messages/${m.id}`));
    const updated = await marcus.client.event('message.updated');
    assert.equal(updated.data.id, m.id);
    assert.deepEqual(updated.data.content_attributes, { deleted: true });
  });
});
