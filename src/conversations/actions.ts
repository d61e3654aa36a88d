import { ReadState } from '../api/readState';
import { Clock, systemClock, TimerHandle } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { Logger } from '../common/log';
import { ConversationPriority, ConversationStatus } from '../model/conversation';
import { ConversationsBackend } from './backend';
import { isAssignedTo } from './filters';
import { ConversationPatch, ConversationStore } from './store';

/** What the actions need of the sync: fresh counts once the server has settled. */
export interface CountsRefresher {
  requestCounts(): void;
}

/**
 * How long after the server has answered a change it is still waiting for the events that
 * confirm what the server did on its own (Chatwoot broadcasts through Sidekiq jobs: usually
 * within a second). Past it, whatever the server last said is shown.
 */
export const FOLLOW_UP_MS = 15_000;

/**
 * The conversation actions of the list, optimistic: the store changes at once (so the row moves
 * and the counts follow without waiting for the round trip), the server is asked, and if it
 * refuses the change is rolled back and the error is rethrown for the caller to report. The
 * server's own events, newer by `updated_at`, then settle the state either way.
 */
export class ConversationActions extends Disposable {
  private readonly _timers = new Set<TimerHandle>();

  constructor(
    private readonly _store: ConversationStore,
    private readonly _backend: ConversationsBackend,
    private readonly _counts: CountsRefresher,
    private readonly _logger?: Logger,
    private readonly _clock: Clock = systemClock,
  ) {
    super();
    this._register(toDisposable(() => {
      for (const t of this._timers) this._clock.clearTimeout(t);
      this._timers.clear();
    }));
  }

  /**
   * Resolve, reopen, mark pending, or snooze (until `snoozedUntil` in Unix seconds, or the next
   * reply). A conversation an `agent` leaves open is also assigned to them by the server, in
   * every supported version, so that is shown at once too (see `_openedBy`).
   */
  async setStatus(id: number, status: ConversationStatus, snoozedUntil?: number): Promise<void> {
    const assign = status === 'open' ? this._openedBy(id) : undefined;
    const fields: ConversationPatch = { status, snoozedUntil: status === 'snoozed' ? (snoozedUntil ?? null) : null, ...assign };
    const undo = this._store.patchOptimistic(id, fields);
    // The toggle_status reply names no assignee and the events that do may come later, after
    // ones rendered before the assignment was saved: hold the assignee until they confirm it.
    const expectation = assign && this._store.expect(id, assign);
    await this._attempt(
      () => {
        expectation?.cancel();
        undo();
      },
      async () => {
        const result = await this._backend.setStatus(id, { status, snoozedUntil });
        if (result.status !== status) this._store.patch(id, { status: result.status }, 'delta');
        // Not left open after all: the server assigned nobody. Undo puts back only the fields
        // still as the optimistic change left them, here the assignee.
        if (expectation && result.status !== 'open') {
          expectation.cancel();
          undo();
        }
      },
    );
    if (expectation?.active && !this.isDisposed) {
      const timer = this._clock.setTimeout(() => {
        this._timers.delete(timer);
        expectation.end();
      }, FOLLOW_UP_MS);
      this._timers.add(timer);
    }
  }

  /** Assigns an agent, or unassigns with null. */
  async assign(id: number, assigneeId: number | null): Promise<void> {
    const undo = this._store.patchOptimistic(id, { assigneeId, assigneeType: assigneeId === null ? null : 'User' });
    await this._attempt(undo, () => this._backend.assign(id, assigneeId));
  }

  /** Sets the team, or removes it with null. */
  async assignTeam(id: number, teamId: number | null): Promise<void> {
    const undo = this._store.patchOptimistic(id, { teamId });
    await this._attempt(undo, async () => {
      const result = await this._backend.assignTeam(id, teamId);
      // A team deleted meanwhile: the server removed the team instead.
      if (result !== teamId) this._store.patch(id, { teamId: result }, 'delta');
    });
  }

  /** Sets the priority, or clears it with null. */
  async setPriority(id: number, priority: ConversationPriority | null): Promise<void> {
    const undo = this._store.patchOptimistic(id, { priority });
    await this._attempt(undo, () => this._backend.setPriority(id, priority));
  }

  /** Replaces the labels (titles) with `labels`. */
  async setLabels(id: number, labels: readonly string[]): Promise<void> {
    const wanted = [...labels];
    const undo = this._store.patchOptimistic(id, { labels: wanted });
    await this._attempt(undo, async () => {
      const kept = await this._backend.setLabels(id, wanted);
      // A label deleted meanwhile is not set: show what the server kept.
      const now = this._store.get(id);
      if (now && now.labels === wanted && !sameSet(kept, wanted)) this._store.patch(id, { labels: [...kept] }, 'delta');
    });
  }

  /**
   * What the server does to the assignee when the signed-in user leaves a conversation open:
   * an `agent` becomes the assignee, whoever held it (a person or a bot). Chatwoot 3.x and early
   * 4.x: `should_assign_conversation?` / `assign_conversation`; current 4.x: `handle_human_open`,
   * which also clears a bot assignee for administrators; that one is not predicted, as the
   * versions differ (app/controllers/api/v1/accounts/conversations_controller.rb#toggle_status).
   */
  private _openedBy(id: number): ConversationPatch | undefined {
    const me = this._store.meId;
    const c = this._store.get(id);
    if (me === undefined || !c || this._store.role !== 'agent' || isAssignedTo(c, me)) return undefined;
    return { assigneeId: me, assigneeType: 'User' };
  }

  async markRead(id: number): Promise<void> {
    const undo = this._store.patchOptimistic(id, { unreadCount: 0 });
    let state: ReadState;
    try {
      state = await this._backend.markRead(id);
    } catch (error) {
      undo();
      throw error;
    }
    this._applyReadState(id, state, 'mark read');
  }

  /**
   * `unread` moves last seen to just before the last incoming message. No event and, in every
   * version, no body: the conversation is fetched again for the count the server now computes.
   */
  async markUnread(id: number): Promise<void> {
    const current = this._store.get(id)?.unreadCount ?? 0;
    const undo = this._store.patchOptimistic(id, { unreadCount: Math.max(1, current) });
    let state: ReadState;
    try {
      state = await this._backend.markUnread(id);
    } catch (error) {
      undo();
      throw error;
    }
    if (this._applyReadState(id, state, 'mark unread')) return;
    if (!this._store.get(id)) return;
    const fresh = await this._backend.get(id);
    if (this._store.get(id)) this._store.upsert(fresh, { counts: 'delta' });
  }

  /** Puts what the server answered into the store; false when it said nothing usable. */
  private _applyReadState(id: number, state: ReadState, action: string): boolean {
    if (state.unrecognised) this._logger?.warn(`${action} #${id}: ignored an unexpected answer (${state.unrecognised})`);
    // Only conversations the store holds: a chat may mark one the tree never loaded.
    if (!this._store.get(id)) return state.conversation !== undefined || state.unreadCount !== undefined;
    if (state.conversation && state.conversation.id === id) {
      this._store.upsert(state.conversation, { counts: 'delta' });
      return true;
    }
    if (state.unreadCount !== undefined) {
      this._store.patch(id, { unreadCount: state.unreadCount }, 'delta');
      return true;
    }
    return false;
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

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
