import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { getProfile } from '../../../src/api/profile';
import { restChatBackend } from '../../../src/chat/chatBackend';
import { ChatSession } from '../../../src/chat/chatSession';
import { Outbox } from '../../../src/chat/outbox';
import { systemClock } from '../../../src/common/clock';
import { restBackend } from '../../../src/conversations/backend';
import { conversationKey } from '../../../src/conversations/conversationKey';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { RoomChannel } from '../../../src/realtime/roomChannel';
import type { Draft } from '../../../src/protocol/chatProtocol';
import { describeWebviewMessage } from '../../../src/views/chat/fromWebview';
import { CapturingLogger } from '../../helpers/logs';
import { nextEvent } from '../../helpers/wait';
import { startServer, type FakeChatwoot } from '../../server/index';

const MARKER = 'PRIVATE-NOTE-MARKER-7f3a';
const DRAFT_MARKER = 'DRAFT-MARKER-91c2';

/**
 * A private note and a draft travel through every layer that logs (the webview message, the REST
 * client, the chat session, the realtime channel), all at trace level, against the stand-in; none
 * of their words may reach the log.
 */
suite('logs carry no message bodies (private notes, drafts) at trace level', () => {
  let server: FakeChatwoot;
  const disposables: Array<{ dispose(): void }> = [];

  setup(async () => {
    server = await startServer({ pingIntervalMs: 60_000 });
  });

  teardown(async () => {
    for (const d of disposables.splice(0)) d.dispose();
    await server.stop();
  });

  test('sending a private note (also a failed one) and editing a draft log types and sizes, not text', async () => {
    const logger = new CapturingLogger();
    const api = new ApiClient({ baseUrl: server.url, token: server.demoToken, logger });
    const channel = new RoomChannel({
      baseUrl: server.url,
      credentials: async () => {
        const profile = await getProfile(api);
        return { pubsubToken: profile.pubsub_token, accountId: server.accountId, userId: profile.id };
      },
      clock: systemClock,
      logger,
    });
    disposables.push(channel);
    const connected = nextEvent(channel.onDidChangeState, 'connected', (s) => s.kind === 'connected');
    channel.start();
    await connected;

    const id = [...server.store.conversations.values()][0].displayId;
    const store = new ConversationStore(server.accountId, server.demoUserId);
    const sync = new ConversationSync(store, restBackend(api, server.accountId), { clock: systemClock, logger });
    disposables.push(sync, store);
    const drafts = new Map<string, Draft>();
    const session = new ChatSession({
      key: conversationKey(server.accountId, id),
      scope: `${server.url}#${server.accountId}`,
      conversations: { store, load: (cid) => sync.refreshConversation(cid) },
      backend: restChatBackend(api, server.accountId, async () => []),
      outbox: new Outbox({}, () => {}),
      drafts: { get: (k) => drafts.get(k), set: (k, d) => drafts.set(k, d) },
      clock: systemClock,
      log: logger,
      isOnline: () => true,
      post: () => {},
      viewSettings: () => ({ agent: { id: server.demoUserId, name: 'Agent' }, sendOnEnter: true }),
      onError: () => {},
    });
    disposables.push(session);
    disposables.push(channel.onDidReceiveEvent((e) => session.onEvent(e)));
    assert.ok(await session.open());

    // What the chat controller traces for each message the webview sends.
    const fromWebview = [
      { type: 'draftChanged', conversationId: id, draft: { text: DRAFT_MARKER, private: true } },
      { type: 'send', conversationId: id, content: MARKER, private: true, echoId: 'a1b2c3d4-0000-4000-8000-000000000001' },
    ];
    for (const m of fromWebview) logger.trace(`from chat view: ${describeWebviewMessage(m)}`);
    assert.match(logger.all, /from chat view: send \(\d+ chars\)/);

    session.draftChanged({ text: DRAFT_MARKER, private: true });
    const echoed = nextEvent(channel.onDidReceiveEvent, 'the note over the cable', (e) => e.event === 'message.created' && e.data.content === MARKER);
    await session.send({ echoId: 'a1b2c3d4-0000-4000-8000-000000000001', content: MARKER, private: true });
    await echoed;
    server.control.failNext(1, 500, '/messages');
    await session.send({ echoId: 'a1b2c3d4-0000-4000-8000-000000000002', content: `${MARKER} again`, private: true });

    assert.ok(logger.at('trace').some((l) => l.includes('message.created')), 'trace lines were written: the test saw the trace level');
    assert.ok(logger.at('warn').some((l) => l.includes('failed')), 'the failed send was logged');
    assert.ok(!logger.all.includes(MARKER), `a private note's text reached the log:\n${logger.all}`);
    assert.ok(!logger.all.includes(DRAFT_MARKER), `a draft's text reached the log:\n${logger.all}`);
  });
});
