import { ApiError } from '../../../src/api/errors';
import { ReadState } from '../../../src/api/readState';
import { ConversationPage, ConversationsBackend } from '../../../src/conversations/backend';
import type { ConversationFilter, Group, GroupCounts } from '../../../src/conversations/filters';
import { Agent, Inbox, Label, Team } from '../../../src/model/catalog';
import { Conversation } from '../../../src/model/conversation';

/**
 * An in-memory server for the sync: it lists, counts and pages the way ConversationFinder does
 * (page size 3 to make pages cheap), records every call, and can hold responses back so a test
 * decides when each one lands.
 */
export class FakeBackend implements ConversationsBackend {
  readonly conversations = new Map<number, Conversation>();
  readonly calls: string[] = [];
  pageSize = 3;
  meId = 1;
  /** While set, calls wait until `release()`. */
  private _held: Array<() => void> | undefined;
  failNext: Error | undefined;

  put(...cs: Conversation[]): void {
    for (const c of cs) this.conversations.set(c.id, c);
  }

  hold(): void {
    this._held = [];
  }

  /** Lets every held call continue; later calls run at once. */
  release(): void {
    const held = this._held ?? [];
    this._held = undefined;
    for (const go of held) go();
  }

  get heldCount(): number {
    return this._held?.length ?? 0;
  }

  private async _gate(call: string): Promise<void> {
    this.calls.push(call);
    if (this._held) await new Promise<void>((resolve) => this._held!.push(resolve));
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
  }

  /**
   * Equal last_activity_at come in this order; the server sets none (Chatwoot orders by
   * last_activity_at alone), so a test may flip it between two page fetches.
   */
  tieOrder: 'id-desc' | 'id-asc' = 'id-desc';
  /** Runs before each list call answers: a test changes the data between two page fetches. */
  beforeList: ((group: Group, page: number) => void) | undefined;

  /**
   * Written from ConversationFinder, not from the product's filters: status and inbox, then the
   * assignee_id split. A bot's conversation (`assignee_type: 'AgentBot'`) has no assignee_id,
   * so it is unassigned and nobody's. Payloads without `assignee_type` (3.x) name a user.
   */
  private _matching(filter: ConversationFilter, group: Group): Conversation[] {
    const assigneeIdOf = (c: Conversation): number | null => (c.meta.assignee && c.meta.assignee_type !== 'AgentBot' ? c.meta.assignee.id : null);
    const activity = (c: Conversation): number => c.last_activity_at ?? c.timestamp ?? 0;
    const tie = this.tieOrder === 'id-desc' ? -1 : 1;
    return [...this.conversations.values()]
      .filter((c) => filter.status === 'all' || c.status === filter.status)
      .filter((c) => filter.inboxId === undefined || c.inbox_id === filter.inboxId)
      .filter((c) => (group === 'mine' ? assigneeIdOf(c) === this.meId : group === 'unassigned' ? assigneeIdOf(c) === null : true))
      .sort((a, b) => activity(b) - activity(a) || tie * (a.id - b.id));
  }

  private _counts(filter: ConversationFilter): GroupCounts {
    return { mine: this._matching(filter, 'mine').length, unassigned: this._matching(filter, 'unassigned').length, all: this._matching(filter, 'all').length };
  }

  async list(filter: ConversationFilter, group: Group, page: number): Promise<ConversationPage> {
    await this._gate(`list ${group} ${page}`);
    this.beforeList?.(group, page);
    const all = this._matching(filter, group);
    return { counts: this._counts(filter), conversations: all.slice((page - 1) * this.pageSize, page * this.pageSize) };
  }

  async counts(filter: ConversationFilter): Promise<GroupCounts> {
    await this._gate('counts');
    return this._counts(filter);
  }

  async get(id: number): Promise<Conversation> {
    await this._gate(`get ${id}`);
    const c = this.conversations.get(id);
    if (!c) throw new ApiError('not-found', 'Not found');
    return c;
  }

  async inboxes(): Promise<readonly Inbox[]> {
    await this._gate('inboxes');
    return [{ id: 1, name: 'Website', channel_type: 'Channel::WebWidget' }];
  }
  async agents(): Promise<readonly Agent[]> {
    await this._gate('agents');
    return [{ id: 1, name: 'Priya' }];
  }
  async assignableAgents(): Promise<readonly Agent[]> {
    await this._gate('assignable');
    return [{ id: 1, name: 'Priya' }];
  }
  async teams(): Promise<readonly Team[]> {
    await this._gate('teams');
    return [];
  }
  async labels(): Promise<readonly Label[]> {
    await this._gate('labels');
    return [];
  }
  async setStatus(id: number, change: { status: Conversation['status'] }): Promise<{ status: Conversation['status'] }> {
    await this._gate(`status ${id} ${change.status}`);
    return { status: change.status };
  }
  async assign(id: number, assigneeId: number | null): Promise<void> {
    await this._gate(`assign ${id} ${assigneeId}`);
  }
  /** Label titles the account has; others are dropped by setLabels, as LabelConcern does. Undefined: all. */
  accountLabels: readonly string[] | undefined;
  async assignTeam(id: number, teamId: number | null): Promise<number | null> {
    await this._gate(`team ${id} ${teamId}`);
    return teamId;
  }
  async setPriority(id: number, priority: Conversation['priority']): Promise<void> {
    await this._gate(`priority ${id} ${priority}`);
  }
  async setLabels(id: number, labels: readonly string[]): Promise<readonly string[]> {
    await this._gate(`labels ${id} ${labels.join(',')}`);
    return labels.filter((l) => !this.accountLabels || this.accountLabels.includes(l));
  }
  async markRead(id: number): Promise<ReadState> {
    await this._gate(`read ${id}`);
    return { conversation: undefined, unreadCount: 0 };
  }
  async markUnread(id: number): Promise<ReadState> {
    await this._gate(`unread ${id}`);
    return { conversation: undefined, unreadCount: 1 };
  }
}
