import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { getProfile } from '../../../src/api/profile';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { restBackend } from '../../../src/conversations/backend';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { FakeClock } from '../../helpers/fakeClock';
import { INBOXES, startServer, type FakeChatwoot } from '../../server/index';

/**
 * A resync that fails (the catch-up after a reconnect) against the stand-in: retried with backoff
 * until the server answers, behind meanwhile, and what changed in the gap arrives.
 */
suite('conversation resync that fails is retried until it succeeds (stand-in)', function () {
  this.timeout(20_000);
  let server: FakeChatwoot;
  let clock: FakeClock;
  let store: ConversationStore;
  let sync: ConversationSync;
  const sink = new MemoryLogSink();

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
    clock = new FakeClock();
    clock.defaultRandom = 0;
    const api = new ApiClient({ baseUrl: server.url, token: server.demoToken });
    const profile = await getProfile(api);
    store = new ConversationStore(server.accountId, profile.id, { status: 'open', inboxId: undefined });
    sync = new ConversationSync(store, restBackend(api, server.accountId), { clock, logger: new RedactingLogger(sink, new Redactor()) });
    await sync.start();
    await sync.whenIdle();
  });

  teardown(async () => {
    sync.dispose();
    store.dispose();
    await server.stop();
  });

  test('a failed catch-up and three retries, the last succeeding; then the conversation created in the gap is listed and the sync is no longer behind', async () => {
    const behind: boolean[] = [];
    sync.onDidChangeBehind((b) => behind.push(b));
    // Nothing is subscribed to the cable: this conversation is only seen by a refetch.
    const created = server.control.newConversation({ inboxId: INBOXES.website, content: 'Sent while we were away' }) as { id: number };
    assert.equal(store.get(created.id), undefined);

    // Each resync lists three groups at once: nine failures are three failed resyncs.
    server.control.failNext(9, 500, '/conversations');
    await assert.rejects(sync.resync());
    assert.equal(sync.isBehind, true);
    assert.deepEqual(behind, [true]);

    const listRequests = () => server.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/conversations')).length;
    for (let retry = 1; retry <= 3; retry++) {
      const before = listRequests();
      const wait = clock.nextTimerIn();
      assert.ok(wait !== undefined, `retry ${retry} is scheduled`);
      clock.advance(wait);
      await sync.whenIdle();
      assert.ok(listRequests() > before, `retry ${retry} reached the server`);
    }
    await sync.whenIdle();
    assert.ok(store.get(created.id), 'the conversation created in the gap is in the store');
    assert.equal(sync.isBehind, false);
    assert.deepEqual(behind, [true, false]);
    assert.equal(sync.resyncRetries, 3);
    assert.equal(clock.pendingTimers, 0, 'no further retry once caught up');
  });
});
