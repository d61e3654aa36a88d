import { ApiError } from '../../../src/api/errors';
import { Agent, Inbox, Label, Team } from '../../../src/model/catalog';
import { Conversation } from '../../../src/model/conversation';
import { ConversationPage, ConversationsBackend } from '../../../src/state/backend';
import { byActivity, ConversationFilter, Group, GroupCounts, inGroup, matchesFilter } from '../../../src/state/filters';
import { toConversationRecord } from '../../../src/state/records';

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

  private _matching(filter: ConversationFilter, group: Group): Conversation[] {
    return [...this.conversations.values()]
      .filter((c) => {
        const r = toConversationRecord(c);
        return matchesFilter(r, filter) && inGroup(r, group, this.meId);
      })
      .sort((a, b) => byActivity(toConversationRecord(a), toConversationRecord(b)));
  }

  private _counts(filter: ConversationFilter): GroupCounts {
    return { mine: this._matching(filter, 'mine').length, unassigned: this._matching(filter, 'unassigned').length, all: this._matching(filter, 'all').length };
  }

  async list(filter: ConversationFilter, group: Group, page: number): Promise<ConversationPage> {
    await this._gate(`list ${group} ${page}`);
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

  async search(q: string): Promise<readonly Conversation[]> {
    await this._gate(`search ${q}`);
    return [...this.conversations.values()].filter((c) => (c.meta.sender.name ?? '').toLowerCase().includes(q.toLowerCase()));
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
  async markRead(id: number): Promise<{ unreadCount: number }> {
    await this._gate(`read ${id}`);
    return { unreadCount: 0 };
  }
  async markUnread(id: number): Promise<{ unreadCount: number }> {
    await this._gate(`unread ${id}`);
    return { unreadCount: 1 };
  }
}
