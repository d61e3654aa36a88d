import * as assert from 'node:assert/strict';
import { acc, api, messageOf, SubscribedStandIn, type Subscriber } from '../../helpers/standInClient';
import type { Entry } from '../../server/index';
import { INBOXES, USERS, type FakeChatwoot } from '../../server/index';

/**
 * Where the stand-in emits the less common events, following Chatwoot's sources:
 * conversation.mentioned (app/services/messages/mention_service.rb, app/jobs/conversations/user_mention_job.rb),
 * first.reply.created (app/models/message.rb), team.changed (app/listeners/action_cable_listener.rb),
 * a bot handoff (app/models/conversation.rb#bot_handoff!, app/listeners/notification_listener.rb),
 * and the account stream of contact events (app/channels/room_channel.rb, 4.x only).
 */
suite('stand-in server: mentions, first replies, team changes, bot handoffs', () => {
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
  const eventsSince = (a: Subscriber, from: number): string[] =>
    a.client.frames.slice(from).flatMap((f) => {
      const m = messageOf(f);
      return m ? [m.event] : [];
    });
  /** Tokens each delivered broadcast of `event` went to, since `mark`. */
  const streamsOf = (event: string, mark: number): string[][] =>
    server.control
      .happenings(mark)
      .filter((h): h is Extract<Entry, { kind: 'broadcast' }> => h.kind === 'broadcast' && h.event === event)
      .map((h) => [...h.streams].sort());
  const note = (content: string, token?: string) => api(server, 'POST', acc(`/conversations/${webConv}/messages`), { token, body: { content, private: true } });

  test('a mention: the notification first, conversation.mentioned after, both to the mentioned agent only', async () => {
    const from = marcus.client.frames.length;
    await note('can you check [@Marcus Chen](mention://user/2/Marcus%20Chen)?');
    const mentioned = await marcus.client.event('conversation.mentioned', 2000, from);
    assert.equal(mentioned.data.id, webConv);
    assert.equal(mentioned.data.account_id, 1);
    assert.equal((mentioned.data.meta as { sender: { id: number } }).sender.id, server.store.conversations.get(webConv)?.contactId);
    await settle();
    const order = eventsSince(marcus, from).filter((e) => e === 'notification.created' || e === 'conversation.mentioned');
    assert.deepEqual(order, ['notification.created', 'conversation.mentioned'], 'UserMentionJob runs after the notification was created');
    assert.deepEqual(sofia.client.events('conversation.mentioned'), []);
    assert.deepEqual(priya.client.events('conversation.mentioned'), []);
  });

  test('only administrators and the inbox’s members count as mentioned', async () => {
    const mark = server.control.mark();
    // Jonas is an agent outside the Website inbox; Aisha an administrator outside it.
    await note('[@Jonas Weber](mention://user/4/Jonas%20Weber) and [@Aisha Karim](mention://user/5/Aisha%20Karim)');
    await server.control.waitForEventsDelivered();
    assert.deepEqual(streamsOf('conversation.mentioned', mark), [[server.user(USERS.aisha).pubsubToken]]);
    assert.equal(server.store.notificationsOf(USERS.jonas).filter((n) => n.type === 'conversation_mention').length, 0);
  });

  test('a self-mention: conversation.mentioned always, the notification only in versions before self_mention?', async () => {
    const from = priya.client.frames.length;
    await note('reminder for me [@Priya Raman](mention://user/1/Priya%20Raman)');
    await priya.client.event('conversation.mentioned', 2000, from);
    await settle();
    const notified = priya.client.frames
      .slice(from)
      .map(messageOf)
      .filter((m) => m?.event === 'notification.created' && (m.data.notification as { notification_type: string }).notification_type === 'conversation_mention');
    assert.equal(notified.length, server.chatwoot >= 4 ? 0 : 1);
  });

  test('a team mention: 4.x mentions the team’s members; 3.x read the id as a user’s', async () => {
    const mark = server.control.mark();
    // Team 3 (Onboarding) is Marcus and Sofia, both Website members; user 3 is Sofia.
    await note('[@Onboarding](mention://team/3/Onboarding) please');
    await server.control.waitForEventsDelivered();
    const tokens = streamsOf('conversation.mentioned', mark).flat().sort();
    const expected = server.chatwoot >= 4 ? [marcus.token, sofia.token] : [sofia.token];
    assert.deepEqual(tokens, expected.sort());
  });

  test('first.reply.created: the first public reply, message push data, to the inbox; then conversation.updated', async () => {
    const created = server.control.newConversation({ inboxId: INBOXES.website, content: 'Hello?' });
    const id = created.id as number;
    await settle();
    const from = marcus.client.frames.length;
    await api(server, 'POST', acc(`/conversations/${id}/messages`), { body: { content: 'a note first', private: true } });
    await settle();
    assert.ok(!eventsSince(marcus, from).includes('first.reply.created'), 'a private note is no reply');
    const reply = await api(server, 'POST', acc(`/conversations/${id}/messages`), { body: { content: 'Hi! How can I help?' } });
    const first = await marcus.client.event('first.reply.created', 2000, from);
    assert.equal(first.data.id, (reply.body as { id: number }).id);
    assert.equal(first.data.conversation_id, id);
    assert.equal(first.data.message_type, 1);
    assert.equal(first.data.content, 'Hi! How can I help?');
    const updated = await marcus.client.event('conversation.updated', 2000, marcus.client.frames.findIndex((f) => messageOf(f)?.event === 'first.reply.created'));
    assert.equal(updated.data.first_reply_created_at, first.data.created_at);
    await api(server, 'POST', acc(`/conversations/${id}/messages`), { body: { content: 'Still there?' } });
    await settle();
    assert.equal(eventsSince(marcus, from).filter((e) => e === 'first.reply.created').length, 1, 'only the first');
    assert.equal(eventsSince(priya, 0).filter((e) => e === 'first.reply.created').length, 1, 'administrators hear it too');
  });

  test('team.changed goes to the inbox members and administrators', async () => {
    const team = server.store.conversations.get(emailConv)?.teamId === 1 ? 2 : 1;
    server.control.assignTeam(emailConv, team, USERS.priya);
    const changed = await sofia.client.event('team.changed');
    assert.equal(changed.data.id, emailConv);
    assert.equal((changed.data.meta as { team: { id: number } }).team.id, team);
    await priya.client.event('team.changed');
    await settle();
    assert.deepEqual(marcus.client.events('team.changed'), [], 'not a Support Email member');
    server.control.assignTeam(emailConv, null, USERS.priya);
    const removed = await sofia.client.event('team.changed', 2000, sofia.client.frames.findIndex((f) => messageOf(f)?.event === 'team.changed') + 1);
    assert.equal((removed.data.meta as { team: unknown }).team ?? null, null);
  });

  test('a bot handoff opens the conversation and notifies the inbox members, with no conversation.bot_handoff frame', async () => {
    for (const id of [USERS.sofia, USERS.marcus, USERS.aisha]) server.store.users.get(id)?.notificationFlags.push('conversation_creation');
    server.control.setStatus(webConv, 'pending');
    await settle();
    const from = sofia.client.frames.length;
    server.control.botHandoff(webConv);
    const opened = await sofia.client.event('conversation.status_changed', 2000, from);
    assert.equal(opened.data.status, 'open');
    assert.equal(typeof opened.data.waiting_since, 'number');
    const n = await sofia.client.event('notification.created', 2000, from);
    assert.equal((n.data.notification as { notification_type: string }).notification_type, 'conversation_creation');
    assert.equal((n.data.notification as { primary_actor: { id: number } }).primary_actor.id, webConv);
    await marcus.client.event('notification.created');
    await settle();
    const c = server.store.conversations.get(webConv)!;
    assert.equal(server.store.notificationsOf(USERS.aisha).filter((x) => x.conversationDbId === c.dbId).length, 0, 'an administrator outside the inbox is not notified');
    for (const a of [priya, sofia, marcus]) assert.deepEqual(a.client.events('conversation.bot_handoff'), []);
  });

  test('contact events: the account stream in 4.x, every agent’s own token in 3.x', async () => {
    const mark = server.control.mark();
    server.control.updateContact(server.store.conversations.get(webConv)!.contactId, { name: 'Renamed Again' });
    await server.control.waitForEventsDelivered();
    const streams = streamsOf('contact.updated', mark);
    assert.equal(streams.length, 1);
    if (server.chatwoot >= 4) assert.deepEqual(streams[0], [`account_${server.accountId}`]);
    else assert.deepEqual(streams[0], server.users().map((u) => u.pubsubToken).sort());
    // Either way every subscribed agent hears it exactly once.
    for (const a of [priya, sofia, marcus]) assert.equal((await a.client.event('contact.updated')).data.name, 'Renamed Again');
    await settle();
    for (const a of [priya, sofia, marcus]) assert.equal(a.client.events('contact.updated').length, 1);
  });
});
