// What a soak does, drawn from one seed: the server-side activity (customers writing, notes,
// status changes, assignments, new conversations) and the network faults, each as an endless
// stream of steps. The same seed gives the same two streams; only their interleaving in time
// follows the wall clock.

import { Rng } from '../server/rng';

export type ActivityStep =
  | { kind: 'customerMessage'; inOpenChat: boolean; pick: number }
  | { kind: 'privateNote'; mention: boolean; inOpenChat: boolean; pick: number; author: number }
  | { kind: 'agentReply'; inOpenChat: boolean; pick: number; author: number }
  | { kind: 'status'; status: 'open' | 'pending' | 'snoozed' | 'resolved'; pick: number; actor: number }
  | { kind: 'assign'; to: 'me' | 'colleague' | 'nobody'; pick: number; colleague: number }
  | { kind: 'newConversation'; inbox: number };

export type FaultStep =
  | { kind: 'drop' }
  | { kind: 'stall'; ms: number }
  | { kind: 'halfOpen' }
  | { kind: 'restBurst'; status: 502 | 503 | 429; count: number; retryAfterSeconds: number; withinMs: number }
  | { kind: 'slowConfirms'; delayMs: number; forMs: number }
  | { kind: 'restart'; downMs: number };

export const FAULT_KINDS: readonly FaultStep['kind'][] = ['drop', 'stall', 'halfOpen', 'restBurst', 'slowConfirms', 'restart'];

/** Plain numbers so a step stays meaningful whatever the server holds when it runs. */
export class SoakPlan {
  private readonly _activity: Rng;
  private readonly _faults: Rng;
  private _cycle: FaultStep['kind'][] = [];

  constructor(
    readonly seed: number,
    /** The cable's liveness deadline: a stall lasts longer than this. */
    private readonly _staleAfterMs: number,
  ) {
    this._activity = new Rng(seed);
    this._faults = new Rng(seed ^ 0x0fa17);
  }

  /** Mean time between activity steps. */
  activityGapMs(): number {
    return this._activity.int(100, 700);
  }

  nextActivity(): ActivityStep {
    const r = this._activity;
    const x = r.next();
    const pick = r.int(0, 1_000_000);
    if (x < 0.4) return { kind: 'customerMessage', inOpenChat: r.chance(0.35), pick };
    if (x < 0.52) return { kind: 'privateNote', mention: r.chance(0.5), inOpenChat: r.chance(0.35), pick, author: r.int(0, 1_000) };
    if (x < 0.6) return { kind: 'agentReply', inOpenChat: r.chance(0.35), pick, author: r.int(0, 1_000) };
    if (x < 0.75) return { kind: 'status', status: r.pick(['open', 'pending', 'snoozed', 'resolved'] as const), pick, actor: r.int(0, 1_000) };
    if (x < 0.92) return { kind: 'assign', to: r.pick(['me', 'colleague', 'nobody'] as const), pick, colleague: r.int(0, 1_000) };
    return { kind: 'newConversation', inbox: r.int(0, 1_000) };
  }

  /** Quiet time between two faults. */
  faultGapMs(): number {
    return this._faults.int(1_000, 4_000);
  }

  /** Every kind once, in a seeded order, then again: even a short soak sees each kind. */
  nextFault(): FaultStep {
    const r = this._faults;
    if (this._cycle.length === 0) {
      this._cycle = [...FAULT_KINDS];
      for (let i = this._cycle.length - 1; i > 0; i--) {
        const j = r.int(0, i);
        [this._cycle[i], this._cycle[j]] = [this._cycle[j], this._cycle[i]];
      }
    }
    const kind = this._cycle.shift() as FaultStep['kind'];
    switch (kind) {
      case 'drop':
      case 'halfOpen':
        return { kind };
      case 'stall':
        return { kind, ms: this._staleAfterMs + r.int(1_000, 4_000) };
      case 'restBurst':
        return { kind, status: r.pick([502, 503, 429] as const), count: r.int(1, 4), retryAfterSeconds: r.int(1, 2), withinMs: r.int(1_000, 4_000) };
      case 'slowConfirms':
        return { kind, delayMs: r.int(500, 3_000), forMs: r.int(3_000, 6_000) };
      case 'restart':
        return { kind, downMs: r.int(2_000, 4_000) };
    }
  }
}
