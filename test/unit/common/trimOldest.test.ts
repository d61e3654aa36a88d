import * as assert from 'node:assert/strict';
import { trimOldest } from '../../../src/common/trimOldest';

suite('trimOldest', () => {
  test('keeps the newest `max`, drops the oldest, in their order', () => {
    assert.deepEqual(trimOldest(['a', 'b', 'c', 'd', 'e'], 2), { kept: ['d', 'e'], dropped: ['a', 'b', 'c'] });
  });

  test('a list within the bound is kept whole (a copy)', () => {
    const items = ['a', 'b'];
    const { kept, dropped } = trimOldest(items, 2);
    assert.deepEqual([kept, dropped], [['a', 'b'], []]);
    assert.notEqual(kept, items);
    assert.deepEqual(trimOldest([], 3), { kept: [], dropped: [] });
  });

  test('a bound of 0 drops everything', () => {
    assert.deepEqual(trimOldest([1, 2], 0), { kept: [], dropped: [1, 2] });
  });
});
