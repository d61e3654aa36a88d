import * as vscode from 'vscode';
import { StorageKeys } from '../../constants';
import { ConversationFilter, DEFAULT_FILTER, SORT_ORDERS, SortOrder, STATUS_FILTERS, StatusFilter } from '../../conversations/filters';

/**
 * Remembers the list's filter in `globalState` (user state, not workspace state: an agent's
 * filter follows them into every window): the status and the sort for every account, the inbox,
 * label and team per installation and account (their ids and titles mean nothing elsewhere).
 */
export class FilterMemory {
  constructor(private readonly _state: vscode.Memento) {}

  read(baseUrl: string, accountId: number): ConversationFilter {
    const status = this._state.get<string>(StorageKeys.statusFilter);
    const sort = this._state.get<string>(StorageKeys.conversationSort);
    const inbox = this._state.get<number>(this._key(StorageKeys.inboxFilterPrefix, baseUrl, accountId));
    const label = this._state.get<string>(this._key(StorageKeys.labelFilterPrefix, baseUrl, accountId));
    const team = this._state.get<number>(this._key(StorageKeys.teamFilterPrefix, baseUrl, accountId));
    return {
      status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : DEFAULT_FILTER.status,
      inboxId: typeof inbox === 'number' ? inbox : undefined,
      label: typeof label === 'string' && label !== '' ? label : undefined,
      teamId: typeof team === 'number' ? team : undefined,
      sort: SORT_ORDERS.includes(sort as SortOrder) ? (sort as SortOrder) : undefined,
    };
  }

  async write(baseUrl: string, accountId: number, filter: ConversationFilter): Promise<void> {
    await this._state.update(StorageKeys.statusFilter, filter.status);
    await this._state.update(StorageKeys.conversationSort, filter.sort);
    await this._state.update(this._key(StorageKeys.inboxFilterPrefix, baseUrl, accountId), filter.inboxId);
    await this._state.update(this._key(StorageKeys.labelFilterPrefix, baseUrl, accountId), filter.label);
    await this._state.update(this._key(StorageKeys.teamFilterPrefix, baseUrl, accountId), filter.teamId);
  }

  private _key(prefix: string, baseUrl: string, accountId: number): string {
    return `${prefix}${baseUrl.replace(/\/+$/, '')}#${accountId}`;
  }
}
