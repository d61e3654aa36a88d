// Scripted REST failures for client resilience tests: the next N calls answer 429 (with
// rack-attack's plain-text body), 500, a passing 401 (Chatwoot's unknown-token answer from a token
// that is in fact valid, as a proxy or a lagging replica gives), or never answer at all; plus a
// fixed added latency.

export type FaultKind = 401 | 429 | 500 | 'hang';

export class RestFaults {
  private readonly _queue: Array<{ kind: FaultKind; path?: string }> = [];
  latencyMs = 0;

  /** With `pathEndsWith`, only requests whose path ends so fail (others pass untouched). */
  failNext(count: number, kind: FaultKind, pathEndsWith?: string): void {
    for (let i = 0; i < count; i++) this._queue.push({ kind, path: pathEndsWith });
  }

  /** The fault for the request being handled now, if one is queued for it. */
  take(path: string): FaultKind | undefined {
    const i = this._queue.findIndex((f) => f.path === undefined || path.endsWith(f.path));
    return i < 0 ? undefined : this._queue.splice(i, 1)[0].kind;
  }

  /** Drops the failures still queued (a server that recovers), keeping the latency. */
  clearFailures(): void {
    this._queue.length = 0;
  }

  pending(): number {
    return this._queue.length;
  }

  clear(): void {
    this._queue.length = 0;
    this.latencyMs = 0;
  }
}
