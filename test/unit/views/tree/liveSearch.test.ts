import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../../src/api/client';
import { ConversationSearchHit } from '../../../../src/api/conversationSearch';
import { ApiError } from '../../../../src/api/errors';
import { once } from '../../../../src/common/event';
import { Contact } from '../../../../src/model/contact';
import { Conversation } from '../../../../src/model/conversation';
import { firstFound, LiveSearch, restSearchBackend, SearchBackend } from '../../../../src/views/tree/liveSearch';
import { SearchOutcome } from '../../../../src/views/tree/search';
import { FakeClock } from '../../../helpers/fakeClock';
import { TestHttpServer } from '../../../helpers/httpServer';
import { CapturingLogger } from '../../../helpers/logs';
import { contact, conversation, searchHit } from '../../../helpers/payloads';
import { startServer, type FakeChatwoot } from '../../../server';

/** A backend whose answers the test releases by hand, recording each call and its signal. */
class ScriptedBackend implements SearchBackend {
  readonly calls: Array<{ what: string; q: string; signal: AbortSignal; resolve: (v: never) => void; reject: (e: unknown) => void }> = [];

  private _call<T>(what: string, q: string, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => this.calls.push({ what, q, signal, resolve: resolve as (v: never) => void, reject }));
  }

  searchMessages(q: string, signal: AbortSignal): Promise<readonly ConversationSearchHit[]> {
    return this._call('messages', q, signal);
  }
  searchContacts(q: string, signal: AbortSignal): Promise<readonly Contact[]> {
    return this._call('contacts', q, signal);
  }
  contactConversations(contactId: number, signal: AbortSignal): Promise<readonly Conversation[]> {
    return this._call('conversations', String(contactId), signal);
  }

  answer(what: string, q: string, value: unknown): void {
    const call = this.calls.find((c) => c.what === what && c.q === q);
    if (!call) throw new Error(`no ${what} call for ${q}: ${this.calls.map((c) => `${c.what} ${c.q}`).join(', ')}`);
    call.resolve(value as never);
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

suite('search: LiveSearch timing', () => {
  let clock: FakeClock;
  let backend: ScriptedBackend;
  let logger: CapturingLogger;
  let live: LiveSearch;

  setup(() => {
    clock = new FakeClock();
    backend = new ScriptedBackend();
    logger = new CapturingLogger();
    live = new LiveSearch(backend, { clock, logger, debounceMs: 300, minLength: 2 });
  });
  teardown(() => live.dispose());

  test('keystrokes within the pause send one query, both searches at once', () => {
    live.setQuery('r');
    live.setQuery('re');
    clock.advance(200);
    live.setQuery('ref');
    clock.advance(200);
    live.setQuery('refund ');
    assert.equal(backend.calls.length, 0);
    assert.equal(live.isBusy, true);
    clock.advance(300);
    assert.deepEqual(backend.calls.map((c) => `${c.what} ${c.q}`), ['messages refund', 'contacts refund']);
  });

  test('a query shorter than two characters asks nothing and clears the results', () => {
    live.setQuery('x');
    clock.advance(1000);
    assert.equal(backend.calls.length, 0);
    assert.equal(live.outcome, undefined);
    assert.equal(live.isBusy, false);
  });

  test('a newer query aborts the older one, whose late answer is never shown', async () => {
    live.setQuery('refund');
    clock.advance(300);
    const old = backend.calls.filter((c) => c.q === 'refund');
    live.setQuery('invoice');
    assert.ok(old.every((c) => c.signal.aborted), 'the old requests are aborted at the next keystroke');
    clock.advance(300);
    const seen: SearchOutcome[] = [];
    const sub = live.onDidChange((o) => seen.push(o));
    backend.answer('messages', 'refund', [searchHit(1, [[1, 'refund', 1]])]);
    backend.answer('messages', 'invoice', [searchHit(2, [[2, 'invoice', 1]])]);
    await flush();
    sub.dispose();
    assert.ok(seen.every((o) => o.query === 'invoice'));
    assert.deepEqual(live.outcome?.messages.map((m) => m.conversationId), [2]);
    assert.equal(live.outcome?.pending.customers, true, 'the customer search is still out');
  });

  test('results are published as each search answers; a found customer\'s conversations follow', async () => {
    const done = live.search('ann');
    backend.answer('contacts', 'ann', [contact(9, 'Ann Lee', 'ann@example.com')]);
    await flush();
    backend.answer('conversations', '9', [conversation(7, { contactId: 9 })]);
    await flush();
    assert.deepEqual(live.outcome?.customers.map((c) => c.conversations.map((x) => x.id)), [[7]]);
    assert.equal(live.isBusy, true, 'messages still pending');
    backend.answer('messages', 'ann', []);
    const outcome = await done;
    assert.equal(live.isBusy, false);
    assert.equal(firstFound(outcome), 7);
  });

  test('a cancelled request is not reported as a failure', async () => {
    const done = live.search('ann');
    for (const c of backend.calls) c.reject(new ApiError('cancelled', 'cancelled'));
    const outcome = await done;
    assert.deepEqual(outcome.failures, []);
    assert.deepEqual(logger.at('warn'), []);
  });
});

suite('search: LiveSearch against the stand-in', () => {
  let server: FakeChatwoot;
  let logger: CapturingLogger;
  let live: LiveSearch;

  suiteSetup(async () => {
    server = await startServer();
  });
  suiteTeardown(() => server.stop());
  setup(() => {
    logger = new CapturingLogger();
    const api = new ApiClient({ baseUrl: server.url, token: server.demoToken, logger });
    live = new LiveSearch(restSearchBackend(api, server.accountId), { clock: new FakeClock(), logger });
  });
  teardown(() => {
    live.dispose();
    server.control.reset();
  });

  const conversationsOf = (contactId: number) => [...server.store.conversations.values()].filter((c) => c.contactId === contactId);

  test('a customer found by e-mail lists their conversations, newest first, none twice', async () => {
    const customer = [...server.store.contacts.values()].filter((c) => c.email).sort((a, b) => conversationsOf(b.id).length - conversationsOf(a.id).length)[0];
    assert.ok(conversationsOf(customer.id).length > 1, 'a customer with several conversations');
    const outcome = await live.search(customer.email!);
    assert.deepEqual(outcome.failures, []);
    const found = outcome.customers.find((c) => c.contact.id === customer.id);
    assert.ok(found, `${customer.email} found`);
    const listed = [...outcome.messages.map((m) => m.conversationId), ...outcome.customers.flatMap((c) => c.conversations.map((x) => x.id))];
    assert.equal(new Set(listed).size, listed.length, 'no conversation twice');
    // The server's order: newest activity first (4.x), newest conversation first (3.x).
    const expected = conversationsOf(customer.id)
      .sort((a, b) => (server.chatwoot === 4 ? b.lastActivityAt - a.lastActivityAt : b.dbId - a.dbId))
      .map((c) => c.displayId)
      .filter((id) => !outcome.messages.some((m) => m.conversationId === id));
    assert.deepEqual(found.conversations.map((c) => c.id), expected);
    assert.equal(firstFound(outcome), outcome.messages[0]?.conversationId ?? found.conversations[0].id);
  });

  test('message text finds conversations, with the matching message to show', async () => {
    const note = [...server.store.conversations.values()].flatMap((c) => c.messages).find((m) => m.private && (m.content ?? '').length > 24)!;
    const needle = note.content!.slice(4, 24);
    const outcome = await live.search(needle);
    const match = outcome.messages.find((m) => m.conversationId === note.conversationDisplayId);
    assert.ok(match?.message?.content?.includes(needle), JSON.stringify(match));
  });

  test('when the customer search fails, the message matches still arrive and the failure is said and logged', async () => {
    server.control.failNext(1, 500, '/contacts/search');
    const outcome = await live.search('refund');
    assert.ok(outcome.messages.length > 0);
    assert.equal(outcome.failures.length, 1);
    assert.match(outcome.failures[0], /^Customer search failed: /);
    assert.ok(logger.at('warn').some((l) => l.includes('Customer search failed')));
  });

  test('a hanging search is aborted by the next query, which answers', async () => {
    server.control.failNext(1, 'hang', '/conversations/search');
    const first = live.search('refund');
    await server.control.waitForKind('request', (r) => r.path.endsWith('/conversations/search'), 5000);
    const second = live.search('invoice');
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual(a.failures, [], 'the superseded search reports nothing');
    assert.ok(b.messages.length > 0);
    assert.equal(live.outcome?.query, 'invoice');
  });
});

suite('search: a malformed answer', () => {
  test('is one failure sentence and a warning; the other search still answers', async () => {
    const http = await TestHttpServer.start();
    const logger = new CapturingLogger();
    try {
      http.responder = (req) =>
        req.url.includes('/conversations/search')
          ? { body: { data: { payload: [{ id: 'x' }] } } }
          : req.url.includes('/contacts/search')
            ? { body: { meta: { count: 1, current_page: 1 }, payload: [{ id: 9, name: 'Ann Lee', email: 'ann@example.com' }] } }
            : { body: { payload: [conversation(7, { contactId: 9, contactName: 'Ann Lee' })] } };
      const live = new LiveSearch(restSearchBackend(new ApiClient({ baseUrl: http.baseUrl, token: 'token-for-shape-tests', logger }), 3), { clock: new FakeClock(), logger });
      const changed = once(live.onDidChange, (o) => !o.pending.messages && !o.pending.customers);
      const outcome = await live.search('ann');
      await changed;
      live.dispose();
      assert.equal(outcome.failures.length, 1);
      assert.match(outcome.failures[0], /^Message search failed: Unexpected response from .*conversations\/search/);
      assert.deepEqual(outcome.customers.map((c) => c.conversations.map((x) => x.id)), [[7]]);
      assert.ok(logger.at('warn').some((l) => /unexpected response shape/.test(l)));
    } finally {
      await http.close();
    }
  });
});
