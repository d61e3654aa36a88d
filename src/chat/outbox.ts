import { trimOldest } from '../common/trimOldest';
import type { OutboxItem } from '../protocol/chatProtocol';

/** Conversations with unsent replies kept, as many as the webview keeps; the least recently written go first. */
export const MAX_OUTBOX_CONVERSATIONS = 50;
/** Unsent replies kept per conversation; the oldest go first. */
export const MAX_OUTBOX_ITEMS = 20;

/**
 * Replies the agent sent that Chatwoot has not confirmed, per conversation. A failed one keeps
 * its text (with the error) until it is retried or discarded; a queued one waits for the
 * connection to return. An echo id is sent once at a time, so a double click cannot post the same
 * reply twice: Chatwoot stores a second POST with the same echo id as a second message. Persisted
 * through `save` so a window reload loses nothing; bounded (MAX_OUTBOX_CONVERSATIONS,
 * MAX_OUTBOX_ITEMS) and cleared at sign-out, so what one agent typed does not stay on the machine.
 * A reply's files are named here, not held: their bytes live in memory (chat/heldFiles.ts, with
 * its own bound), let go through `onDropped` when the reply leaves.
 */
export class Outbox {
  private readonly _items = new Map<string, OutboxItem[]>();
  private readonly _inFlight = new Set<string>();

  constructor(
    initial: Readonly<Record<string, readonly OutboxItem[]>>,
    private readonly _save: (all: Record<string, OutboxItem[]>) => void,
    /** Told of every reply that leaves (confirmed, discarded, trimmed, signed out): its files can go. */
    private readonly _onDropped: (item: OutboxItem) => void = () => undefined,
  ) {
    for (const [key, items] of Object.entries(initial)) if (Array.isArray(items)) this._items.set(key, trimOldest(items, MAX_OUTBOX_ITEMS).kept);
    this._trim();
  }

  items(key: string): readonly OutboxItem[] {
    return this._items.get(key) ?? [];
  }

  /** The replies waiting for the connection, in the order the agent sent them. */
  queued(key: string): readonly OutboxItem[] {
    return this.items(key).filter((i) => i.queued === true);
  }

  /**
   * Replies whose send ended without a confirmation, or was cut off by a reload: neither waiting
   * for the connection nor on their way. The server may have them.
   */
  unconfirmed(key: string): readonly OutboxItem[] {
    return this.items(key).filter((i) => i.queued !== true && !this._inFlight.has(i.echoId));
  }

  /** Whether a reply of this conversation is on its way now. */
  isSending(key: string): boolean {
    return this.items(key).some((i) => this._inFlight.has(i.echoId));
  }

  /** Starts sending; false when this echo id is already on its way. */
  begin(key: string, item: OutboxItem): boolean {
    if (this._inFlight.has(item.echoId)) return false;
    this._inFlight.add(item.echoId);
    this._put(key, { ...unqueued(item), error: null });
    return true;
  }

  /** Keeps a reply to send when the connection returns; false when this echo id is on its way. */
  queue(key: string, item: OutboxItem): boolean {
    if (this._inFlight.has(item.echoId)) return false;
    this._put(key, { ...item, error: null, queued: true });
    return true;
  }

  /** A send that never reached the server goes back to waiting, where it was in the queue. */
  requeue(key: string, echoId: string): void {
    this._inFlight.delete(echoId);
    this._items.set(key, this.items(key).map((i) => (i.echoId === echoId ? { ...i, error: null, queued: true } : i)));
    this._persist();
  }

  fail(key: string, echoId: string, error: string): void {
    this._inFlight.delete(echoId);
    this._items.set(key, this.items(key).map((i) => (i.echoId === echoId ? { ...unqueued(i), error } : i)));
    this._persist();
  }

  /** Confirmed by the server (or discarded by the agent). */
  remove(key: string, echoId: string): void {
    this._inFlight.delete(echoId);
    const list = this.items(key);
    const left = list.filter((i) => i.echoId !== echoId);
    for (const gone of list) if (gone.echoId === echoId) this._onDropped(gone);
    if (left.length) this._items.set(key, left);
    else this._items.delete(key);
    this._persist();
  }

  /** Sign-out: every unsent reply is forgotten. */
  clear(): void {
    for (const list of this._items.values()) list.forEach(this._onDropped);
    this._items.clear();
    this._inFlight.clear();
    this._persist();
  }

  /** Replaces the item with this echo id where it is (a retry keeps its place), else appends it. */
  private _put(key: string, item: OutboxItem): void {
    const list = this.items(key);
    const at = list.findIndex((i) => i.echoId === item.echoId);
    // Re-inserted last, so trimming drops the conversations written to least recently.
    this._items.delete(key);
    const all = at < 0 ? [...list, item] : list.map((i, n) => (n === at ? item : i));
    const { kept, dropped } = trimOldest(all, MAX_OUTBOX_ITEMS);
    dropped.forEach(this._onDropped);
    this._items.set(key, kept);
    this._trim();
    this._persist();
  }

  private _trim(): void {
    for (const k of trimOldest([...this._items.keys()], MAX_OUTBOX_CONVERSATIONS).dropped) {
      this._items.get(k)?.forEach(this._onDropped);
      this._items.delete(k);
    }
  }

  private _persist(): void {
    this._save(Object.fromEntries(this._items));
  }
}

function unqueued(item: OutboxItem): OutboxItem {
  const { queued: _queued, ...rest } = item;
  return rest;
}
