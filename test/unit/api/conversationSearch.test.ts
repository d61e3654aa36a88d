import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { listContactConversations, searchContacts } from '../../../src/api/contacts';
import { searchConversations } from '../../../src/api/conversationSearch';
import { ApiError } from '../../../src/api/errors';
import { TestHttpServer } from '../../helpers/httpServer';
import { CapturingLogger } from '../../helpers/logs';
import { startServer, USERS, type FakeChatwoot } from '../../server';

// Against the stand-in, in whichever Chatwoot line CHATWOOT_STANDIN_VERSION selects (3 or 4).
suite('api: conversation and contact search', () => {
  let server: FakeChatwoot;
  let logger: CapturingLogger;
  let client: ApiClient;

  suiteSetup(async () => {
    server = await startServer();
  });
  suiteTeardown(() => server.stop());
  setup(() => {
    logger = new CapturingLogger();
    client = new ApiClient({ baseUrl: server.url, token: server.demoToken, logger });
  });
  teardown(() => server.control.reset());

  const store = () => server.store;
  const conversationsOf = (contactId: number) => [...store().conversations.values()].filter((c) => c.contactId === contactId);

  test('conversations/search finds a private note and returns only the messages that matched', async () => {
    const note = [...store().conversations.values()].flatMap((c) => c.messages).find((m) => m.private && (m.content ?? '').length > 20);
    assert.ok(note, 'the seed has a private note');
    const needle = note.content!.slice(0, 20).toUpperCase();
    const hits = await searchConversations(client, server.accountId, needle);
    const hit = hits.find((h) => h.id === note.conversationDisplayId);
    assert.ok(hit, `conversation #${note.conversationDisplayId} found by its note`);
    assert.ok(hit.messages.some((m) => m.id === note.id && m.message_type === 1));
    assert.ok(hits.every((h) => h.messages.every((m) => (m.content ?? '').toLowerCase().includes(needle.toLowerCase()))));
    // Cut down: no status, inbox_id or meta, but the contact and the inbox by name.
    const held = store().conversations.get(hit.id)!;
    assert.equal(hit.contact.id, held.contactId);
    assert.equal(hit.inbox.id, held.inboxId);
    assert.equal('status' in hit, false);
    assert.equal('meta' in hit, false);
  });

  test('conversations/search does not match the contact: a name that no message contains finds nothing', async () => {
    const allText = [...store().conversations.values()].flatMap((c) => c.messages.map((m) => (m.content ?? '').toLowerCase())).join('\n');
    const contact = [...store().contacts.values()].find((c) => conversationsOf(c.id).length > 0 && !allText.includes(c.name.toLowerCase()));
    assert.ok(contact, 'a contact whose name no message mentions');
    assert.deepEqual(await searchConversations(client, server.accountId, contact.name), []);
  });

  test('conversations/search pages 25 at a time, newest activity first, across every status', async () => {
    const hits = await searchConversations(client, server.accountId, 'e');
    assert.equal(hits.length, 25);
    const activity = hits.map((h) => store().conversations.get(h.id)!.lastActivityAt);
    assert.deepEqual(activity, [...activity].sort((a, b) => b - a));
    const page2 = await searchConversations(client, server.accountId, 'e', { page: 2 });
    assert.ok(page2.length > 0 && page2.every((h) => !hits.some((x) => x.id === h.id)));
    const statuses = new Set([...hits, ...page2].map((h) => store().conversations.get(h.id)!.status));
    assert.ok(statuses.size > 1, `more than one status among the hits: ${[...statuses].join(', ')}`);
  });

  test('contacts/search matches e-mail, phone and name; 3.x leaves out anonymous visitors', async () => {
    const withPhone = [...store().contacts.values()].find((c) => c.phoneNumber && c.email)!;
    const byEmail = await searchContacts(client, server.accountId, withPhone.email!.toUpperCase());
    assert.deepEqual(byEmail.contacts.map((c) => c.id), [withPhone.id]);
    assert.equal(byEmail.hasMore, false);
    const byPhone = await searchContacts(client, server.accountId, withPhone.phoneNumber!.slice(3, 9));
    assert.ok(byPhone.contacts.some((c) => c.id === withPhone.id));
    const anonymous = [...store().contacts.values()].find((c) => !c.email && !c.phoneNumber && !c.identifier)!;
    const byName = await searchContacts(client, server.accountId, anonymous.name);
    assert.deepEqual(byName.contacts.map((c) => c.id), server.chatwoot === 4 ? [anonymous.id] : []);
  });

  test('contacts/search pages 15 at a time and says when there are more', async () => {
    const first = await searchContacts(client, server.accountId, 'a');
    assert.equal(first.contacts.length, 15);
    assert.equal(first.hasMore, true);
    const second = await searchContacts(client, server.accountId, 'a', { page: 2 });
    assert.ok(second.contacts.every((c) => !first.contacts.some((f) => f.id === c.id)));
  });

  test('contacts/{id}/conversations lists the contact\'s conversations in full, in the version\'s order', async () => {
    const contactId = [...store().contacts.keys()].sort((a, b) => conversationsOf(b).length - conversationsOf(a).length)[0];
    const list = await listContactConversations(client, server.accountId, contactId);
    const expected = conversationsOf(contactId)
      .sort((a, b) => (server.chatwoot === 4 ? b.lastActivityAt - a.lastActivityAt || b.dbId - a.dbId : b.dbId - a.dbId))
      .slice(0, 20)
      .map((c) => c.displayId);
    assert.ok(expected.length > 1, 'a contact with several conversations');
    assert.deepEqual(list.map((c) => c.id), expected);
    assert.ok(list.every((c) => c.meta.sender.id === contactId && typeof c.status === 'string' && typeof c.inbox_id === 'number'));
  });

  test('contacts/{id}/conversations leaves out inboxes the agent is not a member of; an unknown contact is not-found', async () => {
    const marcus = new ApiClient({ baseUrl: server.url, token: server.user(USERS.marcus).accessToken });
    const visible = new Set(server.user(USERS.marcus).inboxIds);
    const contactId = [...store().contacts.keys()].find((id) => conversationsOf(id).some((c) => !visible.has(c.inboxId)))!;
    const list = await listContactConversations(marcus, server.accountId, contactId);
    assert.ok(list.every((c) => visible.has(c.inbox_id)));
    await assert.rejects(listContactConversations(client, server.accountId, 99999), (e: unknown) => e instanceof ApiError && e.kind === 'not-found');
  });

  test('an aborted search fails as cancelled, without a warning in the log', async () => {
    server.control.failNext(1, 'hang', '/conversations/search');
    const controller = new AbortController();
    const pending = searchConversations(client, server.accountId, 'refund', { signal: controller.signal });
    await server.control.waitForKind('request', (r) => r.path.endsWith('/conversations/search'), 5000);
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof ApiError && e.kind === 'cancelled');
    assert.deepEqual(logger.at('warn'), []);
  });
});

