import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/errors';
import { ChatSession } from '../../../src/chat/chatSession';
import { Outbox } from '../../../src/chat/outbox';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ConversationActions } from '../../../src/conversations/actions';
import { ConversationsBackend } from '../../../src/conversations/backend';
import { conversationKey } from '../../../src/conversations/conversationKey';
import { reduce } from '../../../src/conversations/reduce';
import { ConversationStore } from '../../../src/conversations/store';
import { ConversationSync } from '../../../src/conversations/sync';
import { Message } from '../../../src/model/message';
import type { Draft, OutboxItem, ToWebview } from '../../../src/protocol/chatProtocol';
import { FakeClock } from '../../helpers/fakeClock';
import { conversation, event } from '../../helpers/payloads';
import { FakeChatServer } from './fakeChatServer';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const SCOPE = 'https://chat.example.com#1';
const ID = 42;
const ECHO = '3f2b8c1e-0d4a-4e6b-9a57-1c2d3e4f5a6b';
const ECHO2 = '9a57c1e0-3f2b-4e6b-0d4a-1c2d3e4f5a6b';

type Of<T extends ToWebview['type']> = Extract<ToWebview, { type: T }>;

suite('ChatSession', () => {
  let clock: FakeClock;
  let server: FakeChatServer;
  let store: ConversationStore;
  let sync: ConversationSync;
  let outbox: Outbox;
  let saved: Array<Record<string, OutboxItem[]>>;
  let drafts: Map<string, Draft>;
  let posted: ToWebview[];
  let errors: string[];
  let sessions: ChatSession[];
  /** What the session's `isOnline` answers: the connection the controller reports. */
  let online: boolean;

  /** The conversations backend of the store's sync: only the single GET is used by a chat. */
  function conversationsBackend(): ConversationsBackend {
    const backend: Partial<ConversationsBackend> = {
      get: (id) => server.conversation(id),
      counts: async () => ({ mine: 1, unassigned: 0, all: 1 }),
      setStatus: async (id, change) => {
        server.updateConversation(id, { status: change.status });
        return { status: change.status };
      },
      assign: async (id, assigneeId) => {
        server.updateConversation(id, { meta: { ...(await server.conversation(id)).meta, assignee: assigneeId === null ? null : { id: assigneeId, name: `Agent ${assigneeId}` } } });
      },
    };
    return backend as ConversationsBackend;
  }

  setup(() => {
    clock = new FakeClock(1_700_000_000_000);
    // Retries wait the lower bound of CatchUp's backoff: 0.5 s, 1 s, 2 s, …
    clock.defaultRandom = 0;
    online = true;
    server = new FakeChatServer();
    server.addConversation(conversation(ID, { contactName: 'Jane Cooper', assigneeId: 7, priority: 'high', labels: ['billing'] }));
    store = new ConversationStore(1, 7);
    sync = new ConversationSync(store, conversationsBackend(), { clock, logger: new RedactingLogger(new MemoryLogSink(), new Redactor()) });
    saved = [];
    outbox = new Outbox({}, (all) => saved.push(all));
    drafts = new Map();
    posted = [];
    errors = [];
    sessions = [];
  });

  teardown(() => {
    for (const s of sessions) s.dispose();
    sync.dispose();
    store.dispose();
  });

  function session(id = ID, scope = SCOPE): ChatSession {
    const s = new ChatSession({
      key: conversationKey(1, id),
      scope,
      conversations: { store, load: (cid) => sync.refreshConversation(cid) },
      backend: server,
      outbox,
      drafts: { get: (k) => drafts.get(k), set: (k, d) => drafts.set(k, d) },
      clock,
      log: new RedactingLogger(new MemoryLogSink(), new Redactor()),
      post: (m) => posted.push(m),
      viewSettings: () => ({ agent: { id: 7, name: 'Agent Seven' }, sendOnEnter: true }),
      onError: (_e, action) => errors.push(action),
      isOnline: () => online,
    });
    sessions.push(s);
    return s;
  }

  function last<T extends ToWebview['type']>(type: T): Of<T> {
    const found = posted.filter((m): m is Of<T> => m.type === type).at(-1);
    assert.ok(found, `a ${type} was posted (posted: ${posted.map((m) => m.type).join(', ')})`);
    return found;
  }
  const all = <T extends ToWebview['type']>(type: T): Array<Of<T>> => posted.filter((m): m is Of<T> => m.type === type);
  const ids = (messages: readonly { id: number }[]) => messages.map((m) => m.id);
  const messageEvent = (name: 'message.created' | 'message.updated', m: Message) => event(name, { ...m, account_id: 1 });

  test('opening loads the latest page and the conversation into the shared store, and posts init', async () => {
    const messages = server.addMany(ID, 30);
    server.release();
    const s = session();
    assert.equal(store.get(ID), undefined, 'no tree page holds it');
    assert.equal(await s.open(), true);
    const init = last('init');
    assert.deepEqual(ids(init.messages), ids(messages.slice(-20)), 'the newest 20, oldest first');
    assert.equal(init.hasOlder, true);
    assert.equal(init.scope, SCOPE);
    assert.equal(init.conversation.contact.name, 'Jane Cooper');
    assert.equal(init.conversation.priority, 'high');
    assert.deepEqual(init.conversation.labels, ['billing']);
    assert.deepEqual(init.conversation.assignee, { id: 7, name: 'Agent 7', type: 'User' });
    assert.deepEqual(init.cannedResponses, server.canned);
    assert.equal(store.get(ID)?.status, 'open', 'the store holds the conversation the chat opened');
    assert.equal(store.isTracked(ID), true);
    assert.equal(s.newestId, messages[29].id);
    assert.deepEqual(server.requests.filter((r) => r.op === 'messages'), [{ op: 'messages', conversationId: ID, before: undefined, after: undefined }]);
    s.dispose();
    assert.equal(store.isTracked(ID), false, 'closing the chat lets the store forget it');
  });

  test('a conversation that cannot be loaded shows why and is reported', async () => {
    const s = session(99);
    assert.equal(await s.open(), false);
    assert.match(String(last('empty').text), /Could not open conversation #99: not found/);
    assert.equal(last('empty').retry, true, 'the view offers Retry instead of a blank chat');
    assert.deepEqual(errors, ['open conversation #99']);
    assert.equal(s.hasFailed, true);
  });

  test('loading older pages until the first message', async () => {
    const messages = server.addMany(ID, 45);
    const s = session();
    await s.open();
    await s.loadOlder(last('init').messages[0].id);
    let page = last('messagesPrepended');
    assert.deepEqual(ids(page.messages), ids(messages.slice(5, 25)));
    assert.equal(page.hasOlder, true);
    await s.loadOlder(page.messages[0].id);
    page = last('messagesPrepended');
    assert.deepEqual(ids(page.messages), ids(messages.slice(0, 5)));
    assert.equal(page.hasOlder, false);
    assert.deepEqual(ids(s.messages), ids(messages));

    server.failNext('messages');
    await s.loadOlder(messages[0].id);
    assert.deepEqual(last('messagesPrepended'), { type: 'messagesPrepended', conversationId: ID, messages: [], hasOlder: true, error: 'server error (500)' });
  });

  test('the header follows the store: events, the tree\'s optimistic actions, and nothing else', async () => {
    const s = session();
    await s.open();
    posted = [];

    // An event, applied to the store as the tree applies it.
    reduce(store, event('conversation.status_changed', { ...conversation(ID, { contactName: 'Jane Cooper', assigneeId: 7, priority: 'high', labels: ['billing'], status: 'pending', updated_at: 2_000 }), account_id: 1 }));
    assert.equal(last('conversationUpdated').conversation.status, 'pending');

    // Another conversation changing, or this one changing in nothing the header shows, posts nothing.
    const before = posted.length;
    reduce(store, event('conversation.created', { ...conversation(43), account_id: 1 }));
    store.patch(ID, { unreadCount: 3 }, 'none');
    assert.equal(posted.length, before);

    // The tree's action: the header changes before the server has answered.
    const actions = new ConversationActions(store, conversationsBackend(), { requestCounts: () => {} });
    const resolving = actions.setStatus(ID, 'resolved');
    assert.equal(last('conversationUpdated').conversation.status, 'resolved', 'optimistic: before the server answered');
    await resolving;
    const assigning = actions.assign(ID, null);
    assert.equal(last('conversationUpdated').conversation.assignee, null, 'optimistic: before the server answered');
    await assigning;
    actions.dispose();
  });

  test('an AgentBot assignee reaches the header as a bot', async () => {
    server.updateConversation(ID, { meta: { ...conversation(ID).meta, assignee: { id: 7, name: 'Captain' }, assignee_type: 'AgentBot' } } as never);
    const s = session();
    await s.open();
    assert.deepEqual(last('init').conversation.assignee, { id: 7, name: 'Captain', type: 'AgentBot' });
  });

  test('live messages and typing of this conversation are posted; others are not', async () => {
    server.addMany(ID, 3);
    const s = session();
    await s.open();
    const incoming = server.addIncoming(ID, 'Any news?');
    assert.equal(s.onEvent(messageEvent('message.created', incoming)), true);
    assert.deepEqual(last('messageUpserted'), { type: 'messageUpserted', conversationId: ID, message: { ...incoming, account_id: 1 } });
    assert.equal(s.newestId, incoming.id);
    assert.equal(s.onEvent(event('conversation.typing_on', { conversation: { ...conversation(ID), account_id: 1 }, user: { id: 5, name: 'Jane Cooper' }, account_id: 1 })), true);
    assert.deepEqual(last('typing'), { type: 'typing', conversationId: ID, name: 'Jane Cooper', on: true });
    const before = posted.length;
    assert.equal(s.onEvent(messageEvent('message.created', { ...incoming, id: 999, conversation_id: 43 })), false);
    assert.equal(posted.length, before);
  });

  test('a message that arrives while the first page is on its way is shown after it', async () => {
    server.addMany(ID, 3);
    server.hold();
    const s = session();
    const opening = s.open();
    await flush();
    const early = server.addIncoming(ID, 'I was quick');
    s.onEvent(messageEvent('message.created', early));
    assert.equal(all('messageUpserted').length, 0, 'nothing before init');
    server.release();
    await opening;
    const types = posted.map((m) => m.type);
    assert.ok(types.indexOf('init') < types.indexOf('messageUpserted'));
    assert.equal(last('messageUpserted').message.id, early.id);
  });

  test('catch-up after a reconnect asks after the newest id, page by page until caught up', async () => {
    server.addMany(ID, 5);
    const s = session();
    await s.open();
    const newest = s.newestId;
    const missed = server.addMany(ID, 230, 'missed');
    server.requests.length = 0;
    await s.catchUp();
    const asked = server.requests.filter((r) => r.op === 'messages').map((r) => r.after);
    assert.deepEqual(asked, [newest, missed[99].id, missed[199].id], 'after=<newest id>, then after the newest of each full page');
    const appended = all('messagesAppended');
    assert.deepEqual(appended.map((a) => a.messages.length), [100, 100, 30]);
    assert.deepEqual(ids(appended.flatMap((a) => a.messages)), ids(missed));
    assert.equal(s.newestId, missed[229].id);

    // Nothing new: one request, nothing posted.
    server.requests.length = 0;
    posted = [];
    await s.catchUp();
    assert.equal(server.requests.length, 1);
    assert.equal(all('messagesAppended').length, 0);
  });

  test('catch-ups asked for during one share the one queued after it', async () => {
    server.addMany(ID, 2);
    const s = session();
    await s.open();
    server.hold();
    const runs = [s.catchUp(), s.catchUp(), s.catchUp()];
    await flush();
    assert.equal(server.heldCount, 1);
    server.release();
    await Promise.all(runs);
    assert.equal(server.requests.filter((r) => r.op === 'messages' && r.after !== undefined).length, 2);
  });

  test('a failed catch-up is retried with backoff until it succeeds, and confirms unsent replies it finds', async () => {
    server.addMany(ID, 2);
    const s = session();
    await s.open();
    // A reply whose answer was lost with the connection: the server has it, the outbox too.
    outbox.begin(`${SCOPE}/${ID}`, { echoId: ECHO, content: 'Sent before the drop', private: false, createdAt: clock.now() });
    outbox.fail(`${SCOPE}/${ID}`, ECHO, 'socket hang up');
    const sent = server.addOutgoing(ID, 'Sent before the drop');
    server.failNext('messages', undefined, 5);
    const catchUps = () => server.requests.filter((r) => r.op === 'messages' && r.after !== undefined).length;
    await s.catchUp();
    assert.equal(all('messagesAppended').length, 0);
    assert.equal(s.isBehind, true);
    // Five failures, each retried after the lower bound of a doubling delay: far past the old
    // "three more tries, then wait for the next reconnect".
    for (const wait of [500, 1_000, 2_000, 4_000, 8_000]) {
      clock.advance(wait - 1);
      await flush();
      const before = catchUps();
      clock.advance(1);
      await flush();
      await flush();
      assert.equal(catchUps(), before + 1, `a retry ${wait} ms after the failure`);
    }
    assert.deepEqual(ids(last('messagesAppended').messages), [sent.id]);
    assert.equal(last('messagesAppended').messages[0].echo_id, ECHO, 'the failed bubble becomes the message');
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), [], 'the listed reply confirmed it');
    assert.equal(s.isBehind, false);
    assert.equal(clock.pendingTimers, 0, 'no retry after the success');
  });

  test('a catch-up confirms a reply whose answer was lost by its text, privacy and sender, not by a look-alike', async () => {
    const k = `${SCOPE}/${ID}`;
    const s = session();
    await s.open();
    const before = server.addOutgoing(ID, 'Done', { createdAt: Math.floor(clock.now() / 1000) - 60 });
    clock.advance(1_000);
    for (const [echoId, content] of [[ECHO, 'Done'], [ECHO2, 'Lost on the way']]) {
      outbox.begin(k, { echoId, content, private: false, createdAt: clock.now() });
      outbox.fail(k, echoId, 'socket hang up');
    }
    server.addOutgoing(ID, 'Done', { senderId: 8 });
    server.addOutgoing(ID, 'Done', { private: true });
    const mine = server.addOutgoing(ID, 'Done');
    await s.catchUp();
    const appended = last('messagesAppended').messages;
    assert.ok(appended.some((m) => m.id === before.id), 'the earlier look-alike is listed too');
    assert.deepEqual(appended.filter((m) => m.echo_id != null).map((m) => [m.id, m.echo_id]), [[mine.id, ECHO]], 'only the agent\'s own public reply sent after the send began');
    assert.deepEqual(outbox.items(k).map((i) => i.echoId), [ECHO2], 'a reply the server does not have keeps its Retry');
    assert.equal(server.requests.filter((r) => r.op === 'send').length, 0, 'nothing was posted again');
  });

  test('while a catch-up fails the view is told it may be out of date, and told again once it is not', async () => {
    server.addMany(ID, 2);
    const s = session();
    const reported: boolean[] = [];
    s.onDidChangeBehind((b) => reported.push(b));
    await s.open();
    const missed = server.addIncoming(ID, 'Missed while away');
    server.failNext('messages', undefined, 2);
    await s.catchUp();
    assert.deepEqual(all('behind'), [{ type: 'behind', conversationId: ID, behind: true }]);
    // "Retry now" runs at once, without waiting for the scheduled retry; it fails too.
    await s.catchUp();
    assert.deepEqual(all('behind').map((b) => b.behind), [true], 'said once while behind');
    clock.advance(1_000);
    await flush();
    await flush();
    assert.deepEqual(all('behind').map((b) => b.behind), [true, false]);
    assert.deepEqual(reported, [true, false], 'the controller hears it too (for the status bar)');
    const types = posted.map((m) => m.type);
    assert.ok(types.lastIndexOf('messagesAppended') < types.lastIndexOf('behind'), 'the missed message is shown before the banner goes');
    assert.deepEqual(ids(last('messagesAppended').messages), [missed.id]);
  });

  test('a view reloaded while still behind shows the banner again until a catch-up succeeds', async () => {
    server.addMany(ID, 2);
    const s = session();
    await s.open();
    server.failNext('messages', undefined, 1);
    await s.catchUp();
    assert.deepEqual(all('behind').map((b) => b.behind), [true]);
    posted.length = 0;
    await s.open();
    await flush();
    const types = posted.map((m) => (m.type === 'behind' ? `behind:${m.behind}` : m.type));
    assert.ok(types.indexOf('init') < types.indexOf('behind:true'), `the banner is shown again after init: ${types.join(', ')}`);
    assert.ok(types.indexOf('behind:true') < types.indexOf('behind:false'), 'and goes once caught up');
  });

  test('a reply that was on its way when the window closed shows failed after the reopen, not "Sending…" for ever', async () => {
    outbox = new Outbox({ [`${SCOPE}/${ID}`]: [{ echoId: ECHO, content: 'Cut off by a reload', private: false, createdAt: 5, error: null }] }, (all) => saved.push(all));
    const s = session();
    await s.open();
    const failed = all('sendFailed');
    assert.deepEqual(failed.map((f) => f.echoId), [ECHO]);
    assert.match(failed[0].error, /Interrupted/);
    assert.match(String(outbox.items(`${SCOPE}/${ID}`)[0].error), /Interrupted/);
    assert.equal(server.requests.filter((r) => r.op === 'send').length, 0, 'not sent again by itself');
  });

  test('sending: the outbox holds the reply with its time until the server confirms its echo id', async () => {
    const s = session();
    await s.open();
    server.hold();
    const sending = s.send({ echoId: ECHO, content: 'On it', private: false });
    await flush();
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), [{ echoId: ECHO, content: 'On it', private: false, createdAt: clock.now(), error: null }]);
    // A double click: the same echo id is not sent twice.
    await s.send({ echoId: ECHO, content: 'On it', private: false });
    server.release();
    await sending;
    const sends = server.requests.filter((r) => r.op === 'send');
    assert.deepEqual(sends, [{ op: 'send', conversationId: ID, body: { echoId: ECHO, content: 'On it', private: false } }]);
    const upserted = last('messageUpserted');
    assert.equal(upserted.message.echo_id, ECHO);
    assert.equal(upserted.message.content, 'On it');
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), []);
    assert.deepEqual(saved.at(-1), {}, 'persisted empty');
    assert.deepEqual(server.all(ID).map((m) => m.content), ['On it']);
  });

  test('a refused send keeps its text with the error; a retry sends it once', async () => {
    const s = session();
    await s.open();
    server.failNext('send');
    await s.send({ echoId: ECHO2, content: 'Refund issued', private: true });
    assert.deepEqual(last('sendFailed'), { type: 'sendFailed', conversationId: ID, echoId: ECHO2, error: 'server error (500)' });
    assert.equal(outbox.items(`${SCOPE}/${ID}`)[0].error, 'server error (500)');
    assert.equal(server.all(ID).length, 0);
    await s.send({ echoId: ECHO2, content: 'Refund issued', private: true });
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), []);
    assert.deepEqual(server.all(ID).map((m) => [m.content, m.private]), [['Refund issued', true]]);
  });

  test('a reply written offline is queued without touching the network and sent exactly once when the connection returns', async () => {
    const s = session();
    await s.open();
    online = false;
    server.requests.length = 0;
    await s.send({ echoId: ECHO, content: 'Written on the train', private: false });
    await s.send({ echoId: ECHO2, content: 'And a second thought', private: false });
    assert.equal(server.requests.length, 0, 'nothing went to the network');
    assert.deepEqual(all('sendQueued').map((q) => q.echoId), [ECHO, ECHO2]);
    assert.equal(all('sendFailed').length, 0, 'queued is not failed');
    assert.deepEqual(outbox.queued(`${SCOPE}/${ID}`).map((i) => i.content), ['Written on the train', 'And a second thought']);
    // Still offline: asking to send the queue sends nothing.
    await s.sendQueued();
    assert.equal(server.requests.length, 0);

    online = true;
    // The connection came back; a second "connected" (or another view) while sending changes nothing.
    await Promise.all([s.sendQueued(), s.sendQueued()]);
    await s.sendQueued();
    const posts = server.requests.filter((r) => r.op === 'send');
    assert.deepEqual(posts.map((r) => (r.body as { echoId: string }).echoId), [ECHO, ECHO2], 'one POST per echo id, in the order written');
    assert.deepEqual(server.all(ID).map((m) => m.content), ['Written on the train', 'And a second thought']);
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), []);
    assert.equal(last('messageUpserted').message.echo_id, ECHO2, 'the queued bubbles became the server\'s messages');
  });

  test('two views of one conversation send its queue once', async () => {
    const a = session();
    const b = session();
    await a.open();
    await b.open();
    online = false;
    await a.send({ echoId: ECHO, content: 'Once only', private: false });
    await a.send({ echoId: ECHO2, content: 'Me too', private: false });
    online = true;
    await Promise.all([a.sendQueued(), b.sendQueued()]);
    await Promise.all([a.sendQueued(), b.sendQueued()]);
    assert.deepEqual(server.all(ID).map((m) => m.content), ['Once only', 'Me too']);
  });

  test('a send that never reached the server is queued, not failed; a refusal still fails', async () => {
    const s = session();
    await s.open();
    server.failNext('send', new ApiError('network', 'Cannot reach chat.example.com: the connection was refused.', { code: 'ECONNREFUSED' }));
    await s.send({ echoId: ECHO, content: 'Into the void', private: false });
    assert.deepEqual(all('sendQueued').map((q) => q.echoId), [ECHO]);
    assert.equal(all('sendFailed').length, 0);
    assert.equal(outbox.items(`${SCOPE}/${ID}`)[0].queued, true);
    // A reply written after it waits behind it, so the two arrive in order.
    await s.send({ echoId: ECHO2, content: 'Follow-up', private: false });
    assert.deepEqual(server.all(ID).map((m) => m.content), ['Into the void', 'Follow-up']);

    // A reset may come after the server created the message: Chatwoot would store a second POST
    // with the same echo id as a second message, so the agent decides.
    const ECHO3 = 'c0ffee00-3f2b-4e6b-0d4a-1c2d3e4f5a6b';
    server.failNext('send', new ApiError('network', 'Cannot reach chat.example.com: the connection was reset.', { code: 'ECONNRESET' }));
    await s.send({ echoId: ECHO3, content: 'Maybe sent', private: false });
    assert.equal(last('sendFailed').echoId, ECHO3);
    const ECHO4 = 'c0ffee11-3f2b-4e6b-0d4a-1c2d3e4f5a6b';
    server.failNext('send', new ApiError('unprocessable', 'Content is too long (422)', { status: 422 }));
    await s.send({ echoId: ECHO4, content: 'Too long', private: false });
    assert.deepEqual(last('sendFailed'), { type: 'sendFailed', conversationId: ID, echoId: ECHO4, error: 'Content is too long (422)' });
    assert.equal(outbox.items(`${SCOPE}/${ID}`).find((i) => i.echoId === ECHO4)?.content, 'Too long', 'the text is kept for Retry');
  });

  test('a reply refused at the door while online is tried again by itself, with backoff, and sent once', async () => {
    const s = session();
    await s.open();
    const refused = () => new ApiError('network', 'Cannot reach chat.example.com: the connection was refused.', { code: 'ECONNREFUSED' });
    server.failNext('send', refused());
    await s.send({ echoId: ECHO, content: 'Knock knock', private: false });
    assert.deepEqual(all('sendQueued').map((q) => q.echoId), [ECHO]);
    // Refused once more on the first try a second later; the backoff retry gets through.
    server.failNext('send', refused());
    clock.advance(1_000);
    await flush();
    await flush();
    assert.deepEqual(server.all(ID).map((m) => m.content), [], 'still refused');
    assert.ok(clock.pendingTimers > 0, 'a retry is scheduled');
    clock.advance(clock.nextTimerIn() ?? 0);
    await flush();
    await flush();
    assert.deepEqual(server.all(ID).map((m) => m.content), ['Knock knock'], 'sent once, with no reconnect and no new reply');
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), []);
  });

  test('a queue of one account is never sent by a chat of another', async () => {
    const other = 'https://chat.example.com#2';
    const s = session();
    await s.open();
    online = false;
    await s.send({ echoId: ECHO, content: 'For account 1 only', private: false });
    s.dispose();
    // Signed in to another account: the same conversation number there opens in a new session.
    online = true;
    const elsewhere = session(ID, other);
    await elsewhere.open();
    await elsewhere.sendQueued();
    assert.equal(server.requests.filter((r) => r.op === 'send').length, 0);
    assert.equal(outbox.queued(`${SCOPE}/${ID}`).length, 1, 'kept for when account 1 is back');
  });

  test('replies queued in an earlier window are sent when the conversation opens online', async () => {
    outbox.queue(`${SCOPE}/${ID}`, { echoId: ECHO, content: 'From before the reload', private: false, createdAt: 5 });
    const s = session();
    await s.open();
    assert.equal(last('init').outbox?.[0]?.queued, true, 'the view shows it queued');
    await s.sendQueued();
    assert.deepEqual(server.all(ID).map((m) => m.content), ['From before the reload']);
    assert.equal(server.requests.filter((r) => r.op === 'send').length, 1);
  });

  test('the outbox and the draft come back with init; discard drops an unsent reply', async () => {
    outbox.begin(`${SCOPE}/${ID}`, { echoId: ECHO, content: 'Pending', private: false, createdAt: 5 });
    outbox.fail(`${SCOPE}/${ID}`, ECHO, 'offline');
    const s = session();
    s.draftChanged({ text: 'half a reply', private: false });
    await s.open();
    assert.deepEqual(last('init').outbox, [{ echoId: ECHO, content: 'Pending', private: false, createdAt: 5, error: 'offline' }]);
    assert.deepEqual(last('init').draft, { text: 'half a reply', private: false });
    s.discard(ECHO);
    assert.deepEqual(outbox.items(`${SCOPE}/${ID}`), []);
  });

  test('text inserted before the conversation is shown follows init', async () => {
    const s = session();
    s.insertText('```ts\nconst a = 1;\n```\n');
    assert.equal(all('insertText').length, 0);
    await s.open();
    assert.deepEqual(posted.map((m) => m.type).slice(-2), ['init', 'insertText']);
    s.insertText('more');
    assert.equal(last('insertText').text, 'more');
  });

  test('a closed session drops late answers and posts nothing more', async () => {
    server.addMany(ID, 3);
    server.hold();
    const s = session();
    const opening = s.open();
    await flush();
    s.dispose();
    server.release();
    assert.equal(await opening, false);
    assert.equal(posted.length, 0);
    reduce(store, event('conversation.status_changed', { ...conversation(ID, { status: 'resolved', updated_at: 5_000 }), account_id: 1 }));
    assert.equal(posted.length, 0);
  });

  test('a conversation open in a chat is refreshed, not dropped, when a resync does not list it', async () => {
    const s = session();
    await s.open();
    // The store's resync listed nothing (as if it left every group while disconnected).
    const backend = conversationsBackend();
    backend.list = async () => ({ counts: { mine: 0, unassigned: 0, all: 0 }, conversations: [] });
    backend.counts = async () => ({ mine: 0, unassigned: 0, all: 0 });
    const resyncing = new ConversationSync(store, backend, { clock, logger: new RedactingLogger(new MemoryLogSink(), new Redactor()) });
    server.updateConversation(ID, { status: 'resolved' });
    server.requests.length = 0;
    await resyncing.resync();
    for (let i = 0; i < 20 && !resyncing.isIdle; i++) {
      await flush();
      clock.advance(500);
    }
    assert.equal(store.get(ID)?.status, 'resolved', 'still held, and fetched again');
    assert.deepEqual(server.requests.map((r) => r.op), ['conversation']);
    assert.equal(last('conversationUpdated').conversation.status, 'resolved');
    resyncing.dispose();
  });
});
