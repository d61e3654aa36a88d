/**
 * Every message in the seed payloads (test/fixtures/seeds.ts: `message.created`,
 * `message.updated`, and the `messages` of the conversation events), validated with the host's
 * model (src/model/message.ts) as the host does before passing them on, rendered in the webview.
 */
import * as assert from 'assert';
import { Message } from '../../src/model/message';
import type { WireMessage } from '../../src/protocol/chatProtocol';
import { seedFrames } from '../fixtures/seeds';
import { conversation, init } from './builders';
import { ChatPage } from './harness';

/** Every object in `value` shaped like a message, with where it was found. */
function findMessages(value: unknown, where: string, out: { where: string; message: WireMessage }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => findMessages(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('message_type' in o && 'created_at' in o && 'conversation_id' in o) out.push({ where, message: Message.parse(o) });
    for (const [k, v] of Object.entries(o)) findMessages(v, `${where}.${k}`, out);
  }
}

const found: { where: string; message: WireMessage }[] = [];
for (const [event, frame] of Object.entries(seedFrames)) findMessages(frame.message.data, event, found);
/** One of each id, the last seen (the samples repeat some messages across events). */
const byId = new Map(found.map((f) => [f.message.id, f.message]));
const seedMessages = [...byId.values()];

suite('webview chat: seed payloads', () => {
  let chat: ChatPage;
  setup(async () => {
    chat = await ChatPage.open();
  });
  teardown(() => chat.close());

  test('the seeds hold the message kinds this suite expects', () => {
    assert.ok(found.some((f) => f.where === 'message.created'), 'message.created');
    assert.ok(found.some((f) => f.where === 'message.updated'), 'message.updated');
    assert.ok(found.filter((f) => f.where.includes('.messages[')).length >= 5, 'conversation events with messages');
    // incoming text, outgoing from an agent, a template without a sender
    assert.deepStrictEqual([...new Set(seedMessages.map((m) => m.message_type))].sort(), [0, 1, 3]);
  });

  test('every seed message renders, as its kind, with sender, time and status', async () => {
    await chat.send(init({ conversation: conversation({ id: 7 }), messages: seedMessages }));
    await chat.page.locator('.msg').nth(seedMessages.length - 1).waitFor({ state: 'attached' });
    assert.strictEqual(await chat.page.locator('.msg, .activity').count(), seedMessages.length);

    for (const m of seedMessages) {
      const el = chat.page.locator(`[data-id="${m.id}"]`);
      assert.strictEqual(await el.locator('.msg__content').textContent(), m.content, `content of ${m.id}`);
      assert.strictEqual(await el.locator('time').getAttribute('datetime'), new Date(m.created_at * 1000).toISOString());
    }
    // 106 and 107: the contact's messages; 117: John, an agent, sent; 111 and 115: templates.
    const cls = (id: number) => chat.page.locator(`[data-id="${id}"]`).getAttribute('class');
    const sender = (id: number) => chat.page.locator(`[data-id="${id}"] .msg__sender`).textContent();
    assert.match((await cls(106)) ?? '', /\bmsg--in\b/);
    assert.strictEqual(await sender(106), 'white-shadow-394');
    assert.match((await cls(117)) ?? '', /\bmsg--out\b/);
    assert.strictEqual(await sender(117), 'John');
    assert.strictEqual(await chat.page.locator('[data-id="117"] .msg__status').getAttribute('title'), 'Sent');
    assert.match((await cls(111)) ?? '', /\bmsg--out\b/);
    assert.strictEqual(await sender(111), 'Bot');
    // 2021-07-23 17:13:14 UTC; the page runs in UTC.
    assert.strictEqual(await chat.page.locator('[data-id="106"] time').textContent(), '5:13 PM');
    assert.deepStrictEqual(await chat.page.locator('.day').allTextContents(), ['Friday, July 23, 2021']);
  });

  test('message.created appends and message.updated changes a message in place', async () => {
    const created = Message.parse(seedFrames['message.created'].message.data);
    const updated = Message.parse(seedFrames['message.updated'].message.data);
    // 107, from conversation.status_changed: same conversation, sent after 106.
    const later = Message.parse((seedFrames['conversation.status_changed'].message.data.messages as unknown[])[0]);
    assert.ok(later.conversation_id === created.conversation_id && later.created_at > created.created_at);
    await chat.send(init({ conversation: conversation({ id: created.conversation_id }), messages: [later] }));
    await chat.page.locator(`[data-id="${later.id}"]`).waitFor();
    await chat.send({ type: 'messageUpserted', conversationId: created.conversation_id, message: created });
    await chat.page.locator(`[data-id="${created.id}"]`).waitFor();
    // In time order, though it arrived last.
    assert.deepStrictEqual(await chat.page.locator('.msg').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), [String(created.id), String(later.id)]);

    // message.updated belongs to conversation 8: open it with the older copy of that message.
    const older = { ...updated, content: 'Get notified' };
    await chat.send(init({ conversation: conversation({ id: updated.conversation_id }), messages: [older] }));
    await chat.page.locator(`[data-id="${updated.id}"] .msg__content`, { hasText: /^Get notified$/ }).waitFor();
    await chat.send({ type: 'messageUpserted', conversationId: updated.conversation_id, message: updated });
    await chat.page.locator(`[data-id="${updated.id}"] .msg__content`, { hasText: 'Get notified by email' }).waitFor();
    assert.strictEqual(await chat.page.locator('.msg').count(), 1, 'updated, not added');
  });
});
