import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Views } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { SearchTarget } from '../../src/views/search/globalSearch';
import { signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { inWebview, pickFromQuickPick } from '../helpers/host/window';
import { within } from '../helpers/wait';
import { FakeChatwoot } from '../server';

suite('Chatwoot: Search…', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;
  const feature = () => api.conversations;
  const path = (p: string) => `/api/v1/accounts/${server.accountId}${p}`;
  const chatShows = (id: number) => inWebview({ op: 'text', selector: '.header__where', hasText: `#${id}` });
  const conversations = () => [...server.store.conversations.values()];

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
    await vscode.commands.executeCommand(`${Views.conversations}.focus`);
    await within(
      new Promise<void>((resolve) => {
        if (feature().sync?.isLoaded) return resolve();
        const sub = feature().provider.onDidRefresh(() => feature().sync?.isLoaded && (sub.dispose(), resolve()));
      }),
      'the first load',
      10000,
    );
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  test('a message far back in a long conversation: the server is asked, the chat loads older pages until it holds it, scrolls to it and highlights it', async () => {
    const long = conversations().sort((a, b) => b.messages.length - a.messages.length)[0];
    assert.ok(long.messages.length > 40, 'a conversation of more than two pages');
    const all = conversations().flatMap((c) => c.messages);
    // Older than the first two pages (20 each), with words no other message of its conversation
    // has, and few enough elsewhere to fit on the search's one page of 15 (the seed reuses scripts).
    const has = (x: { content: string | null }, needle: string) => (x.content ?? '').toLowerCase().includes(needle);
    // The whole text: the seed repeats a script in batches, each line marked with its batch.
    const target = long.messages.slice(0, long.messages.length - 40).find((m) => {
      const needle = (m.content ?? '').toLowerCase();
      return needle.length >= 12 && !needle.includes('\n') && long.messages.filter((x) => has(x, needle)).length === 1 && all.filter((x) => has(x, needle)).length <= 15;
    });
    assert.ok(target, 'a message with its own words, two pages back');
    const needle = target.content!;
    const mark = server.control.mark();
    const picked = vscode.commands.executeCommand<SearchTarget | undefined>(Commands.search);
    const rows = await pickFromQuickPick('Search Chatwoot', needle, `message in #${long.displayId}`);
    const row = rows.find((r) => r.includes(`message in #${long.displayId}`));
    assert.ok(row?.toLowerCase().includes(needle.toLowerCase()), `the row shows the matching text: ${rows.join(' | ')}`);
    assert.deepEqual(await picked, { conversationId: long.displayId, messageId: target.id });
    await server.control.waitForKind('request', (r) => r.method === 'GET' && r.path === path('/search/messages') && r.query.q === needle, 5000, mark);
    await chatShows(long.displayId);
    // The chat holds the message, found by its id, and marks it.
    await inWebview({ op: 'text', selector: `[data-id="${target.id}"].msg--found` });
    const older = server.control.requests().filter((r) => r.path === path(`/conversations/${long.displayId}/messages`) && r.query.before !== undefined);
    assert.ok(older.length >= 2, `older pages were fetched: ${older.length}`);
    assert.deepEqual(api.chat.sidebarConversation, { accountId: server.accountId, conversationId: long.displayId });
  });

  test('a contact lists their conversations, and the one picked opens', async () => {
    const theirs = (contactId: number) => conversations().filter((c) => c.contactId === contactId);
    const contact = [...server.store.contacts.values()].filter((c) => c.email && theirs(c.id).length > 1).sort((a, b) => theirs(b.id).length - theirs(a.id).length)[0];
    assert.ok(contact, 'a customer with several conversations');
    const target = theirs(contact.id)[theirs(contact.id).length - 1].displayId;
    const mark = server.control.mark();
    const picked = vscode.commands.executeCommand<SearchTarget | undefined>(Commands.search);
    const rows = await pickFromQuickPick('Search Chatwoot', contact.email!, `contact · ${contact.email}`);
    assert.ok(rows.some((r) => r.includes(`conversation #${theirs(contact.id)[0].displayId}`)), `the contact's conversations are found by the e-mail too: ${rows.join(' | ')}`);
    await server.control.waitForKind('request', (r) => r.path === path(`/contacts/${contact.id}/conversations`), 5000, mark);
    const second = await pickFromQuickPick(`Conversations of ${contact.name}`, `#${target}`, `#${target}`);
    assert.ok(second.length >= 1);
    assert.deepEqual(await picked, { conversationId: target });
    await server.control.waitForKind('request', (r) => r.path === path('/search/contacts') && r.query.q === contact.email, 5000, mark);
    await server.control.waitForKind('request', (r) => r.path === path('/search/conversations') && r.query.q === contact.email, 5000, mark);
    await chatShows(target);
  });

  test('Go to Conversation still works beside it', async () => {
    const id = conversations()[2].displayId;
    assert.equal(await vscode.commands.executeCommand(Commands.goToConversation, `#${id}`), id);
    await chatShows(id);
  });
});
