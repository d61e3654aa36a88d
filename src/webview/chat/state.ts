/**
 * What survives the webview being hidden or reloaded: per-conversation drafts and unsent replies,
 * kept with VS Code's `getState`/`setState` (the view does not use retainContextWhenHidden). The
 * state may come from an older build, so it is read defensively and rewritten whole.
 */
import type { Draft, OutboxItem } from '../../shared/chatProtocol';

export interface PersistedState {
  readonly version: 1;
  readonly conversationId: number | null;
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

  set conversationId(id: number | null) {
    this._save({ ...this._state, conversationId: id });
  }

  draft(conversationId: number): Draft | null {
    return this._state.drafts[conversationId] ?? null;
  }

  setDraft(conversationId: number, draft: Draft): void {
    const drafts = { ...this._state.drafts };
    if (draft.text) drafts[conversationId] = draft;
    else delete drafts[conversationId];
    this._save({ ...this._state, drafts: trim(drafts) });
  }

  unsent(conversationId: number): readonly OutboxItem[] {
    return this._state.unsent[conversationId] ?? [];
  }

  setUnsent(conversationId: number, items: readonly OutboxItem[]): void {
    const unsent = { ...this._state.unsent };
    if (items.length) unsent[conversationId] = items;
    else delete unsent[conversationId];
    this._save({ ...this._state, unsent: trim(unsent) });
  }

  private _save(state: PersistedState): void {
    this._state = state;
    this._store.setState(state);
  }
}

function trim<T>(record: Record<string, T>): Record<string, T> {
  const keys = Object.keys(record);
  // Integer keys iterate in ascending order, so this drops the lowest display ids: the oldest chats.
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
  return { version: 1, conversationId: typeof raw.conversationId === 'number' ? raw.conversationId : null, drafts, unsent };
}

function isOutboxItem(v: unknown): v is OutboxItem {
  return isRecord(v) && typeof v.echoId === 'string' && typeof v.content === 'string' && typeof v.private === 'boolean' && typeof v.createdAt === 'number';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
