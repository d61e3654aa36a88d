import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { searchContactsGlobally, searchConversationsByContact, searchMessages } from '../../../src/api/search';
import { CapturingLogger } from '../../helpers/logs';
import { startServer, type FakeChatwoot } from '../../server';

// Chatwoot's global search (search_controller.rb, search_service.rb) against the stand-in.
suite('api: global search', () => {
  let server: FakeChatwoot;
  let client: ApiClient;

  suiteSetup(async () => {
    server = await startServer();
  });
  suiteTeardown(() => server.stop());
  setup(() => {
    client = new ApiClient({ baseUrl: server.url, token: server.demoToken, logger: new CapturingLogger() });
  });
  teardown(() => server.control.reset());

  const conversations = () => [...server.store.conversations.values()];

  test('search/messages: messages containing the text (notes too), newest first, 15 a page, each naming its conversation', async () => {
    const note = conversations().flatMap((c) => c.messages).find((m) => m.private && (m.content ?? '').length > 20)!;
    const needle = note.content!.slice(3, 18).toUpperCase();
    const found = await searchMessages(client, server.accountId, needle);
    const hit = found.find((m) => m.id === note.id);
    assert.ok(hit, 'the note is found');
    assert.equal(hit.conversation_id, note.conversationDisplayId);
    assert.ok(found.length <= 15);
    assert.ok(found.every((m) => (m.content ?? '').toLowerCase().includes(needle.toLowerCase())));
    assert.deepEqual(found.map((m) => m.created_at), [...found.map((m) => m.created_at)].sort((a, b) => b - a));
    const common = await searchMessages(client, server.accountId, 'e');
    assert.equal(common.length, 15, 'a page is 15');
    const second = await searchMessages(client, server.accountId, 'e', { page: 2 });
    assert.ok(second.every((m) => !common.some((x) => x.id === m.id)), 'page 2 goes on where page 1 stopped');
  });

  test('search/conversations: by number or by the contact, not by message text; search/contacts: by name or e-mail', async () => {
    const c = conversations()[5];
    const contact = server.store.contacts.get(c.contactId)!;
    const byContact = await searchConversationsByContact(client, server.accountId, contact.name.toUpperCase());
    assert.ok(byContact.some((x) => x.id === c.displayId && x.contact?.id === contact.id));
    // `%42%` also finds 142, 420…: the highest number has the fewest such neighbours.
    const highest = Math.max(...conversations().map((x) => x.displayId));
    const byNumber = await searchConversationsByContact(client, server.accountId, String(highest));
    assert.ok(byNumber.some((x) => x.id === highest));
    const text = c.messages.find((m) => (m.content ?? '').length > 30)!.content!.slice(0, 25);
    const byText = await searchConversationsByContact(client, server.accountId, text);
    assert.ok(!byText.some((x) => x.id === c.displayId && !x.contact?.name?.includes(text)), 'message text is not searched here');
    const withEmail = [...server.store.contacts.values()].find((x) => x.email)!;
    const contacts = await searchContactsGlobally(client, server.accountId, withEmail.email!);
    assert.ok(contacts.some((x) => x.id === withEmail.id && x.email === withEmail.email));
  });
});
