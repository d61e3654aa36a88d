import * as assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF, doublingDelay } from '../../../src/common/backoff';

suite('common/backoff', () => {
  test('the first retry is well under a second whatever the jitter', () => {
    assert.equal(backoffDelay(1, 0), 0);
    assert.ok(backoffDelay(1, 0.999999) < 1000);
    assert.ok(backoffDelay(1, 0.999999) <= DEFAULT_BACKOFF.baseMs);
  });

  test('the bound doubles per attempt and stops at 30 s', () => {
    const top = (attempt: number) => backoffDelay(attempt, 0.999999);
    assert.equal(top(2), 999);
    assert.equal(top(3), 1999);
    assert.ok(top(7) < 30_000 && top(7) >= 29_999);
    for (const attempt of [8, 10, 50, 1000]) assert.ok(top(attempt) <= 30_000, `attempt ${attempt}`);
  });

  test('full jitter: the delay scales linearly with the random draw from zero to the bound', () => {
    assert.equal(backoffDelay(4, 0), 0);
    assert.equal(backoffDelay(4, 0.25), 1000);
    assert.equal(backoffDelay(4, 0.5), 2000);
  });

  test('doublingDelay: the bound without jitter, from the base to the cap', () => {
    const policy = { baseMs: 500, capMs: 15_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 100].map((step) => doublingDelay(step, policy)),
      [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000],
    );
    assert.equal(doublingDelay(0, policy), 500);
  });
});
