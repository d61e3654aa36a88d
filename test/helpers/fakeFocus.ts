import { Emitter } from '../../src/common/event';
import { FocusSource } from '../../src/realtime/heartbeat';

/** A window focus a test moves by hand: `set(false)` then `set(true)` is "the agent came back". */
export class FakeFocus implements FocusSource {
  private readonly _onDidChangeFocus = new Emitter<boolean>();
  readonly onDidChangeFocus = this._onDidChangeFocus.event;

  constructor(public focused = true) {}

  set(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    this._onDidChangeFocus.fire(focused);
  }

  /** Blurs, then focuses again. */
  regain(): void {
    this.set(false);
    this.set(true);
  }
}
