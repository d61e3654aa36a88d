import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { ConversationActions } from '../../../src/conversations/actions';
import { restBackend } from '../../../src/conversations/backend';
import { REFETCH_ON_FOCUS_MIN_INTERVAL_MS } from '../../../src/conversations/refetchOnFocus';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { RoomChannel } from '../../../src/realtime/roomChannel';
import { DemoAgentCable } from '../../helpers/demoAgentCable';
import { FakeClock } from '../../helpers/fakeClock';
import { FakeFocus } from '../../helpers/fakeFocus';
import { CapturingLogger } from '../../helpers/logs';
import { nextEvent, within } from '../../helpers/wait';
import { INBOXES, startServer, USERS, type FakeChatwoot } from '../../server/index';

const UNREAD_COUNTS_DELAY_MS = 5000;

/**
 * Read state against the stand-in Chatwoot, in the version CHATWOOT_STANDIN_VERSION picks (run
 * the suite under both). Chatwoot broadcasts nothing for an agent's mark-read (3.x and 4.x alike;
 * 4.x adds a payload-less `conversation.unread_count_changed`), and `conversation.read` means the
 * contact read it. The product's REST client, store, sync and actions are real; the sync's timers
 * run on a fake clock so the coalescing and the 30 s focus bound are observed without waiting.
 */
