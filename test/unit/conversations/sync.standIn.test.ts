import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { getProfile } from '../../../src/api/profile';
import { systemClock } from '../../../src/common/clock';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationActions } from '../../../src/conversations/actions';
import { ConversationsBackend, restBackend } from '../../../src/conversations/backend';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { decodeChatwootEvent } from '../../../src/realtime/events';
import { presentConversation } from '../../../src/views/tree/presentation';
import { messageOf, subscribed, type CableClient } from '../../helpers/standInClient';
import { INBOXES, startServer, USERS, type FakeChatwoot } from '../../server/index';
import type { Conversation } from '../../server/types';

/**
 * The conversation state end to end against the stand-in, signed in as Marcus, an agent-role
 * user: the real REST client and backend, the stand-in's cable frames decoded as the product
 * decodes them. Runs as the stand-in's version (CHATWOOT_STANDIN_VERSION, 3 or 4).
 */
suite('conversation state against the stand-in server (agent-role sign-in)', () => {
  let server: FakeChatwoot;
  let api: ApiClient;
  let store: ConversationStore;
  let sync: ConversationSync;
  let actions: ConversationActions;
  let cable: { client: CableClient; token: string };
  let target: Conversation;
  /** What each test started, undone in reverse order. */
  let cleanup: Array<() => unknown> = [];
  const logger = new RedactingLogger(new MemoryLogSink(), new Redactor());

  /** Starts the stand-in (`scale` conversations) and signs Marcus in; each test calls it first. */
  async function begin(scale?: number): Promise<void> {
    server = await startServer({ pingIntervalMs: 60_000, scale });
    cleanup.push(() => server.stop());
    // The newest Website conversation (Marcus is a member), resolved and unassigned.
    const c = [...server.store.conversations.values()].find((x) => x.inboxId === INBOXES.website);
    assert.ok(c);
    target = c;
    Object.assign(target, { status: 'resolved', assigneeId: null, lastActivityAt: server.store.now() });
    api = new ApiClient({ baseUrl: server.url, token: server.user(USERS.marcus).accessToken });
    const profile = await getProfile(api);
    store = new ConversationStore(server.accountId, profile.id, { status: 'all', inboxId: undefined });
    cleanup.push(() => store.dispose());
    store.setRole(profile.accounts.find((a) => a.id === server.accountId)?.role);
    assert.equal(store.role, 'agent');
  }
  teardown(async () => {
    for (const undo of cleanup.reverse()) await undo();
    cleanup = [];
  });

  /** Wires the sync over `backend` and Marcus's cable, and loads page 1 of each group. */
  async function connect(backend: ConversationsBackend = restBackend(api, server.accountId)): Promise<void> {
    sync = new ConversationSync(store, backend, { clock: systemClock, logger });
    cleanup.push(() => sync.dispose());
    actions = new ConversationActions(store, backend, sync, logger, systemClock);
    cleanup.push(() => actions.dispose());
    cable = await subscribed(server, USERS.marcus);
    cleanup.push(() => cable.client.close());
    cable.client.ws.on('message', (raw) => {
      const decoded = decodeChatwootEvent(messageOf({ raw: raw.toString(), json: JSON.parse(raw.toString()) as Record<string, unknown> }));
      if (decoded.kind === 'event') sync.applyEvent(decoded.event);
    });
    await sync.start();
    await sync.whenIdle();
  }

  /** Every broadcast the action caused has reached the client and been applied. */
  async function eventsApplied(): Promise<void> {
    await server.control.waitForEventsDelivered();
    await cable.client.fence(server, cable.token);
  }

  const inMine = (id: number) => store.members('mine').some((c) => c.id === id);

  test('reopening an unassigned conversation: Mine at once, after the reply and after the events, never out and back', async () => {
    await begin();
    await connect();
    const id = target.displayId;
    assert.equal(inMine(id), false);
    const trace: boolean[] = [];
    store.onDidChange((c) => {
      if (c.conversations.has(id)) trace.push(inMine(id));
    });
    const done = actions.setStatus(id, 'open');
    assert.equal(inMine(id), true, 'before the server answers');
    await done;
    assert.equal(inMine(id), true, 'after the reply, which names no assignee');
    await eventsApplied();
    assert.equal(server.store.conversations.get(id)?.assigneeId, USERS.marcus, 'the server did assign Marcus');
    assert.equal(inMine(id), true, 'after assignee.changed');
    assert.ok(trace.length > 0 && trace.every(Boolean), `Mine after every change: ${trace.join()}`);
    await sync.whenIdle();
    const meta = ((await (await fetch(`${server.url}/api/v1/accounts/1/conversations/meta?status=all`, { headers: { api_access_token: server.user(USERS.marcus).accessToken } })).json()) as { data: { meta: { mine_count: number; unassigned_count: number; all_count: number } } }).data.meta;
    assert.deepEqual(store.counts, { mine: meta.mine_count, unassigned: meta.unassigned_count, all: meta.all_count });
  });

  test('a bot with Marcus’s id is not Mine, and the row shows the bot’s name (4.x; 3.x has no bot owners)', async function () {
    await begin();
    if (server.chatwoot === 3) this.skip();
    target.status = 'open';
    await connect();
    const id = target.displayId;
    server.control.assignBot(id, USERS.marcus, 'Captain Bot');
    await eventsApplied();
    assert.equal(inMine(id), false, 'assignee.changed named a bot');
    const check = (): void => {
      const c = store.get(id)!;
      assert.deepEqual(store.assigneeOf(c), { type: 'AgentBot', id: USERS.marcus, name: 'Captain Bot' });
      assert.ok(store.members('unassigned').some((x) => x.id === id));
      const row = presentConversation(store, c, Date.now());
      assert.equal(row.icon, 'hubot');
      assert.match(row.description, /^Captain Bot · /);
    };
    check();
    await sync.resync();
    check();
    // Marcus reopens it from pending: the server hands it over from the bot to him.
    target.status = 'pending';
    await sync.resync();
    await actions.setStatus(id, 'open');
    assert.equal(inMine(id), true);
    await eventsApplied();
    assert.equal(inMine(id), true);
    assert.equal(server.store.conversations.get(id)?.assigneeBotId, null);
  });

  test('a resync whose second page returns equal timestamps in another order keeps every row', async () => {
    // 80 conversations: Marcus sees only Website and WhatsApp, and this needs two pages of his.
    await begin(80);
    for (const c of server.store.conversations.values()) c.lastActivityAt = 1_700_000_000;
    const rest = restBackend(api, server.accountId);
    let flip = false;
    const backend: ConversationsBackend = {
      ...rest,
      // Postgres may order ties differently for each query; do it on purpose during the resync.
      list: (filter, group, page) => {
        server.control.setTieOrder(flip && page === 1 ? 'id-asc' : 'id-desc');
        return rest.list(filter, group, page);
      },
    };
    await connect(backend);
    await sync.loadMore('all');
    const before = store.members('all').map((c) => c.id);
    assert.ok(before.length > 25, `two pages loaded: ${before.length}`);
    flip = true;
    await sync.resync();
    await sync.whenIdle();
    assert.deepEqual(
      store.members('all').map((c) => c.id).sort((a, b) => a - b),
      [...before].sort((a, b) => a - b),
      'no row vanished at the page boundary',
    );
  });
});
