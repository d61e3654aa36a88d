import * as assert from 'node:assert/strict';
import { systemClock } from '../../../src/common/clock';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';
import { ChatwootEvent } from '../../../src/realtime/events';
import { RoomChannel } from '../../../src/realtime/roomChannel';
import { nextEvent } from '../../helpers/wait';
import { FakeChatwoot, startServer } from '../../server';
import { Rng } from '../../server/rng';

/** Frames that are wrong in every way a broken proxy, fork or server bug could make them. */
function malformedFrames(identifier: string, count: number, rng: Rng): Array<string | object> {
  // Seeded, so a failing case can be replayed.
  const pick = <T>(xs: T[]): T => rng.pick(xs);
  const random = () => rng.next();
  const junk = (): unknown => pick([null, 42, -1, 'x', '', true, [], {}, [1, 'a'], { a: { b: [null] } }, 1e308, '\u0000\ud800']);
  const events = ['message.created', 'conversation.created', 'conversation.status_changed', 'assignee.changed', 'notification.created', 'presence.update', 'conversation.typing_on', 'contact.updated'];
  const makers: Array<() => string | object> = [
    () => '{not json',
    () => '',
    () => 'null',
    () => String(random()),
    () => '[1,2,3]',
    () => `{"identifier":${JSON.stringify(identifier)},"message":`,
    () => ({ message: { event: pick(events), data: {} } }), // no identifier
    () => ({ identifier: 42, message: { event: pick(events), data: {} } }),
    () => ({ identifier: '{bad json', message: { event: pick(events), data: {} } }),
    () => ({ identifier, message: junk() }),
    () => ({ identifier, message: { event: junk(), data: { account_id: 1 } } }),
    () => ({ identifier, message: { event: pick(events), data: junk() } }),
    () => ({ identifier, message: { event: pick(events), data: { account_id: 1, id: pick([null, 'x', [], {}, true, -0.5]), conversation_id: junk(), messages: junk(), meta: junk() } } }),
    () => ({ identifier, message: { event: pick(events), data: { account_id: 1, id: 'seven', content: junk(), message_type: junk() } } }),
    () => ({ identifier, message: { event: `unknown.${Math.floor(random() * 1000)}`, data: { account_id: 1 } } }),
    () => ({ type: pick(['ping', 'confirm_subscription', 'reject_subscription', 'weird']), message: junk() }),
    () => ({ type: 'ping', message: 'not a number' }),
    () => ({ identifier, message: { event: 'message.created', data: { account_id: 1, id: 1, content: 'x'.repeat(200_000) } } }),
  ];
  return Array.from({ length: count }, () => pick(makers)());
}

suite('realtime: fuzzed frames from a real ActionCable server', function () {
  this.timeout(20000);
  let server: FakeChatwoot;
  let channel: RoomChannel;
  const sink = new MemoryLogSink();

  suiteSetup(async () => {
    server = await startServer({ pingIntervalMs: 1000 });
  });
  suiteTeardown(async () => {
    channel?.dispose();
    await server.stop();
  });

  test('250 malformed frames are logged and dropped; the connection stays up and the next good event arrives', async () => {
    const user = server.user(server.demoUserId);
    const redactor = new Redactor();
    channel = new RoomChannel({
      baseUrl: server.url,
      clock: systemClock,
      logger: new RedactingLogger(sink, redactor),
      redactor,
      credentials: async () => ({ pubsubToken: user.pubsubToken, accountId: server.accountId, userId: user.id }),
    });
    const connected = nextEvent(channel.onDidChangeState, 'connected', (s) => s.kind === 'connected');
    channel.start();
    await connected;

    const states: string[] = [];
    const stateSub = channel.onDidChangeState((s) => states.push(s.kind));
    const received: ChatwootEvent[] = [];
    const eventSub = channel.onDidReceiveEvent((e) => received.push(e));
    for (const frame of malformedFrames(server.identifier(user.id), 250, new Rng(7))) {
      server.control.injectRaw(frame, user.pubsubToken);
    }
    const good = nextEvent(channel.onDidReceiveEvent, 'the good event', (e) => e.event === 'contact.deleted');
    server.control.inject('contact.deleted', { id: 4242 }, { token: user.pubsubToken });
    const event = await good;
    stateSub.dispose();
    eventSub.dispose();

    assert.equal(event.event, 'contact.deleted');
    assert.deepEqual(states, [], 'the connection never dropped');
    assert.equal(channel.state.kind, 'connected');
    assert.deepEqual(received.map((e) => e.event), ['contact.deleted'], 'no malformed frame became an event');
    const warnings = sink.lines.filter((l) => l.level === 'warn');
    assert.ok(warnings.length >= 100, `malformed frames are logged (${warnings.length} warnings)`);
    assert.ok(warnings.every((l) => l.text.length < 2000), 'log lines are truncated');
    assert.ok(sink.lines.every((l) => !l.text.includes(user.pubsubToken)), 'the pubsub token never reaches the log');
  });
});
