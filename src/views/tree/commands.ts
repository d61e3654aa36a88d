import * as vscode from 'vscode';
import { ApiError } from '../../api/errors';
import { Logger } from '../../common/log';
import { ActiveAccount, ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands } from '../../constants';
import { ConversationActions } from '../../conversations/actions';
import { toConversationKey } from '../../conversations/conversationKey';
import { ConversationFilter, Group, GROUPS, STATUS_FILTERS, StatusFilter } from '../../conversations/filters';
import { ConversationStore } from '../../conversations/store';
import { ConversationSync } from '../../conversations/sync';
import { ConversationStatus } from '../../model/conversation';
import { findConversation, holdInFull, pickConversation } from './goToConversation';
import { restSearchBackend } from './liveSearch';
import { nextUnread } from './navigation';
import { ConversationsNode } from './nodes';
import { conversationUrl, statusName } from './presentation';
import { SNOOZE_OPTIONS, SnoozeOption, snoozeUntil } from './snooze';
import { PresenceMap } from './triage';

/** Where links and the clipboard go; tests replace it, as they do the pop-ups. */
export interface ExternalSeam {
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  writeClipboard(text: string): Thenable<void>;
}

/** What the conversation commands need of the tree; ConversationsFeature is it. */
export interface ConversationCommandTarget {
  readonly account: ActiveAccount | undefined;
  readonly store: ConversationStore | undefined;
  readonly sync: ConversationSync | undefined;
  readonly actions: ConversationActions | undefined;
  /** The conversation Next Unread last opened, so it moves on from there. */
  readonly lastOpened: number | undefined;
  readonly view: Pick<vscode.TreeView<ConversationsNode>, 'selection'>;
  readonly connection: Pick<ChatwootConnection, 'handleError'>;
  readonly external: ExternalSeam;
  readonly logger: Logger;
  /** The conversation the agent last turned to: a row selected in the tree, or a chat shown or focused. */
  readonly focused: number | undefined;
  /** Who is online, from the last `presence.update`; undefined before the first. */
  readonly presence: PresenceMap | undefined;
  open(conversationId: number): Promise<void>;
  reveal(conversationId: number): Promise<void>;
  setFilter(filter: ConversationFilter): Promise<void>;
}

/**
 * A keybinding's `args` saying it was pressed in the tree (`{ focusedIn: 'tree' }`): the selected
 * row, whatever was focused before. (A chat sends its own conversation, as its header does.)
 */
function pressedInTree(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { focusedIn?: unknown }).focusedIn === 'tree';
}

/**
 * The id a command was invoked for: a tree node or `{ accountId, conversationId }` (menus, the
 * chat's header and keys, other features), a bare display id (tests), the tree's key, or,
 * with nothing (the palette), the conversation last selected or focused.
 */
export function targetOf(feature: ConversationCommandTarget, arg: unknown): number | undefined {
  const accountId = feature.account?.accountId;
  const selected = feature.view.selection[0];
  if (pressedInTree(arg)) return selected?.kind === 'conversation' ? selected.conversationId : undefined;
  if (arg !== undefined && arg !== null) {
    // Another account's conversation (or a malformed argument) is not one of this tree's.
    const key = toConversationKey(arg, accountId);
    return key && key.accountId === accountId ? key.conversationId : undefined;
  }
  return feature.focused ?? (selected?.kind === 'conversation' ? selected.conversationId : feature.lastOpened);
}

/** Wraps an action: finds its target, runs it, and reports a refusal (after the rollback). */
export function action(feature: ConversationCommandTarget, verb: string, run: (id: number, extra: unknown) => Promise<void>) {
  return async (arg?: unknown, extra?: unknown): Promise<void> => {
    const id = targetOf(feature, arg);
    if (id === undefined || !feature.actions) {
      void vscode.window.showInformationMessage('Select a Chatwoot conversation first.');
      return;
    }
    const api = feature.account?.api;
    try {
      await run(id, extra);
    } catch (e) {
      // Not awaited: the error message waits for the user, the command should not.
      void feature.connection.handleError(e, `${verb} conversation #${id}`, api);
    }
  };
}

async function chooseSnooze(extra: unknown): Promise<SnoozeOption | undefined> {
  if (typeof extra === 'string' && SNOOZE_OPTIONS.some((o) => o.id === extra)) return extra as SnoozeOption;
  const picked = await vscode.window.showQuickPick(
    SNOOZE_OPTIONS.map((o) => ({ label: o.label, detail: o.detail || undefined, id: o.id })),
    { title: 'Snooze Conversation', placeHolder: 'Snooze until…' },
  );
  return picked?.id;
}

