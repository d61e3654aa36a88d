import { ConversationStatus } from '../model/conversation';
import { ConversationsBackend } from './backend';
import { ConversationStore } from './store';

/** What the actions need of the sync: fresh counts once the server has settled. */
export interface CountsRefresher {
  requestCounts(): void;
}

/**
 * The conversation actions of the list, optimistic: the store changes at once (so the row moves
 * and the counts follow without waiting for the round trip), the server is asked, and if it
 * refuses the change is rolled back and the error is rethrown for the caller to report. The
 * server's own events, newer by `updated_at`, then settle the state either way.
 */
export class ConversationActions {
  constructor(
    private readonly _store: ConversationStore,
    private readonly _backend: ConversationsBackend,
    private readonly _counts: CountsRefresher,
  ) {}

  /** Resolve, reopen, mark pending, or snooze (until `snoozedUntil` in Unix seconds, or the next reply). */
  async setStatus(id: number, status: ConversationStatus, snoozedUntil?: number): Promise<void> {
    const undo = this._store.patchOptimistic(id, { status, snoozedUntil: status === 'snoozed' ? (snoozedUntil ?? null) : null });
    await this._attempt(undo, async () => {
      const result = await this._backend.setStatus(id, { status, snoozedUntil });
      if (result.status !== status) this._store.patch(id, { status: result.status }, 'delta');
    });
  }

  /** Assigns an agent, or unassigns with null. */
  async assign(id: number, assigneeId: number | null): Promise<void> {
    const undo = this._store.patchOptimistic(id, { assigneeId });
    await this._attempt(undo, () => this._backend.assign(id, assigneeId));
  }

  async markRead(id: number): Promise<void> {
    const undo = this._store.patchOptimistic(id, { unreadCount: 0 });
    await this._attempt(undo, async () => {
      const state = await this._backend.markRead(id);
      if (state.unreadCount !== undefined) this._store.patch(id, { unreadCount: state.unreadCount }, 'delta');
    });
  }

  /** Chatwoot sends no event for this one, so the server's answer is the only confirmation. */
  async markUnread(id: number): Promise<void> {
    const current = this._store.get(id)?.unreadCount ?? 0;
    const undo = this._store.patchOptimistic(id, { unreadCount: Math.max(1, current) });
    await this._attempt(undo, async () => {
      const state = await this._backend.markUnread(id);
      if (state.unreadCount !== undefined) this._store.patch(id, { unreadCount: state.unreadCount }, 'delta');
    });
  }

  private async _attempt(undo: () => void, call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      undo();
      throw error;
    } finally {
      this._counts.requestCounts();
    }
  }
}
