// l10n/bundle.l10n.json is what `npm run l10n` extracts from src/: a string wrapped in t() but
// not exported (so never translated) fails here, as does a bundle key no source still uses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { bundlePath, readMessages, root, sourceFiles } from '../../helpers/l10nFiles';

const src = path.join(root, 'src');

suite('l10n: the bundle matches the sources', function () {
  this.timeout(60000);

  test('l10n/bundle.l10n.json has exactly the strings `npm run l10n` extracts from src/', async () => {
    const files = sourceFiles(src).map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: path.extname(f) }));
    const extracted = Object.keys(await getL10nJson(files)).sort();
    const bundled = Object.keys(readMessages(bundlePath())).sort();
    assert.deepEqual(bundled, extracted, 'run `npm run l10n`, then translate the new keys in every l10n/bundle.l10n.<language>.json');
  });

  test('every t() call passes its message as a literal, so the extractor sees it', () => {
    // The extractor silently skips `l10n.t(variable)`: that string would never be translated.
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bl10n\.t\(\s*([^\s])/g)) {
        if (!`'"\`{`.includes(m[1])) {
          const line = text.slice(0, m.index).split('\n').length;
          offenders.push(`${path.relative(root, file)}:${line}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});