/** Every conversation command of the tree, registered once for the feature's lifetime. */
export function registerConversationCommands(feature: ConversationCommandTarget): vscode.Disposable {
  const setStatus = (status: ConversationStatus, verb: string) =>
    action(feature, verb, (id) => feature.actions!.setStatus(id, status));
  const register = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    register(Commands.resolveConversation, setStatus('resolved', 'resolve')),
    register(Commands.reopenConversation, setStatus('open', 'reopen')),
    register(Commands.markConversationPending, setStatus('pending', 'mark pending')),
    register(
      Commands.snoozeConversation,
      action(feature, 'snooze', async (id, extra) => {
        const actions = feature.actions;
        const option = await chooseSnooze(extra);
        // The pick took time: the account may have changed, and the id with it.
        if (option && actions && feature.actions === actions) await actions.setStatus(id, 'snoozed', snoozeUntil(option, Date.now()));
      }),
    ),
    register(
      Commands.assignConversationToMe,
      action(feature, 'assign', async (id) => {
        const me = feature.store?.meId;
        if (me !== undefined) await feature.actions!.assign(id, me);
      }),
    ),
    register(Commands.unassignConversation, action(feature, 'unassign', (id) => feature.actions!.assign(id, null))),
    register(Commands.markConversationRead, action(feature, 'mark as read', (id) => feature.actions!.markRead(id))),
    register(Commands.markConversationUnread, action(feature, 'mark as unread', (id) => feature.actions!.markUnread(id))),
    register(
      Commands.openConversationInBrowser,
      action(feature, 'open', async (id) => {
        const account = feature.account;
        if (account) await feature.external.openExternal(vscode.Uri.parse(conversationUrl(account.baseUrl, account.accountId, id)));
      }),
    ),
    register(
      Commands.copyConversationLink,
      action(feature, 'copy the link of', async (id) => {
        const account = feature.account;
        if (!account) return;
        await feature.external.writeClipboard(conversationUrl(account.baseUrl, account.accountId, id));
        vscode.window.setStatusBarMessage(`Copied the link to conversation #${id}`, 3000);
      }),
    ),
    register(Commands.goToConversation, async (query?: unknown): Promise<number | undefined> => {
      const sync = feature.sync;
      const account = feature.account;
      if (!sync || !account) return undefined;
      const backend = restSearchBackend(account.api, account.accountId);
      let id: number | undefined;
      try {
        id = typeof query === 'string' && query.trim() ? await findConversation(sync, backend, query.trim(), feature.logger) : await pickConversation(sync, backend, feature.logger);
      } catch (e) {
        void feature.connection.handleError(e, 'search the conversations', account.api);
        return undefined;
      }
      if (id === undefined) return undefined;
      try {
        await holdInFull(sync, id);
      } catch (e) {
        if (e instanceof ApiError && e.kind === 'not-found') void vscode.window.showWarningMessage(`Chatwoot has no conversation #${id}.`);
        else void feature.connection.handleError(e, `open conversation #${id}`, account.api);
        return undefined;
      }
      await feature.open(id);
      await feature.reveal(id);
      return id;
    }),
    register(Commands.nextUnreadConversation, async (): Promise<number | undefined> => {
      const store = feature.store;
      if (!store) return undefined;
      const next = nextUnread(store, feature.lastOpened);
      if (!next) {
        vscode.window.setStatusBarMessage('No unread Chatwoot conversations', 3000);
        return undefined;
      }
      await feature.open(next.id);
      await feature.reveal(next.id);
      return next.id;
    }),
    register(Commands.loadMoreConversations, async (group?: unknown) => {
      const sync = feature.sync;
      if (!sync || !GROUPS.includes(group as Group)) return;
      try {
        await sync.loadMore(group as Group);
      } catch (e) {
        void feature.connection.handleError(e, 'load more conversations');
      }
    }),
    register(Commands.filterConversationsByStatus, async (arg?: unknown) => {
      const store = feature.store;
      if (!store) return;
      let status = STATUS_FILTERS.includes(arg as StatusFilter) ? (arg as StatusFilter) : undefined;
      if (!status) {
        const picked = await vscode.window.showQuickPick(
          STATUS_FILTERS.map((s) => ({ label: statusName(s), status: s, description: s === store.filter.status ? 'current' : undefined })),
          { title: 'Show Conversations', placeHolder: 'Status' },
        );
        status = picked?.status;
      }
      if (status) await feature.setFilter({ ...store.filter, status });
    }),
    register(Commands.filterConversationsByInbox, async (arg?: unknown) => {
      const store = feature.store;
      if (!store) return;
      let inbox: number | 'all' | undefined = typeof arg === 'number' || arg === 'all' ? arg : undefined;
      if (inbox === undefined) {
        const items = [
          { label: 'All inboxes', inbox: 'all' as const, description: store.filter.inboxId === undefined ? 'current' : undefined },
          ...[...store.inboxes.values()].map((i) => ({ label: i.name, inbox: i.id, description: i.id === store.filter.inboxId ? 'current' : undefined })),
        ];
        inbox = (await vscode.window.showQuickPick(items, { title: 'Show Conversations', placeHolder: 'Inbox' }))?.inbox;
      }
      if (inbox !== undefined) await feature.setFilter({ ...store.filter, inboxId: inbox === 'all' ? undefined : inbox });
    }),
  );
}
