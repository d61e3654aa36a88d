import * as assert from 'node:assert/strict';
import { bestTailMatch, fileNameGlob, isInside, parseCodePath } from '../../../../src/views/chat/codePaths';

suite('codePaths', () => {
  test('relative, absolute and Windows paths are split into their parts', () => {
    assert.deepEqual(parseCodePath('./src/app.ts'), { absolute: false, segments: ['src', 'app.ts'] });
    assert.deepEqual(parseCodePath('/srv/app/src/orders.js'), { absolute: true, segments: ['srv', 'app', 'src', 'orders.js'] });
    assert.deepEqual(parseCodePath('C:\\work\\b.cs'), { absolute: true, segments: ['work', 'b.cs'] });
  });

  test('a path that climbs out, or carries glob or control characters, is refused', () => {
    for (const raw of ['../secret.ts', 'src/../../x.ts', 'src/*.ts', 'src/{a,b}.ts', 'a\u0000.ts', 'src/[x].ts', '', '/', 'x'.repeat(1001)]) {
      assert.equal(parseCodePath(raw), undefined, JSON.stringify(raw));
    }
  });

  test('of the files with the name, the one sharing the longest tail is meant; a tie means none', () => {
    const trace = parseCodePath('/srv/deploy/app/src/orders.js')!;
    assert.equal(fileNameGlob(trace), '**/orders.js');
    assert.equal(bestTailMatch(trace, [['lib', 'orders.js'], ['app', 'src', 'orders.js'], ['src', 'orders.js']]), 1);
    assert.equal(bestTailMatch(trace, [['lib', 'orders.js']]), 0, 'the name alone, when it is the only one');
    assert.equal(bestTailMatch(trace, [['a', 'src', 'orders.js'], ['b', 'src', 'orders.js']]), undefined);
    assert.equal(bestTailMatch(trace, []), undefined);
    assert.equal(bestTailMatch(trace, [['orders.jsx']]), undefined);
  });

  test('inside compares whole segments', () => {
    assert.ok(isInside('/work/app', '/work/app/src/x.ts', false));
    assert.ok(!isInside('/work/app', '/work/app2/x.ts', false));
    assert.ok(!isInside('/work/app', '/work/APP/x.ts', false));
    assert.ok(isInside('C:\\Work\\App', 'c:\\work\\app\\x.ts', true));
  });
});
