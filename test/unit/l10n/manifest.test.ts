// package.json shows users no English of its own: every string VS Code displays is a %key% that
// package.nls.json defines (and the translations mirror, see translations.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nlsPath, readMessages, root } from '../../helpers/l10nFiles';

// Fields VS Code shows in its UI. Tools' `modelDescription` and `inputSchema` are read by the
// language model, not by users, and stay English.
// `name` is shown for views only: a tool's `name` is its id.
const DISPLAYED = new Set(['displayName', 'description', 'title', 'contents', 'category', 'label',
  'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'userDescription', 'altText',
  'deprecationMessage', 'markdownDeprecationMessage']);
const MODEL_ONLY = new Set(['modelDescription', 'inputSchema']);

/** Every displayed string of the manifest, with where it is. */
function displayedStrings(value: unknown, where: string, displayed = false): Array<[string, string]> {
  if (typeof value === 'string') return displayed ? [[where, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => displayedStrings(v, `${where}[${i}]`, displayed));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => MODEL_ONLY.has(k) ? [] : displayedStrings(v, `${where}.${k}`,
      displayed || DISPLAYED.has(k) || (k === 'name' && where.startsWith('contributes.views.'))));
  }
  return [];
}

/** Every %key% anywhere in the manifest. */
function referencedKeys(text: string): string[] {
  return [...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
}

suite('l10n: manifest strings', () => {
  const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const manifest = JSON.parse(text) as { displayName: string; description: string; capabilities: unknown; contributes: unknown };
  const english = readMessages(nlsPath());

  test('every displayed string is a %key%', () => {
    const literal = [
      ...displayedStrings({ displayName: manifest.displayName, description: manifest.description }, ''),
      ...displayedStrings(manifest.capabilities, 'capabilities'),
      ...displayedStrings(manifest.contributes, 'contributes'),
    ].filter(([, v]) => !/^%[^%]+%$/.test(v));
    assert.ok(displayedStrings(manifest.contributes, 'contributes').length > 50, 'the walk sees the contributions');
    assert.deepEqual(literal, [], 'put these strings in package.nls.json and reference them as %key%');
  });

  test('every %key% is defined in package.nls.json', () => {
    const missing = referencedKeys(text).filter((k) => !(k in english));
    assert.deepEqual(missing, []);
  });

  test('package.nls.json holds no key the manifest no longer uses', () => {
    const used = new Set(referencedKeys(text));
    assert.deepEqual(Object.keys(english).filter((k) => !used.has(k)), []);
  });
});
