/**
 * What survives the webview being hidden or reloaded: per-conversation drafts and unsent replies,
 * kept with VS Code's `getState`/`setState` (the view does not use retainContextWhenHidden). The
 * state may come from an older build, so it is read defensively and rewritten whole.
 */
import type { Draft, OutboxItem } from '../../protocol/chatProtocol';

export interface PersistedState {
  readonly version: 1;
  readonly conversationId: number | null;
  /** The installation and account `conversationId` belongs to (ids repeat across them). */
  readonly scope?: string | null;
  readonly drafts: Readonly<Record<string, Draft>>;
  readonly unsent: Readonly<Record<string, readonly OutboxItem[]>>;
}

export interface StateStore {
  getState(): unknown;
  setState(state: PersistedState): void;
}

/** Drafts and unsent replies of conversations the agent left long ago are not kept forever. */
const MAX_CONVERSATIONS = 50;

export class ViewState {
  private _state: PersistedState;

  constructor(private readonly _store: StateStore) {
    this._state = parse(_store.getState());
  }

  get conversationId(): number | null {
    return this._state.conversationId;
  }

  /** Which conversation the view shows, and where it lives (for restoring after a reload). */
  setConversation(id: number | null, scope: string | null): void {
    this._save({ ...this._state, conversationId: id, scope });
  }

  /** Drafts and unsent replies are keyed by `key`: the scope and the id together. */
  draft(key: string): Draft | null {
    return this._state.drafts[key] ?? null;
  }

  setDraft(key: string, draft: Draft): void {
    const drafts = { ...this._state.drafts };
    delete drafts[key]; // re-inserted last: the newest stays when old ones are trimmed
    if (draft.text) drafts[key] = draft;
    this._save({ ...this._state, drafts: trim(drafts) });
  }

  unsent(key: string): readonly OutboxItem[] {
    return this._state.unsent[key] ?? [];
  }

  setUnsent(key: string, items: readonly OutboxItem[]): void {
    const unsent = { ...this._state.unsent };
    delete unsent[key];
    if (items.length) unsent[key] = items;
    this._save({ ...this._state, unsent: trim(unsent) });
  }

  /** Sign-out: every draft and unsent reply is forgotten. */
  forgetAll(): void {
    this._save({ ...this._state, drafts: {}, unsent: {} });
  }

  private _save(state: PersistedState): void {
    this._state = state;
    this._store.setState(state);
  }
}

function trim<T>(record: Record<string, T>): Record<string, T> {
  const keys = Object.keys(record);
  // String keys iterate in insertion order and each write re-inserts its key: this drops the
  // conversations written to least recently.
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_CONVERSATIONS))) delete record[k];
  return record;
}

function parse(raw: unknown): PersistedState {
  const empty: PersistedState = { version: 1, conversationId: null, drafts: {}, unsent: {} };
  if (!isRecord(raw) || raw.version !== 1) return empty;
  const drafts: Record<string, Draft> = {};
  for (const [k, v] of Object.entries(isRecord(raw.drafts) ? raw.drafts : {})) {
    if (isRecord(v) && typeof v.text === 'string') drafts[k] = { text: v.text, private: v.private === true };
  }
  const unsent: Record<string, OutboxItem[]> = {};
  for (const [k, v] of Object.entries(isRecord(raw.unsent) ? raw.unsent : {})) {
    if (!Array.isArray(v)) continue;
    const items = v.filter(isOutboxItem);
    if (items.length) unsent[k] = items;
  }
  return {
    version: 1,
    conversationId: typeof raw.conversationId === 'number' ? raw.conversationId : null,
    scope: typeof raw.scope === 'string' ? raw.scope : null,
    drafts,
    unsent,
  };
}

function isOutboxItem(v: unknown): v is OutboxItem {
  return isRecord(v) && typeof v.echoId === 'string' && typeof v.content === 'string' && typeof v.private === 'boolean' && typeof v.createdAt === 'number';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
