import * as assert from 'node:assert/strict';
import { parseLocale } from '../../../../src/webview/chat/locale';

suite('parseLocale', () => {
  test('reads the language (canonical) and the bundle', () => {
    const locale = parseLocale(JSON.stringify({ language: 'pt-br', bundle: { Send: 'Enviar' } }));
    assert.equal(locale.language, 'pt-BR');
    assert.equal(locale.bundle?.Send, 'Enviar');
  });

  test('English: a language and no bundle', () => {
    assert.deepEqual(parseLocale('{"language":"en"}'), { language: 'en' });
  });

  test('keeps only string translations, on an object without a prototype', () => {
    const locale = parseLocale(JSON.stringify({ language: 'es', bundle: { Send: 'Enviar', Retry: 3, Discard: { message: 'x' } } }));
    assert.deepEqual(Object.entries(locale.bundle ?? {}), [['Send', 'Enviar']]);
    assert.equal(locale.bundle?.constructor, undefined);
  });

  test('anything else leaves English and the browser’s formats', () => {
    for (const junk of [null, '', 'not json', '[]', '"es"', '{"language":"not a tag!"}', '{"language":5,"bundle":["a"]}']) {
      const locale = parseLocale(junk);
      assert.equal(locale.language, undefined, String(junk));
      assert.equal(locale.bundle, undefined, String(junk));
    }
  });
});
