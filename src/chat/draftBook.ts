import { trimOldest } from '../common/trimOldest';
import type { Draft } from '../protocol/chatProtocol';
import type { DraftStore } from './chatSession';

/** As many conversations' drafts as the webview keeps (webview/chat/persistedState.ts). */
export const MAX_DRAFTS = 50;
/** The bound the webview's messages are held to (views/chat/fromWebview.ts). */
export const MAX_DRAFT_CHARS = 100_000;

/**
 * The host's drafts, per `<scope>/<conversation id>`, persisted through `save`. Bounded whatever
 * the stored state or the webview says: at most MAX_DRAFTS conversations (the least recently
 * edited go first) of at most MAX_DRAFT_CHARS each. `clear` forgets all of them at sign-out, so
 * words typed for one agent's customers do not stay on the machine for the next.
 */
export class DraftBook implements DraftStore {
  private _drafts: Record<string, Draft> = {};

  constructor(
    initial: unknown,
    private readonly _save: (all: Record<string, Draft>) => void,
  ) {
    const entries = initial && typeof initial === 'object' ? Object.entries(initial as Record<string, unknown>) : [];
    for (const [key, value] of entries) {
      const d = value as Partial<Draft> | null;
      if (d && typeof d.text === 'string' && d.text) this._drafts[key] = bounded({ text: d.text, private: d.private === true });
    }
    this._trim();
  }

  get(key: string): Draft | undefined {
    return this._drafts[key];
  }

  get size(): number {
    return Object.keys(this._drafts).length;
  }

  set(key: string, draft: Draft): void {
    // Re-inserted last: string keys keep insertion order, so the oldest edits are trimmed first.
    delete this._drafts[key];
    if (draft.text) this._drafts[key] = bounded(draft);
    this._trim();
    this._save({ ...this._drafts });
  }

  clear(): void {
    this._drafts = {};
    this._save({});
  }

  private _trim(): void {
    for (const k of trimOldest(Object.keys(this._drafts), MAX_DRAFTS).dropped) delete this._drafts[k];
  }
}

function bounded(draft: Draft): Draft {
  return draft.text.length > MAX_DRAFT_CHARS ? { text: draft.text.slice(0, MAX_DRAFT_CHARS), private: draft.private } : draft;
}
