import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { age, ago, dateTime, displayLocale, setDisplayLanguage, timeOfDay } from '../../../src/common/displayLanguage';

const NOW_MS = Date.UTC(2024, 5, 3, 12, 0, 0);
const NOW = NOW_MS / 1000;
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
// Dates are written in the machine's time zone: a local noon is 3 June everywhere.
const LOCAL_NOON = new Date(2024, 5, 3, 12, 0, 0).getTime();

suite('displayLanguage', () => {
  teardown(() => setDisplayLanguage('en'));

  test('VS Code language ids become Intl locales; an unusable one falls back to English', () => {
    assert.equal(displayLocale('pt-br'), 'pt-BR');
    assert.equal(displayLocale('es'), 'es');
    assert.equal(displayLocale('zh-cn'), 'zh-CN');
    assert.equal(displayLocale('not a language'), 'en');
  });

  test('English ages stay as the rows showed them: now, 5m, 3h, 2d, 3w, 1y', () => {
    assert.deepEqual([10, 5 * MIN, 3 * HOUR, 2 * DAY, 21 * DAY, 400 * DAY].map((s) => age(NOW - s, NOW_MS, 'en')), ['now', '5m', '3h', '2d', '3w', '1y']);
    assert.equal(age(NOW + 100, NOW_MS, 'en'), 'now', 'a time just ahead of our clock');
  });

  test('ages in Brazilian Portuguese and Spanish', () => {
    assert.deepEqual([10, 5 * MIN, 2 * DAY].map((s) => age(NOW - s, NOW_MS, 'pt-br')), ['agora', '5 min', '2 dias']);
    assert.deepEqual([10, 5 * MIN, 2 * DAY].map((s) => age(NOW - s, NOW_MS, 'es')), ['ahora', '5min', '2d']);
  });

  test('relative times in English: "5m ago" for tooltips, "5 minutes ago" spoken', () => {
    assert.equal(ago(NOW - 5 * MIN, NOW_MS, 'narrow', 'en'), '5m ago');
    assert.equal(ago(NOW - 5 * MIN, NOW_MS, 'long', 'en'), '5 minutes ago');
    assert.equal(ago(NOW - DAY, NOW_MS, 'long', 'en'), '1 day ago');
    assert.equal(ago(NOW - 10, NOW_MS, 'long', 'en'), 'just now');
  });

  test('relative times in Brazilian Portuguese and Spanish', () => {
    assert.equal(ago(NOW - 5 * MIN, NOW_MS, 'long', 'pt-br'), 'há 5 minutos');
    assert.equal(ago(NOW - 14 * DAY, NOW_MS, 'long', 'pt-br'), 'há 2 semanas');
    assert.equal(ago(NOW - 5 * MIN, NOW_MS, 'long', 'es'), 'hace 5 minutos');
    assert.equal(ago(NOW - 3 * HOUR, NOW_MS, 'narrow', 'es'), 'hace 3 h');
  });

  test('"just now" comes from the l10n bundle', () => {
    l10n.config({ contents: { 'just now': 'agora mesmo' } });
    try {
      assert.equal(ago(NOW - 10, NOW_MS, 'long', 'pt-br'), 'agora mesmo');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(ago(NOW - 10, NOW_MS, 'long', 'pt-br'), 'just now');
  });

  test('dates and times of day are written the display language\'s way', () => {
    assert.equal(dateTime(LOCAL_NOON, 'pt-br'), '03/06/2024, 12:00:00');
    assert.match(dateTime(LOCAL_NOON, 'en'), /^6\/3\/2024, 12:00:00\sPM$/);
    assert.equal(timeOfDay(LOCAL_NOON, 'es'), '12:00:00');
  });

  test('the language activation sets is the default of every formatter', () => {
    setDisplayLanguage('pt-br');
    assert.equal(age(NOW - 5 * MIN, NOW_MS), '5 min');
    assert.equal(ago(NOW - 5 * MIN, NOW_MS, 'long'), 'há 5 minutos');
    assert.match(dateTime(LOCAL_NOON), /^03\/06\/2024/);
    setDisplayLanguage('es');
    assert.equal(ago(NOW - 5 * MIN, NOW_MS, 'long'), 'hace 5 minutos');
  });
});
