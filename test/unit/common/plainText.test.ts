import * as assert from 'node:assert/strict';
import { plainText } from '../../../src/common/plainText';

suite('plainText', () => {
  test('plainText leaves ordinary text alone', () => {
    assert.equal(plainText('Order (#42) [urgent]'), 'Order (#42) [urgent]');
  });
});
