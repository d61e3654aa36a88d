import * as assert from 'node:assert/strict';
import { toCodeBlock } from '../../../../src/views/chat/codeBlock';

suite('chat: selection as a code block', () => {
  test('names the file and lines and tags the language', () => {
    assert.equal(toCodeBlock('const a = 1;\n', { language: 'typescript', fileName: 'src/a.ts', startLine: 3, endLine: 4 }),
      '`src/a.ts` (lines 3–4):\n```typescript\nconst a = 1;\n```\n');
  });

  test('a single line says so; plain text gets no language', () => {
    assert.equal(toCodeBlock('x', { language: 'plaintext', fileName: 'notes.txt', startLine: 7, endLine: 7 }), '`notes.txt` (line 7):\n```\nx\n```\n');
  });

  test('code containing a fence gets a longer fence', () => {
    const block = toCodeBlock('```js\nalert(1)\n```', { language: 'markdown' });
    assert.ok(block.startsWith('````markdown\n'), block);
    assert.ok(block.endsWith('\n````\n'), block);
  });

  test('odd language ids and backticks in file names cannot break the markup', () => {
    assert.equal(toCodeBlock('x', { language: 'a b`c', fileName: 'we`ird.md' }), "`we'ird.md`:\n```\nx\n```\n");
  });
});
