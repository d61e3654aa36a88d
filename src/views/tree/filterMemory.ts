import * as vscode from 'vscode';
import { ConversationFilter, DEFAULT_FILTER, STATUS_FILTERS, StatusFilter } from '../../state/filters';

// User state, not workspace state: an agent's filter follows them into every window.
const STATUS_KEY = 'chatwoot.conversations.statusFilter';
const INBOX_KEY_PREFIX = 'chatwoot.conversations.inboxFilter:';

/**
 * Remembers the list's filter in `globalState`: the status for every account, the inbox per
 * installation and account (inbox ids mean nothing elsewhere).
 */
export class FilterMemory {
  constructor(private readonly _state: vscode.Memento) {}

  read(baseUrl: string, accountId: number): ConversationFilter {
    const status = this._state.get<string>(STATUS_KEY);
    const inbox = this._state.get<number>(this._inboxKey(baseUrl, accountId));
    return {
      status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : DEFAULT_FILTER.status,
      inboxId: typeof inbox === 'number' ? inbox : undefined,
    };
  }

  async write(baseUrl: string, accountId: number, filter: ConversationFilter): Promise<void> {
    await this._state.update(STATUS_KEY, filter.status);
    await this._state.update(this._inboxKey(baseUrl, accountId), filter.inboxId);
  }

  private _inboxKey(baseUrl: string, accountId: number): string {
    return `${INBOX_KEY_PREFIX}${baseUrl.replace(/\/+$/, '')}#${accountId}`;
  }
}
