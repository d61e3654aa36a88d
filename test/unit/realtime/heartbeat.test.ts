import * as assert from 'node:assert/strict';
import { CableState } from '../../../src/cable/consumerState';
import { Emitter } from '../../../src/common/event';
import { FocusSource, Heartbeat, PresenceTarget } from '../../../src/realtime/heartbeat';
import { FakeClock } from '../../helpers/fakeClock';

class FakeFocus implements FocusSource {
  private readonly _onDidChangeFocus = new Emitter<boolean>();
  readonly onDidChangeFocus = this._onDidChangeFocus.event;
  constructor(public focused: boolean) {}
  set(focused: boolean): void {
    this.focused = focused;
    this._onDidChangeFocus.fire(focused);
  }
}

class FakeTarget implements PresenceTarget {
  private readonly _onDidChangeState = new Emitter<CableState>();
  readonly onDidChangeState = this._onDidChangeState.event;
  /** Clock times of each heartbeat sent. */
  readonly beats: number[] = [];
  state: CableState = { kind: 'connecting', attempt: 0 };
  constructor(private readonly _clock: FakeClock) {}
  set(state: CableState): void {
    this.state = state;
    this._onDidChangeState.fire(state);
  }
  updatePresence(): boolean {
    if (this.state.kind !== 'connected') return false;
    this.beats.push(this._clock.now());
    return true;
  }
}

suite('realtime/heartbeat', () => {
  let clock: FakeClock;
  let focus: FakeFocus;
  let target: FakeTarget;
  let heartbeat: Heartbeat;
  const t0 = 1_000_000;

  setup(() => {
    clock = new FakeClock(t0);
    focus = new FakeFocus(true);
    target = new FakeTarget(clock);
  });

  teardown(() => heartbeat?.dispose());

  const connected = (): CableState => ({ kind: 'connected', since: clock.now() });
  const offsets = () => target.beats.map((t) => t - t0);

  test('focused and connected: at once, then every 15 s', () => {
    heartbeat = new Heartbeat({ target, focus, clock });
    assert.deepEqual(target.beats, [], 'not while connecting');
    target.set(connected());
    clock.advance(45_000);
    assert.deepEqual(offsets(), [0, 15_000, 30_000, 45_000]);
  });

  test('none while unfocused; at once on focus gain', () => {
    focus.focused = false;
    target.state = connected();
    heartbeat = new Heartbeat({ target, focus, clock });
    clock.advance(60_000);
    assert.deepEqual(target.beats, []);
    focus.set(true);
    clock.advance(16_000);
    assert.deepEqual(offsets(), [60_000, 75_000]);
  });

  test('losing focus stops the beat; regaining it restarts it at once', () => {
    target.state = connected();
    heartbeat = new Heartbeat({ target, focus, clock });
    clock.advance(10_000);
    focus.set(false);
    clock.advance(100_000);
    assert.deepEqual(offsets(), [0]);
    focus.set(true);
    assert.deepEqual(offsets(), [0, 110_000]);
    assert.equal(heartbeat.isActive, true);
  });

  test('a disconnect stops the beat; the reconnect sends at once', () => {
    heartbeat = new Heartbeat({ target, focus, clock });
    target.set(connected());
    clock.advance(20_000);
    target.set({ kind: 'reconnecting', attempt: 1, delayMs: 300, nextRetryAt: clock.now() + 300, cause: 'x' });
    clock.advance(40_000);
    assert.deepEqual(offsets(), [0, 15_000]);
    target.set(connected());
    assert.deepEqual(offsets(), [0, 15_000, 60_000]);
  });

  test('repeated focus events do not send extra beats', () => {
    target.state = connected();
    heartbeat = new Heartbeat({ target, focus, clock });
    focus.set(true);
    focus.set(true);
    assert.deepEqual(offsets(), [0]);
  });

  test('the interval is configurable', () => {
    target.state = connected();
    heartbeat = new Heartbeat({ target, focus, clock, intervalMs: 10_000 });
    clock.advance(20_000);
    assert.deepEqual(offsets(), [0, 10_000, 20_000]);
  });

  test('dispose cancels the timer and unsubscribes', () => {
    target.state = connected();
    heartbeat = new Heartbeat({ target, focus, clock });
    heartbeat.dispose();
    assert.equal(clock.pendingTimers, 0);
    focus.set(false);
    focus.set(true);
    clock.advance(60_000);
    assert.deepEqual(offsets(), [0]);
  });
});
