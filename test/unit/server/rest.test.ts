import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { acc, api } from '../../helpers/standInClient';
import { INBOXES, LONG_THREAD_ID, startServer, USERS, type FakeChatwoot } from '../../server/index';

// Shapes from docs/chatwoot-rest.md; zod objects ignore extra keys, so these check what a client relies on.
const UserPush = z.object({ id: z.number(), name: z.string(), available_name: z.string(), avatar_url: z.string(), type: z.literal('user'), availability_status: z.enum(['online', 'busy', 'offline']), thumbnail: z.string() });
const ContactPush = z.object({ id: z.number(), name: z.string(), email: z.string().nullable(), phone_number: z.string().nullable(), identifier: z.string().nullable(), thumbnail: z.string(), additional_attributes: z.record(z.string(), z.unknown()), custom_attributes: z.record(z.string(), z.unknown()), type: z.literal('contact') });
const Message = z.object({
  id: z.number(), content: z.string().nullable(), account_id: z.literal(1), inbox_id: z.number(), conversation_id: z.number(),
  message_type: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]), content_type: z.string(), content_attributes: z.record(z.string(), z.unknown()),
  private: z.boolean(), status: z.enum(['sent', 'delivered', 'read', 'failed']), source_id: z.string().nullable(), sender_type: z.enum(['User', 'Contact']).nullable(),
  sender_id: z.number().nullable(), created_at: z.number().int(), updated_at: z.string(), echo_id: z.string().optional(),
  attachments: z.array(z.object({ id: z.number(), message_id: z.number(), file_type: z.string(), account_id: z.number(), data_url: z.string(), thumb_url: z.string(), file_size: z.number() })).optional(),
  sender: z.union([UserPush, ContactPush]).optional(),
  conversation: z.object({ assignee_id: z.number().nullable(), unread_count: z.number(), last_activity_at: z.number(), contact_inbox: z.object({ source_id: z.string() }) }),
});
const Conversation = z.object({
  id: z.number(), account_id: z.literal(1), uuid: z.string(), inbox_id: z.number(), status: z.enum(['open', 'resolved', 'pending', 'snoozed']),
  priority: z.enum(['low', 'medium', 'high', 'urgent']).nullable(), unread_count: z.number().int(), labels: z.array(z.string()), muted: z.boolean(), can_reply: z.boolean(),
  snoozed_until: z.string().nullable(), timestamp: z.number().int(), last_activity_at: z.number().int(), created_at: z.number().int(), updated_at: z.number().optional(),
  agent_last_seen_at: z.number(), assignee_last_seen_at: z.number(), contact_last_seen_at: z.number(), first_reply_created_at: z.number().nullable(), waiting_since: z.number().nullable(),
  custom_attributes: z.record(z.string(), z.unknown()), additional_attributes: z.record(z.string(), z.unknown()), messages: z.array(Message), last_non_activity_message: Message.nullable(),
  // The list partial leaves assignee and team out when there is none; updated_at is 4.x only.
  meta: z.object({ sender: ContactPush, channel: z.string(), assignee: UserPush.optional(), team: z.object({ id: z.number(), name: z.string() }).optional(), hmac_verified: z.boolean() }),
});
const Counts = z.object({ mine_count: z.number(), assigned_count: z.number(), unassigned_count: z.number(), all_count: z.number() });
const List = z.object({ data: z.object({ meta: Counts, payload: z.array(Conversation) }) });
const SearchHit = z.object({
  id: z.number(), uuid: z.string(), created_at: z.number().int(), account_id: z.literal(1), contact: z.object({ id: z.number(), name: z.string() }),
  inbox: z.object({ id: z.number(), name: z.string(), channel_type: z.string() }),
  messages: z.array(z.object({ id: z.number(), content: z.string(), message_type: z.union([z.literal(0), z.literal(1)]), created_at: z.number().int(), sender_name: z.string().optional() })),
});
const SearchList = z.object({ meta: Counts, payload: z.array(SearchHit) });
const ContactSearch = z.object({
  meta: z.object({ count: z.number().int(), current_page: z.union([z.number(), z.string()]), has_more: z.boolean().optional() }),
  payload: z.array(ContactPush.omit({ type: true }).extend({ contact_inboxes: z.array(z.object({ source_id: z.string(), inbox: z.object({ id: z.number() }) })).optional() })),
});
const Agent = z.object({ id: z.number(), account_id: z.number(), availability_status: z.enum(['online', 'busy', 'offline']), auto_offline: z.boolean(), confirmed: z.boolean(), email: z.string(), available_name: z.string(), name: z.string(), role: z.enum(['agent', 'administrator']), thumbnail: z.string() });
const Profile = z.object({
  id: z.number(), access_token: z.string(), account_id: z.number(), pubsub_token: z.string(), name: z.string(), email: z.string(), role: z.string(), available_name: z.string(),
  accounts: z.array(z.object({ id: z.number(), name: z.string(), role: z.enum(['agent', 'administrator']), availability: z.enum(['online', 'busy', 'offline']), availability_status: z.enum(['online', 'busy', 'offline']), auto_offline: z.boolean() })).min(1),
});
const Notification = z.object({
  id: z.number(), notification_type: z.string(), push_message_title: z.string(), primary_actor_type: z.literal('Conversation'), primary_actor_id: z.number(),
  primary_actor: z.object({ id: z.number(), meta: z.object({ sender: ContactPush }) }), read_at: z.string().nullable(), secondary_actor: Message.nullable(),
  user: UserPush, created_at: z.number().int(), last_activity_at: z.number().int(), snoozed_until: z.string().nullable(),
});
const Messages = z.object({ meta: z.object({ labels: z.array(z.string()), additional_attributes: z.record(z.string(), z.unknown()), contact: ContactPush, agent_last_seen_at: z.number() }), payload: z.array(Message) });

