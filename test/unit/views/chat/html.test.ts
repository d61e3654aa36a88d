import * as assert from 'node:assert/strict';
import { webviewHtml } from '../../../../src/views/chat/html';

const page = { cspSource: 'https://webview.test', scriptUri: 'https://webview.test/chat.js', styleUri: 'https://webview.test/chat.css', nonce: 'abc', title: 'chat' };

suite('webviewHtml', () => {
  test('without a locale: English, and no data element', () => {
    const html = webviewHtml(page);
    assert.match(html, /<html lang="en">/);
    assert.doesNotMatch(html, /id="l10n"/);
  });

  test('the locale travels as inert JSON that no translation can break out of', () => {
    const bundle = { Send: '</script><script>alert(1)</script><!--' };
    const html = webviewHtml({ ...page, locale: { language: 'pt-br', bundle } });
    assert.match(html, /<html lang="pt-br">/);
    const m = /<script type="application\/json" id="l10n">([^]*?)<\/script>/.exec(html);
    assert.ok(m, 'the data element');
    assert.doesNotMatch(m[1], /</);
    assert.deepEqual(JSON.parse(m[1]), { language: 'pt-br', bundle });
    // Still exactly one script that runs: the app, with the nonce.
    assert.equal(html.match(/<script nonce="abc" src=/g)?.length, 1);
    assert.equal(html.match(/<script/g)?.length, 2);
  });
});
