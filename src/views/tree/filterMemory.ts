import * as vscode from 'vscode';
import { StorageKeys } from '../../constants';
import { ConversationFilter, DEFAULT_FILTER, STATUS_FILTERS, StatusFilter } from '../../conversations/filters';

/**
 * Remembers the list's filter in `globalState` (user state, not workspace state: an agent's
 * filter follows them into every window): the status for every account, the inbox per
 * installation and account (inbox ids mean nothing elsewhere).
 */
export class FilterMemory {
  constructor(private readonly _state: vscode.Memento) {}

  read(baseUrl: string, accountId: number): ConversationFilter {
    const status = this._state.get<string>(StorageKeys.statusFilter);
    const inbox = this._state.get<number>(this._inboxKey(baseUrl, accountId));
    return {
      status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : DEFAULT_FILTER.status,
      inboxId: typeof inbox === 'number' ? inbox : undefined,
    };
  }

  async write(baseUrl: string, accountId: number, filter: ConversationFilter): Promise<void> {
    await this._state.update(StorageKeys.statusFilter, filter.status);
    await this._state.update(this._inboxKey(baseUrl, accountId), filter.inboxId);
  }

  private _inboxKey(baseUrl: string, accountId: number): string {
    return `${StorageKeys.inboxFilterPrefix}${baseUrl.replace(/\/+$/, '')}#${accountId}`;
  }
}