suite('api: search answers of the wrong shape', () => {
  let http: TestHttpServer;
  let logger: CapturingLogger;
  let client: ApiClient;

  setup(async () => {
    http = await TestHttpServer.start();
    logger = new CapturingLogger();
    client = new ApiClient({ baseUrl: http.baseUrl, token: 'token-for-shape-tests', logger });
  });
  teardown(() => http.close());

  test('the list envelope ({ data: { payload } }) is an invalid-response error, logged with the path', async () => {
    http.responder = () => ({ body: { data: { meta: {}, payload: [] } } });
    await assert.rejects(searchConversations(client, 7, 'refund'), (e: unknown) => e instanceof ApiError && e.kind === 'invalid-response' && /payload/.test(e.message));
    assert.match(logger.at('warn').join('\n'), /conversations\/search: unexpected response shape/);
  });

  test('a hit without its inbox is rejected; a hit without uuid (older builds) is accepted', async () => {
    const hit = { id: 4, created_at: 1, contact: { id: 2, name: 'Ann' }, inbox: { id: 1, name: 'Web', channel_type: 'Channel::WebWidget' }, messages: [{ id: 9, content: 'refund', message_type: 0, created_at: 5 }], account_id: 7 };
    http.responder = () => ({ body: { meta: { mine_count: 0, unassigned_count: 1, all_count: 1 }, payload: [hit] } });
    assert.equal((await searchConversations(client, 7, 'refund'))[0].messages[0].content, 'refund');
    assert.equal(http.requests[0].url, '/api/v1/accounts/7/conversations/search?q=refund&page=1');
    http.responder = () => ({ body: { payload: [{ ...hit, inbox: undefined }] } });
    await assert.rejects(searchConversations(client, 7, 'refund'), (e: unknown) => e instanceof ApiError && e.kind === 'invalid-response');
  });

  test('contacts/search: a 3.x meta (count of all matches, no has_more) still says when there are more', async () => {
    const contact = { id: 1, name: 'Ann', email: 'ann@example.com' };
    http.responder = () => ({ body: { meta: { count: 31, current_page: '2' }, payload: [contact] } });
    assert.equal((await searchContacts(client, 7, 'ann', { page: 2 })).hasMore, true);
    http.responder = () => ({ body: { meta: { count: 31, current_page: '3' }, payload: [contact] } });
    assert.equal((await searchContacts(client, 7, 'ann', { page: 3 })).hasMore, false);
    assert.equal(http.requests[0].url, '/api/v1/accounts/7/contacts/search?q=ann&page=2&include_contact_inboxes=false');
  });
});
