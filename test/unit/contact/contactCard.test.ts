import * as assert from 'node:assert/strict';
import { contactCard, ContactSources, humanKey, openableLink } from '../../../src/contact/contactCard';
import { ContactDetails } from '../../../src/model/contact';
import { FromContactWebviewSchema } from '../../../src/views/contact/fromContactWebview';
import { conversation } from '../../helpers/payloads';

function sources(over: Partial<Omit<ContactSources, 'contact'>> & { contact?: Partial<ContactDetails> } = {}): ContactSources {
  const { contact, ...rest } = over;
  return {
    conversation: { ...conversation(42, { contactId: 7 }), additional_attributes: { browser: { browser_name: 'Chrome', browser_version: '126', platform_name: 'macOS', platform_version: '14.5' }, referer: 'https://shop.example/pricing', initiated_at: { timestamp: 'Mon Jun 03 2024 10:12:44 GMT+0200' } } } as never,
    contact: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com', phone_number: '+44 20 7946 0000', thumbnail: 'https://chat.example/rails/active_storage/a.png', additional_attributes: { company_name: 'Analytical Engines', city: 'London', country: 'United Kingdom' }, custom_attributes: { plan_tier: 'Pro', seats: 12, homepage: 'https://ada.example', evil: 'javascript:alert(1)' }, ...contact },
    notes: [{ id: 3, content: 'Prefers e-mail', created_at: 1_700_000_000, user: { id: 1, name: 'Priya Raman', available_name: 'Priya' } }],
    labels: ['vip'],
    conversations: [conversation(42, { contactId: 7 }), conversation(17, { contactId: 7, last_activity_at: 1_600_000_000 })],
    participants: [{ id: 2, name: 'Jon Doe', available_name: null }],
    online: true,
    inboxName: (id) => (id === 1 ? 'Website' : undefined),
    ...rest,
  };
}

suite('contactCard', () => {
  test('details: e-mail and phone as mailto:/tel: links, company and location from additional_attributes', () => {
    const card = contactCard(sources());
    assert.equal(card.name, 'Ada Lovelace');
    assert.equal(card.online, true);
    assert.deepEqual(card.details, [
      { label: 'E-mail', value: 'ada@example.com', link: 'mailto:ada@example.com' },
      { label: 'Phone', value: '+44 20 7946 0000', link: 'tel:+442079460000' },
      { label: 'Company', value: 'Analytical Engines' },
      { label: 'Location', value: 'London, United Kingdom' },
    ]);
  });

  test('custom attributes are text; only an http(s) value becomes a link, never javascript:', () => {
    const card = contactCard(sources());
    assert.deepEqual(card.customAttributes, [
      { label: 'Plan tier', value: 'Pro', link: null },
      { label: 'Seats', value: '12', link: null },
      { label: 'Homepage', value: 'https://ada.example', link: 'https://ada.example/' },
      { label: 'Evil', value: 'javascript:alert(1)', link: null },
    ]);
  });

  test('this conversation: browser, referrer and initiated at from its additional_attributes', () => {
    const card = contactCard(sources());
    assert.deepEqual(card.conversationInfo, [
      { label: 'Browser', value: 'Chrome 126 on macOS 14.5' },
      { label: 'Referrer', value: 'https://shop.example/pricing', link: 'https://shop.example/pricing' },
      { label: 'Initiated at', value: 'Mon Jun 03 2024 10:12:44 GMT+0200', link: null },
    ]);
    assert.deepEqual(card.participants, ['Jon Doe']);
  });

  test('previous conversations leave out the open one; notes carry their author; failures stay null', () => {
    const card = contactCard(sources());
    assert.deepEqual(card.previousConversations?.map((c) => [c.id, c.inboxName, c.lastActivityAt]), [[17, 'Website', 1_600_000_000_000]]);
    assert.deepEqual(card.notes, [{ id: 3, text: 'Prefers e-mail', author: 'Priya', createdAt: 1_700_000_000_000 }]);
    const failed = contactCard(sources({ notes: null, conversations: null, participants: null, online: undefined }));
    assert.equal(failed.notes, null);
    assert.equal(failed.previousConversations, null);
    assert.equal(failed.participants, null);
    assert.equal(failed.online, null, 'unknown until the first presence.update');
  });

  test('avatars: https only; a contact with no name is named by e-mail, phone or id', () => {
    assert.equal(contactCard(sources({ contact: { thumbnail: 'http://plain.example/a.png' } })).avatarUrl, null);
    assert.equal(contactCard(sources({ contact: { thumbnail: 'javascript:alert(1)' } })).avatarUrl, null);
    assert.equal(contactCard(sources({ contact: { name: '  ', email: null, phone_number: null } })).name, 'Contact #7');
  });

  test('openableLink: http, https, mailto and tel only', () => {
    for (const ok of ['https://a.example/', 'http://a.example/', 'mailto:a@b.example', 'tel:+123']) assert.ok(openableLink(ok), ok);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', 'relative/path']) assert.equal(openableLink(bad), null, bad);
    assert.equal(humanKey('browser_name'), 'Browser name');
  });

  test('what the webview may send is checked: a blank or oversized note, a bad id or an unknown type is refused', () => {
    assert.ok(FromContactWebviewSchema.safeParse({ type: 'addNote', contactId: 7, content: 'Call back Monday' }).success);
    assert.ok(!FromContactWebviewSchema.safeParse({ type: 'addNote', contactId: 7, content: '  \n ' }).success);
    assert.ok(!FromContactWebviewSchema.safeParse({ type: 'addNote', contactId: 7, content: 'x'.repeat(20_001) }).success);
    assert.ok(!FromContactWebviewSchema.safeParse({ type: 'openConversation', conversationId: -1 }).success);
    assert.ok(!FromContactWebviewSchema.safeParse({ type: 'runCommand', command: 'x' }).success);
  });
});
