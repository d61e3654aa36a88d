import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/common/markdownText';

/** What a Markdown renderer could still treat as syntax: an unescaped special character. */
const unescapedSyntax = (s: string) => s.replace(/\\./g, '').match(/[[\]()*_`<>$]/g) ?? [];

suite('escapeMarkdown', () => {
  const hostile = [
    '[Click me](command:chatwoot.signOut)',
    '**Support** _team_ `code`',
    '<img src=x onerror=alert(1)> <a href="command:workbench.action.quit">x</a>',
    '$(warning) Urgent',
    '<command:chatwoot.signOut>',
    'Acme\n# Heading\n- item',
    'a\\](command:x)',
  ];

  for (const text of hostile) {
    test(`leaves no live syntax in ${JSON.stringify(text)}`, () => {
      const out = escapeMarkdown(text);
      assert.deepEqual(unescapedSyntax(out), [], out);
      assert.ok(!out.includes('](command:'), out);
      assert.ok(!/[\r\n]/.test(out), 'no line breaks');
    });
  }

  test('escapes exactly: a backslash per character, entities for HTML', () => {
    assert.equal(escapeMarkdown('a*b'), 'a\\*b');
    assert.equal(escapeMarkdown('[x](command:y)'), '\\[x\\]\\(command\\:y\\)');
    assert.equal(escapeMarkdown('<b>&'), '&lt;b&gt;&amp;');
    assert.equal(escapeMarkdown('a\\b'), 'a\\\\b');
    assert.equal(escapeMarkdown('Plain name'), 'Plain name');
  });
});
