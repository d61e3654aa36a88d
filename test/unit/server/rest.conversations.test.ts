import * as assert from 'node:assert/strict';
import { acc, api, subscribed, type BroadcastMessage, type Subscriber } from '../../helpers/standInClient';
import { INBOXES, startServer, USERS, type ChatwootVersion, type FakeChatwoot } from '../../server/index';
import type { Conversation } from '../../server/types';

interface Row {
  id: number;
  updated_at?: number;
  last_activity_at: number;
  meta: { assignee?: { id: number; name: string; type?: string; assignee_type?: string } | null; assignee_type?: string | null };
}
interface ListBody {
  data: { meta: { mine_count: number; assigned_count: number; unassigned_count: number; all_count: number }; payload: Row[] };
}

/**
 * The conversation list and its events as each Chatwoot line shapes them (bot owners, the
 * reopen rule of toggle_status, `updated_at`, order with ties). Both versions run in every mode.
 */
for (const version of [3, 4] as ChatwootVersion[]) {
  suite(`stand-in server ${version}.x: conversation shapes, bot owners, reopen, order`, () => {
    let server: FakeChatwoot;
    let marcus: Subscriber;
    let target: Conversation;

    setup(async () => {
      server = await startServer({ pingIntervalMs: 60_000, chatwoot: version });
      // A resolved, unassigned Website conversation: Marcus (agent) is a member of Website.
      const c = [...server.store.conversations.values()].find((x) => x.inboxId === INBOXES.website);
      assert.ok(c);
      target = c;
      target.status = 'resolved';
      target.assigneeId = null;
      marcus = await subscribed(server, USERS.marcus);
    });
    teardown(async () => {
      marcus.client.close();
      await server.stop();
    });

    const tokenOf = (id: number): string => server.user(id).accessToken;
    const list = async (query: string, token = server.demoToken): Promise<ListBody> => (await api(server, 'GET', acc(`/conversations?${query}`), { token })).body as ListBody;
    const rowOf = (body: ListBody, id: number): Row | undefined => body.data.payload.find((r) => r.id === id);
    /** Every event Marcus hears about the target, in order, up to a fence sent after the action. */
    const heard = async (): Promise<BroadcastMessage[]> => {
      await marcus.client.fence(server, marcus.token);
      return marcus.client.events().filter((e) => (e.data as { id?: number; conversation_id?: number }).id === target.displayId || e.data.conversation_id === target.displayId);
    };

    test('REST rows carry updated_at from 4.0.2 on, push data too; 3.x has neither, only the timestamps', async () => {
      const row = rowOf(await list('status=all'), target.displayId) ?? rowOf(await list('status=all&page=2'), target.displayId);
      assert.ok(row);
      assert.equal(typeof row.last_activity_at, 'number');
      assert.equal('updated_at' in row, version === 4);
      server.control.setStatus(target.displayId, 'open', USERS.priya);
      const pushed = (await marcus.client.event('conversation.status_changed')).data;
      assert.equal('updated_at' in pushed, version === 4);
      assert.equal(typeof pushed.timestamp, 'number');
    });

    test('an unassigned row has no assignee key; push data says null, and assignee_type (4.x) null', async () => {
      const row = rowOf(await list('status=resolved'), target.displayId);
      assert.ok(row);
      assert.equal('assignee' in row.meta, false);
      server.control.setStatus(target.displayId, 'open', USERS.priya);
      const meta = (await marcus.client.event('conversation.status_changed')).data.meta as Row['meta'];
      assert.equal(meta.assignee, null);
      assert.equal('assignee_type' in meta, version === 4);
      if (version === 4) assert.equal(meta.assignee_type, null);
    });

    test('a bot owner (4.x) is named as a bot, listed and counted as unassigned, never as the user with its id', async () => {
      if (version === 3) {
        assert.throws(() => server.control.assignBot(target.displayId, USERS.marcus, 'Captain Bot'), /3\.x has no AgentBot/);
        return;
      }
      target.status = 'open';
      const before = (await list('status=open', tokenOf(USERS.marcus))).data.meta;
      server.control.assignBot(target.displayId, USERS.marcus, 'Captain Bot');
      const changed = await marcus.client.event('assignee.changed');
      assert.deepEqual((changed.data.meta as Row['meta']).assignee, { id: USERS.marcus, name: 'Captain Bot', avatar_url: '', type: 'agent_bot' });
      assert.equal((changed.data.meta as Row['meta']).assignee_type, 'AgentBot');
      const mine = await list('status=open&assignee_type=me', tokenOf(USERS.marcus));
      assert.equal(rowOf(mine, target.displayId), undefined, 'not Marcus’s although the bot has his id');
      const unassigned = await list('status=open&assignee_type=unassigned', tokenOf(USERS.marcus));
      const row = rowOf(unassigned, target.displayId) ?? rowOf(await list('status=open&assignee_type=unassigned&page=2', tokenOf(USERS.marcus)), target.displayId);
      assert.ok(row, 'assignee_id is nil: listed as unassigned');
      assert.equal(row.meta.assignee_type, 'AgentBot');
      assert.equal(row.meta.assignee?.assignee_type, 'AgentBot', 'agent_bot_slim');
      assert.equal(row.meta.assignee?.name, 'Captain Bot');
      assert.deepEqual(unassigned.data.meta, before, 'counted as unassigned as before, not as mine or assigned');
    });

    test('toggle_status: an agent who reopens becomes the assignee; assignee.changed follows the status events', async () => {
      const reply = await api(server, 'POST', acc(`/conversations/${target.displayId}/toggle_status`), { token: tokenOf(USERS.marcus), body: { status: 'open' } });
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys((reply.body as { payload: object }).payload).sort(), ['conversation_id', 'current_status', 'snoozed_until', 'success'], 'the reply names no assignee');
      assert.equal(target.assigneeId, USERS.marcus);
      await marcus.client.event('assignee.changed');
      const names = (await heard()).filter((e) => e.event !== 'message.created').map((e) => e.event);
      assert.deepEqual(names, ['conversation.status_changed', 'conversation.updated', 'assignee.changed', 'conversation.updated']);
      const statusEvent = (await heard()).find((e) => e.event === 'conversation.status_changed');
      const assigneeThen = ((statusEvent?.data.meta as Row['meta']).assignee ?? null)?.id ?? null;
      // 3.x renders each event when its save is dispatched: before the assignment; 4.x re-reads.
      assert.equal(assigneeThen, version === 3 ? null : USERS.marcus);
    });

    test('toggle_status to the status it has: no status events, but an agent still takes it', async () => {
      target.status = 'open';
      target.assigneeId = USERS.sofia;
      await api(server, 'POST', acc(`/conversations/${target.displayId}/toggle_status`), { token: tokenOf(USERS.marcus), body: { status: 'open' } });
      await marcus.client.event('assignee.changed');
      const names = (await heard()).map((e) => e.event);
      assert.ok(!names.includes('conversation.status_changed'), names.join());
      assert.equal(target.assigneeId, USERS.marcus, 'should_assign_conversation? / handle_human_open: whoever held it');
    });

    test('toggle_status by an administrator assigns nobody; in 4.x it takes the conversation from a bot', async () => {
      if (version === 4) {
        server.control.assignBot(target.displayId, 7, 'Helper Bot');
        await marcus.client.event('assignee.changed');
      }
      await api(server, 'POST', acc(`/conversations/${target.displayId}/toggle_status`), { body: { status: 'open' } });
      await marcus.client.event('conversation.status_changed');
      assert.equal(target.assigneeId, null);
      assert.equal(target.assigneeBotId, null, version === 4 ? 'handle_human_open clears the bot' : 'no bots in 3.x');
      const names = (await heard()).map((e) => e.event);
      assert.equal(names.filter((n) => n === 'assignee.changed').length, version === 4 ? 2 : 0);
    });

    test('equal last_activity_at come in no fixed order: flipping it between two pages moves the boundary', async () => {
      const all = [...server.store.conversations.values()];
      for (const c of all) c.lastActivityAt = 1_700_000_000;
      const ids = (b: ListBody): number[] => b.data.payload.map((r) => r.id);
      const first = ids(await list('status=all&page=1'));
      server.control.setTieOrder('id-asc');
      const second = ids(await list('status=all&page=2'));
      assert.equal(first.length, 25);
      assert.ok(all.length > 25);
      const missed = all.map((c) => c.displayId).filter((id) => !first.includes(id) && !second.includes(id));
      assert.ok(missed.length > 0 || first.some((id) => second.includes(id)), 'the two pages overlap or miss rows');
      server.control.reset();
      const again = ids(await list('status=all&page=1'));
      assert.deepEqual(again, first, 'reset restores the default order');
    });
  });
}
