import * as assert from 'node:assert/strict';
import { findCodeRefs } from '../../../../src/webview/chat/codeRefs';

/** Each reference as `text → path line[:column]`. */
function refs(text: string): string[] {
  return findCodeRefs(text).map((r) => `${text.slice(r.index, r.index + r.length)} → ${r.path} ${r.line}${r.column ? `:${r.column}` : ''}`);
}

suite('findCodeRefs', () => {
  test('a relative path with a line', () => {
    assert.deepEqual(refs('It breaks in src/app.ts:42 when I click'), ['src/app.ts:42 → src/app.ts 42']);
  });

  test('a Node stack frame: absolute path, line and column', () => {
    assert.deepEqual(refs('    at handler (/srv/app/src/orders.js:10:5)'), ['/srv/app/src/orders.js:10:5 → /srv/app/src/orders.js 10:5']);
  });

  test('a Python traceback links the file name and keeps the line', () => {
    assert.deepEqual(refs('Traceback (most recent call last):\n  File "app/models.py", line 12, in save'), ['app/models.py → app/models.py 12']);
  });

  test('tsc\'s path(line,column), a Windows path and several in one text', () => {
    assert.deepEqual(refs('src/a.ts(3,7): error TS2304\nC:\\work\\b.cs:9 and lib/c.rb:1:2.'), [
      'src/a.ts(3,7) → src/a.ts 3:7',
      'C:\\work\\b.cs:9 → C:\\work\\b.cs 9',
      'lib/c.rb:1:2 → lib/c.rb 1:2',
    ]);
  });

  test('times, ports, URLs, e-mail-like text and bare words are not references', () => {
    for (const text of ['see you at 10:30', 'https://example.com:8080/a', 'http://host/src/app.ts:42', 'v1.2:3', 'ratio 3.5:1', 'README.md', 'app.ts:0', 'app.ts:42abc']) {
      assert.deepEqual(refs(text), [], text);
    }
  });

  test('a path that climbs out with .. is never offered', () => {
    assert.deepEqual(refs('../../etc/passwd.txt:1 and src/../x.ts:2'), []);
  });
});
