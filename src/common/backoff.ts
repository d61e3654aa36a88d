/**
 * Reconnect delays: exponential with *full* jitter (a uniformly random delay between zero and the
 * exponential bound). Full jitter spreads a fleet of editors that all lost the same server, so a
 * restarted installation is not hit by every client at the same instant.
 */
export interface BackoffPolicy {
  /** Bound for the first retry. 500 ms: a blip (Wi-Fi hand-over, server restart) recovers almost at once. */
  readonly baseMs: number;
  /** No retry waits longer than this, so a returning server is noticed within half a minute. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/** Delay before retry number `attempt` (1-based); `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const bound = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(bound * Math.min(Math.max(random, 0), 1));
}

/**
 * The bound itself, without jitter: `baseMs`, then doubling, never above `capMs`. For schedules on
 * one socket (re-sending `subscribe`, refreshing credentials) where spreading a fleet is not the
 * point and a predictable rhythm is easier to reason about.
 */
export function doublingDelay(step: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(step - 1, 30));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}
