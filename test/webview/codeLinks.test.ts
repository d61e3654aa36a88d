/**
 * File references in messages (`src/app.ts:42`, stack frames, tracebacks): the view asks the host
 * which name workspace files, links only those, and a click asks the host to open the file.
 */
import * as assert from 'assert';
import { ChatPage } from './harness';
import { CONVERSATION_ID, incoming, init } from './builders';

const TRACE = '```\nTypeError: x is undefined\n    at handler (/srv/app/src/orders.js:10:5)\n```';
const PYTHON = 'Traceback (most recent call last):\n  File "app/models.py", line 12, in save';

suite('webview chat: code links', () => {
  let chat: ChatPage;
  teardown(() => chat.close());

  const open = async (...contents: string[]) => {
    chat = await ChatPage.open();
    await chat.send(init({ messages: contents.map((c, i) => incoming(c, { id: i + 1, sender: { id: 101, name: 'src/name.ts:1', type: 'contact' } })) }));
    await chat.page.locator('.msg').first().waitFor();
  };

  test('the paths in messages are asked about once; only those the host found become links that open at the line', async () => {
    await open('It breaks in src/app.ts:42 and src/app.ts:43', TRACE, PYTHON, 'see https://example.com:8080/src/app.ts:42 and missing/file.ts:3');
    const ask = await chat.waitForPosted('resolveCodeRefs');
    assert.deepStrictEqual([...ask.paths].sort(), ['/srv/app/src/orders.js', 'app/models.py', 'missing/file.ts', 'src/app.ts'], 'each path once; sender names and URLs are not asked about');
    assert.strictEqual(await chat.page.locator('.code-link').count(), 0, 'nothing is a link before the host answers');

    await chat.send({ type: 'codeRefsResolved', asked: ask.paths, found: ['src/app.ts', '/srv/app/src/orders.js', 'app/models.py'] });
    const links = chat.page.locator('.code-link');
    await chat.page.locator('.code-link', { hasText: 'src/app.ts:43' }).waitFor();
    assert.deepStrictEqual(await links.allTextContents(), ['src/app.ts:42', 'src/app.ts:43', '/srv/app/src/orders.js:10:5', 'app/models.py']);
    assert.strictEqual(await chat.page.locator('.code-ref:not(.code-link)', { hasText: 'missing/file.ts:3' }).count(), 1, 'a path the host did not find stays text');
    assert.strictEqual(await chat.page.locator('a', { hasText: 'https://example.com:8080' }).count(), 1, 'the URL is still its own link');
    assert.ok((await chat.page.locator('.msg__content').first().textContent())?.includes('It breaks in src/app.ts:42 and src/app.ts:43'), 'the text reads as before');

    await chat.page.locator('.code-link', { hasText: '/srv/app/src/orders.js' }).click();
    await chat.waitForPostedEqual({ type: 'openCodeRef', path: '/srv/app/src/orders.js', line: 10, column: 5 });
    await chat.page.locator('.code-link', { hasText: 'app/models.py' }).focus();
    await chat.page.keyboard.press('Enter');
    await chat.waitForPostedEqual({ type: 'openCodeRef', path: 'app/models.py', line: 12 });
  });

  test('a later message naming a known file is a link at once, without asking again', async () => {
    await open('look at src/app.ts:1');
    const ask = await chat.waitForPosted('resolveCodeRefs');
    await chat.send({ type: 'codeRefsResolved', asked: ask.paths, found: ask.paths });
    await chat.page.locator('.code-link').waitFor();
    await chat.send({ type: 'messagesAppended', conversationId: CONVERSATION_ID, messages: [incoming('now src/app.ts:7 fails', { id: 99 })] });
    await chat.page.locator('.code-link', { hasText: 'src/app.ts:7' }).waitFor();
    assert.strictEqual((await chat.postedOf('resolveCodeRefs')).length, 1);
  });
});
