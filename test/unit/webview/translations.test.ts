/**
 * Every string the webview apps pass to `l10n.t` (as `npm run l10n` extracts them) has a Brazilian
 * Portuguese and a Spanish translation with the same placeholders, so no label stays English and
 * no `{0}` is lost or invented in translation.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const placeholders = (s: string): string[] => [...(s.match(/\{[^}]+\}/g) ?? [])].sort();

suite('webview translations', () => {
  /** Key → the English message (a `{ message, comment }` call's key is "message/comment"). */
  let english: Map<string, string>;
  suiteSetup(async function () {
    // The extractor parses with tree-sitter (WebAssembly): slow to start on a busy machine.
    this.timeout(60_000);
    const files = sources(path.join(root, 'src/webview')).map((f) => ({ extension: '.ts', contents: fs.readFileSync(f, 'utf8') }));
    english = new Map(Object.entries(await getL10nJson(files)).map(([key, v]) => [key, typeof v === 'string' ? v : v.message]));
  });

  for (const language of ['pt-br', 'es']) {
    test(`${language}: every webview string, placeholders intact`, () => {
      assert.ok(english.size > 100, `only ${english.size} strings extracted`);
      const bundle = JSON.parse(fs.readFileSync(path.join(root, `l10n/bundle.l10n.${language}.json`), 'utf8')) as Record<string, unknown>;
      const problems: string[] = [];
      for (const [key, message] of english) {
        const value = bundle[key];
        if (typeof value !== 'string' || !value.trim()) problems.push(`missing: ${key}`);
        else if (placeholders(value).join() !== placeholders(message).join()) problems.push(`placeholders differ: ${key} → ${value}`);
      }
      assert.deepEqual(problems, []);
    });
  }
});
