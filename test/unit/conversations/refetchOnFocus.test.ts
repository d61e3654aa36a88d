import * as assert from 'node:assert/strict';
import { REFETCH_ON_FOCUS_MIN_INTERVAL_MS, RefetchOnFocus } from '../../../src/conversations/refetchOnFocus';
import { FakeClock } from '../../helpers/fakeClock';
import { FakeFocus } from '../../helpers/fakeFocus';

suite('RefetchOnFocus', () => {
  let clock: FakeClock;
  let focus: FakeFocus;
  let runs: number;
  let refetch: RefetchOnFocus;

  setup(() => {
    clock = new FakeClock();
    focus = new FakeFocus(false);
    runs = 0;
    refetch = new RefetchOnFocus(focus, clock, () => runs++);
  });
  teardown(() => refetch.dispose());

  test('the first focus refetches; more within 30 s do not; the next after 30 s does', () => {
    focus.set(true);
    assert.equal(runs, 1);
    clock.advance(REFETCH_ON_FOCUS_MIN_INTERVAL_MS - 1);
    focus.regain();
    assert.equal(runs, 1);
    clock.advance(1);
    focus.regain();
    assert.equal(runs, 2);
  });

  test('losing focus never refetches', () => {
    focus.set(true);
    clock.advance(60_000);
    focus.set(false);
    assert.equal(runs, 1);
  });

  test('a refetch made for another reason counts', () => {
    refetch.markFresh();
    focus.set(true);
    assert.equal(runs, 0);
    clock.advance(REFETCH_ON_FOCUS_MIN_INTERVAL_MS);
    focus.regain();
    assert.equal(runs, 1);
  });

  test('nothing after dispose', () => {
    refetch.dispose();
    focus.set(true);
    assert.equal(runs, 0);
  });
});
