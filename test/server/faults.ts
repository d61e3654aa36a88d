// Scripted REST failures for client resilience tests: the next N calls answer 429 (with
// rack-attack's plain-text body), 500, or never answer at all; plus a fixed added latency.

export type FaultKind = 429 | 500 | 'hang';

export class RestFaults {
  private readonly _queue: FaultKind[] = [];
  latencyMs = 0;

  failNext(count: number, kind: FaultKind): void {
    for (let i = 0; i < count; i++) this._queue.push(kind);
  }

  /** The fault for the request being handled now, if one is queued. */
  take(): FaultKind | undefined {
    return this._queue.shift();
  }

  pending(): number {
    return this._queue.length;
  }

  clear(): void {
    this._queue.length = 0;
    this.latencyMs = 0;
  }
}
