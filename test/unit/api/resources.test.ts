import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import {
  assignAgent,
  assignTeam,
  getConversationCounts,
  listConversations,
  setConversationLabels,
  togglePriority,
  toggleStatus,
  toggleTyping,
} from '../../../src/api/conversations';
import { createMessage, listMessages } from '../../../src/api/messages';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../../src/api/notifications';
import { defaultAccountId } from '../../../src/api/profile';
import { markRead, markUnread } from '../../../src/api/readState';
import { Profile } from '../../../src/model/profile';
import { API_TOKEN, profileBody } from '../../fixtures/profile';
import { seedFrames } from '../../fixtures/seeds';
import { TestHttpServer } from '../../helpers/httpServer';

const conversation = seedFrames['conversation.read'].message.data;
const message = seedFrames['message.created'].message.data;
const counts = { mine_count: 1, unassigned_count: 2, all_count: 3 };

suite('api resources', () => {
  let server: TestHttpServer;
  let client: ApiClient;

  setup(async () => {
    server = await TestHttpServer.start();
    client = new ApiClient({ baseUrl: server.baseUrl, token: API_TOKEN });
  });

  teardown(() => server.close());

  const last = () => server.requests[server.requests.length - 1];
  const lastBody = () => JSON.parse(last().body) as unknown;

  test('listConversations: filters as Rails query params; data.meta + data.payload', async () => {
    server.responder = () => ({ body: { data: { meta: counts, payload: [conversation] } } });
    const list = await listConversations(client, 3, { status: 'open', assigneeType: 'me', page: 2, labels: ['vip', 'billing'] });
    assert.equal(last().url, '/api/v1/accounts/3/conversations?status=open&assignee_type=me&labels%5B%5D=vip&labels%5B%5D=billing&page=2');
    assert.equal(list.meta.mine_count, 1);
    assert.equal(list.payload[0].id, 9);
  });

  test('getConversationCounts reads /conversations/meta', async () => {
    server.responder = () => ({ body: { data: { meta: counts } } });
    assert.deepEqual(await getConversationCounts(client, 3, { status: 'open' }), counts);
    assert.equal(last().url, '/api/v1/accounts/3/conversations/meta?status=open');
  });

  test('toggleStatus posts status (and snoozed_until) and returns the payload', async () => {
    server.responder = () => ({
      body: { meta: {}, payload: { success: true, conversation_id: 9, current_status: 'snoozed', snoozed_until: 1700000000 } },
    });
    const result = await toggleStatus(client, 3, 9, { status: 'snoozed', snoozedUntil: 1700000000 });
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/toggle_status');
    assert.deepEqual(lastBody(), { status: 'snoozed', snoozed_until: 1700000000 });
    assert.equal(result.current_status, 'snoozed');
  });

  test('assignAgent sends assignee_id, also null to unassign', async () => {
    server.responder = () => ({ body: { id: 5, name: 'Jane', available_name: 'Jane', role: 'agent' } });
    assert.equal((await assignAgent(client, 3, 9, 5))?.name, 'Jane');
    assert.deepEqual(lastBody(), { assignee_id: 5 });
    server.responder = () => ({ body: null });
    assert.equal(await assignAgent(client, 3, 9, null), null);
    assert.deepEqual(lastBody(), { assignee_id: null });
  });

  test('assignTeam sends team_id (null removes it) and answers the team or null', async () => {
    server.responder = () => ({ body: { id: 4, name: 'Support', allow_auto_assign: true } });
    assert.deepEqual(await assignTeam(client, 3, 9, 4), { id: 4, name: 'Support', allow_auto_assign: true });
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/assignments');
    assert.deepEqual(lastBody(), { team_id: 4 });
    server.responder = () => ({ body: null });
    assert.equal(await assignTeam(client, 3, 9, null), null);
    assert.deepEqual(lastBody(), { team_id: null });
  });

  test('togglePriority sends the priority or null and takes the empty 200', async () => {
    server.responder = () => ({ status: 200 });
    await togglePriority(client, 3, 9, 'urgent');
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/toggle_priority');
    assert.deepEqual(lastBody(), { priority: 'urgent' });
    await togglePriority(client, 3, 9, null);
    assert.deepEqual(lastBody(), { priority: null });
  });

  test('setConversationLabels sends the whole set and answers the titles kept', async () => {
    server.responder = () => ({ body: { payload: ['billing'] } });
    assert.deepEqual(await setConversationLabels(client, 3, 9, ['billing', 'gone']), ['billing']);
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/labels');
    assert.deepEqual(lastBody(), { labels: ['billing', 'gone'] });
  });

  test('read marks and toggleTyping accept empty bodies', async () => {
    server.responder = () => ({ status: 204 });
    assert.deepEqual(await markRead(client, 3, 9), { conversation: undefined, unreadCount: undefined });
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/update_last_seen');
    server.responder = () => ({ status: 200 });
    assert.deepEqual(await markUnread(client, 3, 9), { conversation: undefined, unreadCount: undefined });
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/unread');
    await toggleTyping(client, 3, 9, true, true);
    assert.equal(last().url, '/api/v1/accounts/3/conversations/9/toggle_typing_status');
    assert.deepEqual(lastBody(), { typing_status: 'on', is_private: true });
  });

  test('mark read takes the conversation 4.x renders, a bare unread_count, or reports what it could not use', async () => {
    server.responder = () => ({ body: { ...conversation, unread_count: 0 } });
    const full = await markRead(client, 3, 9);
    assert.equal(full.conversation?.id, conversation.id);
    assert.equal(full.unreadCount, 0);
    server.responder = () => ({ body: { id: 9, agent_last_seen_at: 1, unread_count: 0 } });
    assert.deepEqual(await markRead(client, 3, 9), { conversation: undefined, unreadCount: 0 });
    server.responder = () => ({ body: { id: 'nine' } });
    const odd = await markRead(client, 3, 9);
    assert.equal(odd.conversation, undefined);
    assert.equal(odd.unreadCount, undefined);
    assert.match(odd.unrecognised ?? '', /id/);
  });

  test('listMessages pages with before/after', async () => {
    server.responder = () => ({ body: { meta: { labels: [] }, payload: [message] } });
    const page = await listMessages(client, 3, 7, { after: 100 });
    assert.equal(last().url, '/api/v1/accounts/3/conversations/7/messages?after=100');
    assert.equal(page.payload[0].id, 106);
    await listMessages(client, 3, 7, { before: 50 });
    assert.equal(last().url, '/api/v1/accounts/3/conversations/7/messages?before=50');
    await listMessages(client, 3, 7);
    assert.equal(last().url, '/api/v1/accounts/3/conversations/7/messages');
  });

  test('createMessage sends content, private and echo_id', async () => {
    server.responder = () => ({ body: { ...message, echo_id: 'echo-1', private: true } });
    const created = await createMessage(client, 3, 7, { content: 'hello', private: true, echoId: 'echo-1' });
    assert.deepEqual(lastBody(), { content: 'hello', private: true, message_type: 'outgoing', echo_id: 'echo-1' });
    assert.equal(created.echo_id, 'echo-1');
  });

  test('notifications: list with includes[], mark one read, mark all read', async () => {
    const notification = { id: 4, notification_type: 'conversation_mention', created_at: 1, read_at: null };
    server.responder = () => ({
      body: { data: { meta: { unread_count: 1, count: 1, current_page: 1 }, payload: [notification] } },
    });
    const list = await listNotifications(client, 3, { page: 1, includeRead: true });
    // Both spellings: 4.x reads includes[], the first 3.x finder type= (each ignores the other).
    assert.equal(last().url, '/api/v1/accounts/3/notifications?page=1&includes%5B%5D=read&type=read');
    assert.equal(list.payload[0].notification_type, 'conversation_mention');
    server.responder = () => ({ body: notification });
    await markNotificationRead(client, 3, 4);
    assert.equal(last().method, 'PATCH');
    assert.equal(last().url, '/api/v1/accounts/3/notifications/4');
    server.responder = () => ({ status: 200 });
    await markAllNotificationsRead(client, 3, 1007);
    assert.deepEqual(lastBody(), { primary_actor_type: 'Conversation', primary_actor_id: 1007 });
  });

  test('defaultAccountId prefers the active account', () => {
    const profile = Profile.parse(
      profileBody({
        account_id: 2,
        accounts: [
          { id: 1, name: 'A' },
          { id: 2, name: 'B' },
        ],
      }),
    );
    assert.equal(defaultAccountId(profile), 2);
    assert.equal(defaultAccountId({ ...profile, account_id: 99 }), 1);
    assert.equal(defaultAccountId({ ...profile, accounts: [] }), undefined);
  });
});
