// A journal of server-side happenings (sockets, subscriptions, heartbeats, requests,
// broadcasts) that tests can await instead of sleeping. Every entry gets a sequence number so a
// test can take a mark before acting and wait for something that happened after it, even if it
// happened before the wait started.

export type Happening =
  | { kind: 'socket_opened'; socketId: number; protocol: string }
  | { kind: 'socket_closed'; socketId: number; code: number }
  | { kind: 'command'; socketId: number; command: string; identifier: string }
  | { kind: 'subscribed'; socketId: number; userId: number; accountId: number; identifier: string }
  | { kind: 'subscription_refused'; socketId: number; identifier: string; reason: string }
  | { kind: 'unsubscribed'; socketId: number; identifier: string }
  /** Presence refreshed: by the subscribe itself, or by an `update_presence` the client performed. */
  | { kind: 'heartbeat'; userId: number; accountId: number; at: number; via: 'subscribe' | 'update_presence' }
  /** `body`: the parsed JSON body of a request that had one, so tests can check exactly what was sent. */
  | { kind: 'request'; method: string; path: string; query: Record<string, string | string[]>; status: number; fault?: string; body?: unknown }
  | { kind: 'broadcast'; event: string; streams: string[]; deliveries: number }
  | { kind: 'ping'; sockets: number; paused: boolean };

export type Entry = Happening & { seq: number; at: number };

interface Waiter {
  predicate: (h: Entry) => boolean;
  resolve: (h: Entry) => void;
}

const MAX_ENTRIES = 20_000; // bounded so a long demo run does not grow without limit

export class Happenings {
  private _entries: Entry[] = [];
  private _seq = 0;
  private readonly _waiters = new Set<Waiter>();

  record(h: Happening): Entry {
    const entry: Entry = { ...h, seq: ++this._seq, at: Date.now() };
    this._entries.push(entry);
    if (this._entries.length > MAX_ENTRIES) this._entries = this._entries.slice(-MAX_ENTRIES / 2);
    for (const w of [...this._waiters]) {
      if (w.predicate(entry)) {
        this._waiters.delete(w);
        w.resolve(entry);
      }
    }
    return entry;
  }

  /** The sequence number of the latest entry: pass it as `since` to include what follows. */
  mark(): number {
    return this._seq;
  }

  list(since = 0): Entry[] {
    return this._entries.filter((e) => e.seq > since);
  }

  clear(): void {
    this._entries = [];
  }

  /**
   * Resolves with the first entry after `since` (default: now) that matches; rejects after
   * timeoutMs with the kinds seen meanwhile, so a failing test says what did happen.
   */
  /** waitFor narrowed to one kind: `waitForKind('heartbeat', (h) => h.userId === 1)`. */
  waitForKind<K extends Happening['kind']>(kind: K, predicate: (h: Extract<Entry, { kind: K }>) => boolean = () => true, timeoutMs?: number, since?: number): Promise<Extract<Entry, { kind: K }>> {
    return this.waitFor((h): h is Extract<Entry, { kind: K }> => h.kind === kind && predicate(h as Extract<Entry, { kind: K }>), timeoutMs, since);
  }

  waitFor<K extends Happening['kind']>(
    predicate: (h: Entry) => h is Extract<Entry, { kind: K }>,
    timeoutMs?: number,
    since?: number,
  ): Promise<Extract<Entry, { kind: K }>>;
  waitFor(predicate: (h: Entry) => boolean, timeoutMs?: number, since?: number): Promise<Entry>;
  waitFor(predicate: (h: Entry) => boolean, timeoutMs = 2000, since = this._seq): Promise<Entry> {
    const past = this._entries.find((e) => e.seq > since && predicate(e));
    if (past) return Promise.resolve(past);
    const start = this._seq;
    return new Promise<Entry>((resolve, reject) => {
      const timer = setTimeout(() => {
        this._waiters.delete(waiter);
        const seen = this.list(start).map((e) => e.kind);
        reject(new Error(`waitFor timed out after ${timeoutMs} ms; happened meanwhile: ${seen.join(', ') || 'nothing'}`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (h) => {
          clearTimeout(timer);
          resolve(h);
        },
      };
      this._waiters.add(waiter);
    });
  }
}