suite('stand-in server: REST shapes and rules', () => {
  let server: FakeChatwoot;
  const tokenOf = (id: number): string => server.user(id).accessToken;

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
  });
  teardown(() => server.stop());

  test('GET /profile has the pubsub token, the user id and the account list with availability', async () => {
    const r = await api(server, 'GET', '/api/v1/profile');
    assert.equal(r.status, 200);
    const p = Profile.parse(r.body);
    assert.equal(p.id, USERS.priya);
    assert.equal(p.pubsub_token, server.user(USERS.priya).pubsubToken);
    assert.equal(p.accounts[0].role, 'administrator');
    // No heartbeat yet, so presence says offline although the chosen availability is online.
    assert.equal(p.accounts[0].availability, 'online');
    assert.equal(p.accounts[0].availability_status, 'offline');
  });

  test('POST /profile/availability changes availability and returns the profile', async () => {
    const r = await api(server, 'POST', '/api/v1/profile/availability', { body: { profile: { account_id: 1, availability: 'busy' } } });
    assert.equal(r.status, 200);
    assert.equal(Profile.parse(r.body).accounts[0].availability, 'busy');
    const bad = await api(server, 'POST', '/api/v1/profile/availability', { body: { profile: { account_id: 1, availability: 'asleep' } } });
    assert.equal(bad.status, 422);
  });

  test('conversation list: envelope, 25 per page, newest activity first, meta counted before the assignee filter', async () => {
    const all = List.parse((await api(server, 'GET', acc('/conversations?status=all&page=1'))).body);
    assert.equal(all.data.payload.length, 25);
    const acts = all.data.payload.map((c) => c.last_activity_at);
    assert.deepEqual(acts, [...acts].sort((a, b) => b - a));
    const page2 = List.parse((await api(server, 'GET', acc('/conversations?status=all&page=2'))).body);
    assert.equal(page2.data.payload.length, all.data.meta.all_count - 25);
    const m = all.data.meta;
    assert.equal(m.all_count, 40);
    assert.equal(m.assigned_count, m.all_count - m.unassigned_count);
    for (const type of ['me', 'unassigned', 'assigned', 'all'] as const) {
      const r = List.parse((await api(server, 'GET', acc(`/conversations?status=all&assignee_type=${type}`))).body);
      assert.deepEqual(r.data.meta, m, `counts ignore assignee_type=${type}`);
      const expected: number = { me: m.mine_count, unassigned: m.unassigned_count, assigned: m.assigned_count, all: m.all_count }[type];
      assert.equal(r.data.payload.length, Math.min(25, expected));
      if (type === 'me') assert.ok(r.data.payload.every((c) => c.meta.assignee?.id === USERS.priya));
      if (type === 'unassigned') assert.ok(r.data.payload.every((c) => c.meta.assignee === undefined));
    }
  });

  test('conversation list filters by status (default open) and inbox, and the counts follow them', async () => {
    const open = List.parse((await api(server, 'GET', acc('/conversations'))).body);
    assert.ok(open.data.payload.every((c) => c.status === 'open'));
    const resolved = List.parse((await api(server, 'GET', acc('/conversations?status=resolved'))).body);
    assert.ok(resolved.data.payload.length > 0 && resolved.data.payload.every((c) => c.status === 'resolved'));
    const email = List.parse((await api(server, 'GET', acc(`/conversations?status=all&inbox_id=${INBOXES.email}`))).body);
    assert.ok(email.data.payload.every((c) => c.inbox_id === INBOXES.email && c.meta.channel === 'Channel::Email'));
    assert.equal(email.data.meta.all_count, [...server.store.conversations.values()].filter((c) => c.inboxId === INBOXES.email).length);
    const meta = await api(server, 'GET', acc(`/conversations/meta?status=all&inbox_id=${INBOXES.email}`));
    assert.deepEqual(z.object({ data: z.object({ meta: Counts }) }).parse(meta.body).data.meta, email.data.meta);
  });

  test('an agent only sees the inboxes they are a member of', async () => {
    const r = List.parse((await api(server, 'GET', acc('/conversations?status=all&page=1'), { token: tokenOf(USERS.marcus) })).body);
    assert.ok(r.data.payload.every((c) => c.inbox_id === INBOXES.website || c.inbox_id === INBOXES.whatsapp));
    const inboxes = await api(server, 'GET', acc('/inboxes'), { token: tokenOf(USERS.marcus) });
    assert.deepEqual((inboxes.body as { payload: Array<{ id: number }> }).payload.map((i) => i.id), [INBOXES.website, INBOXES.whatsapp]);
  });

  test('GET one conversation by display id', async () => {
    const one = await api(server, 'GET', acc('/conversations/2'));
    assert.equal(Conversation.parse(one.body).id, 2);
  });

  test('conversations/search: its own envelope, cut-down items, only the messages that matched', async () => {
    // Chatwoot: conversations/search.json.jbuilder + api/v1/models/_conversation.json.jbuilder.
    const search = SearchList.parse((await api(server, 'GET', acc('/conversations/search?q=CHARSET'))).body);
    assert.ok(search.payload.length > 0);
    for (const hit of search.payload) {
      assert.deepEqual(Object.keys(hit).sort(), ['account_id', 'contact', 'created_at', 'id', 'inbox', 'messages', 'uuid']);
      assert.ok(hit.messages.length > 0 && hit.messages.every((m) => m.content.toLowerCase().includes('charset')));
    }
  });

  test('contacts/search: 422 without q; meta per version; contact_inboxes unless asked not to', async () => {
    assert.equal((await api(server, 'GET', acc('/contacts/search?q=%20'))).status, 422);
    const r = ContactSearch.parse((await api(server, 'GET', acc('/contacts/search?q=example&page=2'))).body);
    assert.equal(r.meta.current_page, '2');
    if (server.chatwoot === 4) {
      assert.equal(r.meta.count, r.payload.length);
      assert.equal(typeof r.meta.has_more, 'boolean');
    } else {
      assert.ok(r.meta.count > r.payload.length);
      assert.equal(r.meta.has_more, undefined);
    }
    assert.ok(r.payload.every((c) => Array.isArray(c.contact_inboxes)));
    const bare = ContactSearch.parse((await api(server, 'GET', acc('/contacts/search?q=example&include_contact_inboxes=false'))).body);
    assert.ok(bare.payload.every((c) => c.contact_inboxes === undefined));
  });

  test('contacts/{id}/conversations: the list partial under payload; 404 for an unknown contact', async () => {
    const contactId = [...server.store.conversations.values()][0].contactId;
    const Row = z.object({ id: z.number(), inbox_id: z.number(), status: z.string(), meta: z.object({ sender: ContactPush }) });
    const r = z.object({ payload: z.array(Row) }).parse((await api(server, 'GET', acc(`/contacts/${contactId}/conversations`))).body);
    assert.ok(r.payload.length > 0 && r.payload.every((c) => c.meta.sender.id === contactId));
    assert.equal((await api(server, 'GET', acc('/contacts/99999/conversations'))).status, 404);
  });

  test('contacts/{id}: the REST partial under payload, contact_inboxes unless asked not to; 404 once unknown', async () => {
    const contactId = [...server.store.conversations.values()][0].contactId;
    const Show = z.object({ payload: ContactPush.omit({ type: true }).extend({ availability_status: z.enum(['online', 'offline']), contact_inboxes: z.array(z.object({ source_id: z.string() })).optional() }) });
    assert.ok(Show.parse((await api(server, 'GET', acc(`/contacts/${contactId}`))).body).payload.contact_inboxes);
    assert.equal(Show.parse((await api(server, 'GET', acc(`/contacts/${contactId}?include_contact_inboxes=false`))).body).payload.contact_inboxes, undefined);
    assert.equal((await api(server, 'GET', acc('/contacts/99999'))).status, 404);
  });

  test('contacts/{id}/notes: a bare array newest first; create answers the note with the caller as author; blank is 422', async () => {
    const contactId = [...server.store.conversations.values()][0].contactId;
    const Note = z.object({ id: z.number(), content: z.string(), account_id: z.null(), contact_id: z.null(), user: Agent.optional(), created_at: z.number().int(), updated_at: z.number().int() });
    const made = await api(server, 'POST', acc(`/contacts/${contactId}/notes`), { body: { content: 'Prefers e-mail' } });
    assert.equal(made.status, 200);
    const note = Note.parse(made.body);
    assert.equal(note.user?.id, server.demoUserId);
    const nested = Note.parse((await api(server, 'POST', acc(`/contacts/${contactId}/notes`), { body: { note: { content: 'Second' } } })).body);
    const list = z.array(Note).parse((await api(server, 'GET', acc(`/contacts/${contactId}/notes`))).body);
    assert.deepEqual(list.slice(0, 2).map((n) => n.id), [nested.id, note.id]);
    assert.equal((await api(server, 'POST', acc(`/contacts/${contactId}/notes`), { body: { content: '  ' } })).status, 422);
    assert.equal((await api(server, 'GET', acc('/contacts/99999/notes'))).status, 404);
  });

  test('contacts/{id}/labels and conversations/{id}/participants: labels under payload; participants a bare array of agents', async () => {
    const c = [...server.store.conversations.values()][0];
    server.control.setContactLabels(c.contactId, ['vip']);
    assert.deepEqual((await api(server, 'GET', acc(`/contacts/${c.contactId}/labels`))).body, { payload: ['vip'] });
    c.participantIds.push(server.demoUserId);
    const who = z.array(Agent).parse((await api(server, 'GET', acc(`/conversations/${c.displayId}/participants`))).body);
    assert.deepEqual(who.map((a) => a.id), [server.demoUserId]);
  });

  test('messages: latest 20 oldest first; before gives 20 older; after gives up to 100 newer', async () => {
    const latest = Messages.parse((await api(server, 'GET', acc(`/conversations/${LONG_THREAD_ID}/messages`))).body);
    assert.equal(latest.payload.length, 20);
    const ids = latest.payload.map((m) => m.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    const all = server.store.conversations.get(LONG_THREAD_ID)?.messages.map((m) => m.id) ?? [];
    assert.deepEqual(ids, all.slice(-20));
    const older = Messages.parse((await api(server, 'GET', acc(`/conversations/${LONG_THREAD_ID}/messages?before=${ids[0]}`))).body);
    assert.deepEqual(older.payload.map((m) => m.id), all.slice(-40, -20));
    const newer = Messages.parse((await api(server, 'GET', acc(`/conversations/${LONG_THREAD_ID}/messages?after=${all[0]}`))).body);
    assert.deepEqual(newer.payload.map((m) => m.id), all.slice(1, 101));
  });

  test('seed has the realistic variety: attachments, a markdown code block, notes and activity lines', () => {
    const messages = [...server.store.conversations.values()].flatMap((c) => c.messages);
    assert.ok(messages.some((m) => m.attachments.some((a) => a.fileType === 'image')));
    assert.ok(messages.some((m) => m.attachments.some((a) => a.extension === 'pdf')));
    assert.ok(messages.some((m) => m.messageType === 1 && m.content?.includes('```')));
    assert.ok(messages.some((m) => m.private));
    assert.ok(messages.some((m) => m.messageType === 2));
    const statuses = new Set([...server.store.conversations.values()].map((c) => c.status));
    assert.deepEqual([...statuses].sort(), ['open', 'pending', 'resolved', 'snoozed']);
  });

  test('create message: reply and private note, echo_id echoed by the create call only, 422 on empty content', async () => {
    const reply = await api(server, 'POST', acc('/conversations/2/messages'), { body: { content: 'Hello **there**', echo_id: 'tmp-1' } });
    assert.equal(reply.status, 200);
    const m = Message.parse(reply.body);
    assert.equal(m.echo_id, 'tmp-1');
    assert.equal(m.message_type, 1);
    assert.equal(m.private, false);
    assert.equal(m.sender?.id, USERS.priya);
    const note = Message.parse((await api(server, 'POST', acc('/conversations/2/messages'), { body: { content: 'internal', private: true } })).body);
    assert.equal(note.private, true);
    assert.equal(note.echo_id, undefined);
    // Read back from the database the echo id is gone: it was never a column.
    const listed = (await api(server, 'GET', acc('/conversations/2/messages'))).body as { payload: Array<{ id: number; echo_id?: unknown }> };
    const again = listed.payload.find((x) => x.id === m.id);
    assert.ok(again, 'the reply is listed');
    assert.equal('echo_id' in again, false, 'the list does not carry the echo id');
    const empty = await api(server, 'POST', acc('/conversations/2/messages'), { body: { content: '   ' } });
    assert.equal(empty.status, 422);
    assert.equal(typeof (empty.body as { error: unknown }).error, 'string');
  });

  test('toggle_status: explicit, snoozed with snoozed_until, and the open/resolved toggle', async () => {
    const until = Math.floor(Date.now() / 1000) + 3600;
    const snooze = await api(server, 'POST', acc('/conversations/2/toggle_status'), { body: { status: 'snoozed', snoozed_until: until } });
    assert.deepEqual(snooze.body, { meta: {}, payload: { success: true, conversation_id: 2, current_status: 'snoozed', snoozed_until: new Date(until * 1000).toISOString() } });
    const open = await api(server, 'POST', acc('/conversations/2/toggle_status'), { body: { status: 'open' } });
    assert.equal((open.body as { payload: { current_status: string } }).payload.current_status, 'open');
    const toggled = await api(server, 'POST', acc('/conversations/2/toggle_status'), { body: {} });
    assert.equal((toggled.body as { payload: { current_status: string } }).payload.current_status, 'resolved');
    assert.equal((await api(server, 'POST', acc('/conversations/2/toggle_status'), { body: { status: 'closed' } })).status, 422);
  });

  test('toggle_priority answers 200 with no body', async () => {
    const r = await api(server, 'POST', acc('/conversations/2/toggle_priority'), { body: { priority: 'urgent' } });
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
    assert.equal(server.store.conversations.get(2)?.priority, 'urgent');
  });

  test('assignments: agent object or null; team object; agents may not assign others (401)', async () => {
    const a = await api(server, 'POST', acc('/conversations/30/assignments'), { body: { assignee_id: USERS.sofia } });
    assert.equal(Agent.parse(a.body).id, USERS.sofia);
    const none = await api(server, 'POST', acc('/conversations/30/assignments'), { body: { assignee_id: null } });
    assert.equal(none.text, 'null');
    const team = await api(server, 'POST', acc('/conversations/30/assignments'), { body: { team_id: 1 } });
    assert.equal((team.body as { name: string }).name, 'Billing');
    const refused = await api(server, 'POST', acc('/conversations/30/assignments'), { token: tokenOf(USERS.marcus), body: { assignee_id: USERS.sofia } });
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.body, { error: 'You are not authorized to do this action' });
    const self = await api(server, 'POST', acc('/conversations/30/assignments'), { token: tokenOf(USERS.marcus), body: { assignee_id: USERS.marcus } });
    assert.equal(self.status, 200);
  });

  test('update_last_seen zeroes unread_count (4.x renders the conversation, 3.x nothing); unread brings it back with no body', async () => {
    const c = [...server.store.conversations.values()].find((x) => server.store.unreadCount(x) > 0);
    assert.ok(c);
    const updatedAt = c.updatedAt;
    const read = await api(server, 'POST', acc(`/conversations/${c.displayId}/update_last_seen`));
    if (server.chatwoot === 4) {
      assert.equal(read.status, 200);
      // The conversation partial, as the list renders it (its full shape is checked above).
      const body = z.looseObject({ id: z.number(), unread_count: z.number(), agent_last_seen_at: z.number(), meta: z.looseObject({ sender: ContactPush }) }).parse(read.body);
      assert.equal(body.id, c.displayId);
      assert.equal(body.unread_count, 0);
    } else {
      assert.deepEqual([read.status, read.text], [204, '']);
    }
    assert.equal(server.store.unreadCount(c), 0);
    assert.equal(c.updatedAt, updatedAt, 'update_columns: updated_at stays');
    const unread = await api(server, 'POST', acc(`/conversations/${c.displayId}/unread`));
    assert.deepEqual([unread.status, unread.text], [204, '']);
    assert.ok(server.store.unreadCount(c) > 0);
    const again = await api(server, 'GET', acc(`/conversations/${c.displayId}`));
    assert.ok((again.body as { unread_count: number }).unread_count > 0);
  });

  test('typing status answers 200 with no body, and 422 on a bad value', async () => {
    assert.equal((await api(server, 'POST', acc('/conversations/2/toggle_typing_status'), { body: { typing_status: 'on' } })).text, '');
    assert.equal((await api(server, 'POST', acc('/conversations/2/toggle_typing_status'), { body: { typing_status: 'maybe' } })).status, 422);
  });

  test('notifications: list envelope, unread_count integer, mark one read, read_all', async () => {
    const list = await api(server, 'GET', acc('/notifications'));
    const body = z.object({ data: z.object({ meta: z.object({ unread_count: z.number(), count: z.number(), current_page: z.number() }), payload: z.array(Notification) }) }).parse(list.body);
    assert.ok(body.data.meta.unread_count > 0);
    assert.ok(body.data.payload.every((n) => n.read_at === null), 'read ones are excluded by default');
    const count = await api(server, 'GET', acc('/notifications/unread_count'));
    assert.equal(count.text, String(body.data.meta.unread_count));
    const one = await api(server, 'PATCH', acc(`/notifications/${body.data.payload[0].id}`));
    assert.notEqual(Notification.parse(one.body).read_at, null);
    assert.equal((await api(server, 'GET', acc('/notifications/unread_count'))).text, String(body.data.meta.unread_count - 1));
    const withRead = await api(server, 'GET', acc('/notifications?includes[]=read&type=read'));
    assert.ok((withRead.body as { data: { payload: Array<{ read_at: string | null }> } }).data.payload.some((n) => n.read_at !== null));
    assert.equal((await api(server, 'POST', acc('/notifications/read_all'))).status, 200);
    assert.equal((await api(server, 'GET', acc('/notifications/unread_count'))).text, '0');
    assert.equal((await api(server, 'PATCH', acc('/notifications/99999'))).status, 404);
  });

  test('notifications: each version honours only its own parameter; 15 a page; meta counts the list asked for', async () => {
    type ListBody = { data: { meta: { unread_count: number; count: number; current_page: number | string }; payload: Array<{ id: number; read_at: string | null }> } };
    const list = async (query: string) => (await api(server, 'GET', acc(`/notifications${query}`))).body as ListBody;
    const mine = server.store.notificationsOf(server.demoUserId);
    const unread = mine.filter((n) => n.readAt === null).length;
    assert.ok(mine.length > 15 && unread < mine.length, `the seed gives the demo user more than a page, some read (${mine.length}, ${unread} unread)`);
    const ours = server.chatwoot === 4 ? '?includes[]=read' : '?type=read';
    const theirs = server.chatwoot === 4 ? '?type=read' : '?includes[]=read';
    const all = await list(ours);
    assert.deepEqual([all.data.meta.count, all.data.meta.unread_count, all.data.payload.length], [mine.length, unread, 15]);
    assert.equal(all.data.meta.current_page, 1);
    const ignored = await list(theirs);
    assert.equal(ignored.data.meta.count, unread, 'the other spelling is ignored: unread only');
    const page2 = await list(`${ours}&page=2`);
    assert.equal(page2.data.meta.current_page, '2', 'current_page echoes params[:page]');
    assert.equal(page2.data.payload.length, mine.length - 15);
    assert.equal(new Set([...all.data.payload, ...page2.data.payload].map((n) => n.id)).size, mine.length);
    // Snoozed ones are left out of lists and counts unless asked for.
    const snoozed = mine.find((n) => n.readAt === null)!;
    snoozed.snoozedUntil = server.store.now() + 3600;
    assert.equal((await list(ours)).data.meta.count, mine.length - 1);
    assert.equal((await api(server, 'GET', acc('/notifications/unread_count'))).text, String(unread - 1));
    const withSnoozed = await list(server.chatwoot === 4 ? '?includes[]=read&includes[]=snoozed' : '?type=read&status=snoozed');
    assert.equal(withSnoozed.data.meta.count, mine.length);
  });

  test('canned responses: search matches short code first and content too', async () => {
    const all = await api(server, 'GET', acc('/canned_responses'));
    const items = z.array(z.object({ id: z.number(), short_code: z.string(), content: z.string() })).parse(all.body);
    assert.ok(items.some((c) => c.content.includes('{{contact.name}}')));
    const hits = z.array(z.object({ short_code: z.string(), content: z.string() })).parse((await api(server, 'GET', acc('/canned_responses?search=refund'))).body);
    assert.equal(hits[0].short_code, 'refund');
    const byContent = z.array(z.object({ short_code: z.string() })).parse((await api(server, 'GET', acc('/canned_responses?search=invoices'))).body);
    assert.deepEqual(byContent.map((c) => c.short_code), ['invoice']);
  });

  test('labels, conversation labels (replace the set), agents, assignable agents, teams', async () => {
    const labels = z.object({ payload: z.array(z.object({ id: z.number(), title: z.string(), description: z.string(), color: z.string(), show_on_sidebar: z.boolean() })) }).parse((await api(server, 'GET', acc('/labels'))).body);
    assert.ok(labels.payload.length >= 5);
    const set = await api(server, 'POST', acc('/conversations/2/labels'), { body: { labels: ['vip', 'bug'] } });
    assert.deepEqual(set.body, { payload: ['vip', 'bug'] });
    assert.deepEqual((await api(server, 'GET', acc('/conversations/2/labels'))).body, { payload: ['vip', 'bug'] });
    const agents = z.array(Agent).parse((await api(server, 'GET', acc('/agents'))).body);
    assert.equal(agents.length, 5);
    const assignable = z.object({ payload: z.array(Agent) }).parse((await api(server, 'GET', acc(`/assignable_agents?inbox_ids[]=${INBOXES.whatsapp}`))).body);
    assert.deepEqual(assignable.payload.map((a) => a.id), [USERS.priya, USERS.marcus, USERS.aisha]);
    const teams = z.array(z.object({ id: z.number(), name: z.string(), description: z.string(), allow_auto_assign: z.boolean(), account_id: z.number(), is_member: z.boolean() })).parse((await api(server, 'GET', acc('/teams'))).body);
    assert.equal(teams.find((t) => t.name === 'Technical')?.is_member, true);
  });

  test('errors are Chatwoot’s: 401 invalid token, 401 permission, 404 not found', async () => {
    const noToken = await api(server, 'GET', '/api/v1/profile', { token: null });
    assert.deepEqual([noToken.status, noToken.body], [401, { error: 'Invalid Access Token' }]);
    const bad = await api(server, 'GET', acc('/conversations'), { token: 'wrong' });
    assert.deepEqual([bad.status, bad.body], [401, { error: 'Invalid Access Token' }]);
    const emailConversation = [...server.store.conversations.values()].find((c) => c.inboxId === INBOXES.email);
    assert.ok(emailConversation);
    const refused = await api(server, 'GET', acc(`/conversations/${emailConversation.displayId}`), { token: tokenOf(USERS.marcus) });
    assert.deepEqual([refused.status, refused.body], [401, { error: 'You are not authorized to do this action' }]);
    const missing = await api(server, 'GET', acc('/conversations/9999'));
    assert.deepEqual([missing.status, missing.body], [404, { error: 'Resource could not be found' }]);
    const otherAccount = await api(server, 'GET', '/api/v1/accounts/2/conversations');
    assert.equal(otherAccount.status, 404);
  });
});
