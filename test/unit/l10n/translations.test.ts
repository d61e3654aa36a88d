// Every language carries every message, no message that is gone, and the same placeholders,
// links and setting references as English: a missing {0} would show the raw argument nowhere,
// a changed command link would run nothing.
import * as assert from 'node:assert/strict';
import { invariants, LANGUAGES, message, Messages, bundlePath, nlsPath, readMessages } from '../../helpers/l10nFiles';

function assertComplete(english: Messages, translated: Messages, file: string): void {
  const missing = Object.keys(english).filter((k) => !(k in translated));
  const stale = Object.keys(translated).filter((k) => !(k in english));
  assert.deepEqual(missing, [], `${file} lacks translations`);
  assert.deepEqual(stale, [], `${file} has keys English no longer has`);
}

function assertSameInvariants(english: Messages, translated: Messages, file: string): void {
  for (const [key, entry] of Object.entries(translated)) {
    if (!(key in english)) continue;
    const text = message(entry);
    assert.equal(typeof text, 'string', `${file}: ${JSON.stringify(key)} is not a string`);
    assert.notEqual(text.trim(), '', `${file}: ${JSON.stringify(key)} is empty`);
    assert.deepEqual(invariants(text), invariants(message(english[key])), `${file}: ${JSON.stringify(key)} → ${JSON.stringify(text)}`);
  }
}

for (const [kind, pathOf] of [['runtime bundle', bundlePath], ['manifest (package.nls)', nlsPath]] as const) {
  suite(`l10n: ${kind} translations`, () => {
    const english = readMessages(pathOf());

    for (const language of LANGUAGES) {
      test(`${language} has exactly the English keys`, () => {
        assertComplete(english, readMessages(pathOf(language)), pathOf(language));
      });

      test(`${language} keeps every placeholder, link and setting reference`, () => {
        assertSameInvariants(english, readMessages(pathOf(language)), pathOf(language));
      });
    }
  });
}

suite('l10n: invariants', () => {
  test('finds placeholders, link targets and setting references', () => {
    assert.deepEqual(invariants('Hi {name}, {0} new in [#1](command:x.y) see `#chatwoot.baseUrl#`'), {
      placeholders: ['{0}', '{name}'],
      links: ['](command:x.y)'],
      settings: ['#chatwoot.baseUrl#'],
    });
  });

  test('a translation that drops or renames a placeholder differs', () => {
    assert.throws(() => assertSameInvariants({ 'Signed in as {0}': 'Signed in as {0}' }, { 'Signed in as {0}': 'Conectado' }, 'x'));
    assert.throws(() => assertSameInvariants({ 'Hi {name}': 'Hi {name}' }, { 'Hi {name}': 'Olá {nome}' }, 'x'));
    assert.throws(() => assertComplete({ a: 'a', b: 'b' }, { a: 'á', c: 'c' }, 'x'));
  });
});