suite('read state against the stand-in server', function () {
  this.timeout(20_000);
  let server: FakeChatwoot;
  let clock: FakeClock;
  let focus: FakeFocus;
  let logger: CapturingLogger;
  let api: ApiClient;
  let store: ConversationStore;
  let sync: ConversationSync;
  let actions: ConversationActions;
  let cable: DemoAgentCable;

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
    clock = new FakeClock();
    focus = new FakeFocus(true);
    logger = new CapturingLogger();
    api = new ApiClient({ baseUrl: server.url, token: server.demoToken });
    store = new ConversationStore(server.accountId, server.demoUserId);
    sync = new ConversationSync(store, restBackend(api, server.accountId), { clock, logger, focus, unreadCountsDelayMs: UNREAD_COUNTS_DELAY_MS });
    actions = new ConversationActions(store, sync.backend, sync, logger);
    cable = new DemoAgentCable(server, api, logger);
    await sync.start();
  });

  teardown(async () => {
    cable.dispose();
    sync.dispose();
    store.dispose();
    await server.stop();
  });

  const connectCable = (): Promise<RoomChannel> => cable.connect((e) => sync.applyEvent(e));

  /** Runs the sync's timers on the fake clock until nothing is scheduled or in flight. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 400 && !sync.isIdle; i++) {
      const next = clock.nextTimerIn();
      if (next !== undefined) clock.advance(next);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.ok(sync.isIdle, 'the sync settled');
  }

  /** What another window or teammate does: the REST call, straight to the server. */
  async function elsewhere(method: string, path: string, userId: number = server.demoUserId): Promise<void> {
    const res = await fetch(`${server.url}/api/v1/accounts/${server.accountId}${path}`, { method, headers: { api_access_token: server.user(userId).accessToken } });
    assert.ok(res.ok, `${method} ${path} → ${res.status}`);
  }

  const listRequests = (since: number) =>
    server.control.happenings(since).filter((h) => h.kind === 'request' && h.method === 'GET' && h.path === `/api/v1/accounts/${server.accountId}/conversations`);
  const serverUnread = (id: number) => server.store.unreadCount(server.store.conversations.get(id)!);

  /** Unread conversations in Mine, in inboxes Sofia (a second agent) also belongs to. */
  function unreadMine(): number[] {
    const ids = store
      .members('mine')
      .filter((c) => c.unreadCount > 0 && (c.inboxId === INBOXES.website || c.inboxId === INBOXES.email))
      .map((c) => c.id);
    assert.ok(ids.length >= 2, 'the seed gives the demo agent unread conversations');
    return ids;
  }

  test('our mark-read updates our row and badge with no event', async () => {
    const [id] = unreadMine();
    const before = store.unreadTotal('mine');
    const unread = store.get(id)!.unreadCount;
    const mark = server.control.mark();
    await actions.markRead(id);
    assert.equal(store.get(id)?.unreadCount, 0);
    assert.equal(store.unreadTotal('mine'), before - unread, 'the view badge counts unread in Mine');
    assert.equal(serverUnread(id), 0, 'the server has it read');
    assert.ok(server.control.requests().some((r) => r.method === 'POST' && r.path.endsWith(`/conversations/${id}/update_last_seen`) && r.status === (server.chatwoot === 4 ? 200 : 204)));
    assert.equal(cable.received.length, 0, 'no cable was even connected');

    // Mark unread: no body in any version, so the conversation is fetched for the server's count.
    await actions.markUnread(id);
    assert.ok(server.control.happenings(mark).some((h) => h.kind === 'request' && h.method === 'GET' && h.path.endsWith(`/conversations/${id}`)));
    assert.equal(store.get(id)?.unreadCount, serverUnread(id));
    assert.ok(serverUnread(id) > 0);
  });

  test('another window’s mark-read arrives with 4.x’s conversation.unread_count_changed, coalesced; 3.x sends nothing', async () => {
    const ch = await connectCable();
    const [a, b] = unreadMine();
    const mark = server.control.mark();
    const changed = nextEvent(ch.onDidReceiveEvent, 'conversation.unread_count_changed', (e) => e.event === 'conversation.unread_count_changed');
    // The same agent in another window, and a teammate (Sofia) in hers.
    await elsewhere('POST', `/conversations/${a}/update_last_seen`);
    await elsewhere('POST', `/conversations/${b}/update_last_seen`, USERS.sofia);
    assert.equal(serverUnread(a) + serverUnread(b), 0);
    if (server.chatwoot === 4) await changed;
    else changed.catch(() => undefined);
    await cable.fence();
    assert.ok(!cable.received.some((e) => e.event === 'conversation.read'), 'an agent mark-read is never conversation.read');
    assert.equal(cable.received.filter((e) => e.event === 'conversation.unread_count_changed').length, server.chatwoot === 4 ? 2 : 0);
    assert.ok(store.get(a)!.unreadCount > 0 && store.get(b)!.unreadCount > 0, 'nothing told this window yet');
    assert.equal(listRequests(mark).length, 0);

    clock.advance(UNREAD_COUNTS_DELAY_MS);
    await settle();
    if (server.chatwoot === 4) {
      assert.equal(store.get(a)?.unreadCount, 0);
      assert.equal(store.get(b)?.unreadCount, 0);
      // Two events, one refetch: each group's loaded page once.
      assert.equal(listRequests(mark).length, 3);
    } else {
      assert.equal(listRequests(mark).length, 0, '3.x: no event, no refetch');
      // The window regaining focus is what picks it up.
      clock.advance(REFETCH_ON_FOCUS_MIN_INTERVAL_MS);
      focus.regain();
      await settle();
      assert.equal(store.get(a)?.unreadCount, 0);
      assert.equal(store.get(b)?.unreadCount, 0);
    }
  });

  test('regaining focus re-reads the loaded pages, at most once every 30 s', async () => {
    const [id] = unreadMine();
    let mark = server.control.mark();
    focus.regain();
    await settle();
    assert.equal(listRequests(mark).length, 0, 'the first load was just now');

    await elsewhere('POST', `/conversations/${id}/update_last_seen`);
    clock.advance(REFETCH_ON_FOCUS_MIN_INTERVAL_MS);
    focus.regain();
    await settle();
    assert.equal(listRequests(mark).length, 3, 'each group once');
    assert.equal(store.get(id)?.unreadCount, 0, 'another window’s read mark shows');

    // Marked unread elsewhere; back 10 s later: too soon, nothing is fetched.
    await elsewhere('POST', `/conversations/${id}/unread`);
    mark = server.control.mark();
    clock.advance(10_000);
    focus.regain();
    focus.regain();
    await settle();
    assert.equal(listRequests(mark).length, 0);
    assert.equal(store.get(id)?.unreadCount, 0, 'still as last read');
    clock.advance(REFETCH_ON_FOCUS_MIN_INTERVAL_MS - 10_000);
    focus.regain();
    await settle();
    assert.equal(listRequests(mark).length, 3);
    assert.equal(store.get(id)?.unreadCount, serverUnread(id));
    assert.ok(serverUnread(id) > 0);
  });

  test('conversation.read is the contact reading: it moves contact_last_seen_at and leaves the agent unread alone', async () => {
    const ch = await connectCable();
    const [id] = unreadMine();
    const unread = store.get(id)!.unreadCount;
    server.control.advanceClock(60_000);
    const read = nextEvent(ch.onDidReceiveEvent, 'conversation.read', (e) => e.event === 'conversation.read');
    server.control.contactRead(id);
    await within(read, 'conversation.read');
    await cable.fence();
    const c = store.get(id)!;
    assert.equal(c.unreadCount, unread);
    assert.equal(c.contactLastSeenAt, server.store.conversations.get(id)!.contactLastSeenAt);
    assert.equal(store.unreadTotal('mine') > 0, true);
  });
});
