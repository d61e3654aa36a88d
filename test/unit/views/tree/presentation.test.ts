import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../../../src/conversations/store';
import { escapeMarkdown } from '../../../../src/common/markdownText';
import {
  channelIcon,
  conversationUrl,
  filterDescription,
  groupLabel,
  messagePreview,
  presentConversation,
  relativeTime,
} from '../../../../src/views/tree/presentation';
import { conversation } from '../../../helpers/payloads';

const NOW_MS = 1_700_000_000_000;
const NOW = NOW_MS / 1000;

suite('presentation', () => {
  let store: ConversationStore;
  setup(() => {
    store = new ConversationStore(1, 1);
    store.setCatalog({ inboxes: [{ id: 1, name: 'Website', channelType: 'Channel::WebWidget' }], agents: [{ id: 1, name: 'Priya Raman', availableName: 'Priya', availability: 'online' }] });
  });
  teardown(() => store.dispose());

  test('a row: contact as label, unread count, time and first line as description, status and assignment in contextValue', () => {
    store.upsert(
      conversation(42, {
        assigneeId: 1,
        unread_count: 2,
        last_activity_at: NOW - 300,
        contactName: 'Ada Lovelace',
        messages: [{ id: 9, conversation_id: 42, content: 'First line of a long question\nsecond line', message_type: 0, private: false, created_at: NOW - 300 }] as never,
      }),
      { counts: 'none' },
    );
    const p = presentConversation(store, store.get(42)!, NOW_MS);
    assert.equal(p.label, 'Ada Lovelace');
    assert.equal(p.description, '2 new · 5m · First line of a long question');
    assert.equal(p.contextValue, 'conversation:open:mine:unread');
    assert.equal(p.accessibilityLabel, 'Ada Lovelace, open, assigned to you, 2 unread, last activity 5 minutes ago: First line of a long question');
    assert.equal(p.icon, 'globe');
    assert.equal(p.unread, 2);
    assert.match(p.tooltip, /Inbox: Website/);
    assert.match(p.tooltip, /Assignee: Agent 1/, 'the name the latest payload carries');
    assert.match(p.tooltip, /Status: Open/);
  });

  test('labels and priority: labels in the description, tooltip and spoken label; the priority as the icon, urgent and high coloured', () => {
    store.upsert(conversation(43, { labels: ['billing', 'vip'], priority: 'urgent', last_activity_at: NOW - 300 }), { counts: 'none' });
    const p = presentConversation(store, store.get(43)!, NOW_MS);
    assert.equal(p.description, '5m · [billing] [vip]');
    assert.equal(p.icon, 'flame');
    assert.equal(p.iconColor, 'errorForeground');
    assert.match(p.tooltip, /Priority: Urgent/);
    assert.match(p.tooltip, /Labels: billing, vip/);
    assert.match(p.accessibilityLabel, /urgent priority, labels billing, vip,/);
    store.upsert(conversation(44, { priority: 'low', unread_count: 1 }), { counts: 'none' });
    const low = presentConversation(store, store.get(44)!, NOW_MS);
    assert.equal(low.icon, 'arrow-down');
    assert.equal(low.iconColor, 'list.highlightForeground', 'unread, not pressing');
    store.upsert(conversation(45), { counts: 'none' });
    assert.equal(presentConversation(store, store.get(45)!, NOW_MS).icon, 'globe', 'no priority: the channel');
  });

  test('label names cannot inject Markdown into the tooltip', () => {
    store.upsert(conversation(46, { labels: ['[x](command:chatwoot.signOut)', '<img src=x onerror=alert(1)>'] }), { counts: 'none' });
    const tip = presentConversation(store, store.get(46)!, NOW_MS).tooltip;
    assert.ok(!tip.includes('](command:'), tip);
    assert.ok(!tip.includes('<img'), tip);
  });

  test('previews: ≤ 80 characters, private notes and own replies marked, attachments and deletions named', () => {
    store.upsert(conversation(1), { counts: 'none' });
    const base = store.get(1)!;
    const lm = (over: object) => ({ ...base, lastMessage: { id: 1, text: '', messageType: 0, private: false, createdAt: 0, hasAttachments: false, deleted: false, ...over } });
    assert.equal(messagePreview(lm({ text: 'x'.repeat(200) })).length, 80);
    assert.equal(messagePreview(lm({ text: 'check the logs', private: true, messageType: 1 })), 'Private note: check the logs');
    assert.equal(messagePreview(lm({ text: 'on it', messageType: 1 })), 'You: on it');
    assert.equal(messagePreview(lm({ hasAttachments: true })), 'Attachment');
    assert.equal(messagePreview(lm({ text: 'gone', deleted: true })), 'This message was deleted');
  });

  test('customer text in the tooltip cannot inject Markdown links or HTML', () => {
    store.upsert(conversation(5, { contactName: '[click](command:evil) <img src=x>' }), { counts: 'none' });
    const tip = presentConversation(store, store.get(5)!, NOW_MS).tooltip;
    assert.ok(!tip.includes('](command:'), tip);
    assert.ok(!tip.includes('<img'), tip);
    assert.equal(escapeMarkdown('a*b'), 'a\\*b');
  });

  test('relative times, channel icons, group labels, filter description, dashboard URL', () => {
    assert.equal(relativeTime(NOW - 10, NOW_MS), 'now');
    assert.equal(relativeTime(NOW - 7200, NOW_MS), '2h');
    assert.equal(relativeTime(NOW - 3 * 86400, NOW_MS), '3d');
    assert.equal(relativeTime(NOW - 21 * 86400, NOW_MS), '3w');
    assert.equal(channelIcon('Channel::Email'), 'mail');
    assert.equal(channelIcon('Channel::Unknown'), 'comment');
    assert.equal(groupLabel('mine', { mine: 3, unassigned: 1, all: 9 }), 'Mine (3)');
    assert.equal(groupLabel('all', undefined), 'All');
    assert.equal(filterDescription({ status: 'pending', inboxId: 1 }, 'Website'), 'Pending · Website');
    assert.equal(filterDescription({ status: 'open', inboxId: undefined }, undefined), 'Open · All inboxes');
    assert.equal(filterDescription({ status: 'open', inboxId: undefined, label: 'billing', teamId: 2, sort: 'priority_desc' }, undefined, 'Sales'), 'Open · All inboxes · billing · Sales · Priority');
    assert.equal(filterDescription({ status: 'open', inboxId: undefined, teamId: 9, sort: 'last_activity_at_desc' }, undefined, undefined), 'Open · All inboxes · Team #9');
    assert.equal(conversationUrl('https://chat.example.com/', 3, 42), 'https://chat.example.com/app/accounts/3/conversations/42');
  });
});
