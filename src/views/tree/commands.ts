import * as vscode from 'vscode';
import { ApiError } from '../../api/errors';
import { Logger } from '../../common/log';
import { ActiveAccount, ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands } from '../../constants';
import { ConversationActions } from '../../conversations/actions';
import { ConversationKey, toConversationKey } from '../../conversations/conversationKey';
import { ConversationFilter, DEFAULT_SORT, Group, GROUPS, SORT_ORDERS, SortOrder, STATUS_FILTERS, StatusFilter } from '../../conversations/filters';
import { ConversationStore } from '../../conversations/store';
import { ConversationSync } from '../../conversations/sync';
import { isFolderId } from '../../conversations/folders';
import { FolderSync } from '../../conversations/folderSync';
import { ConversationStatus } from '../../model/conversation';
import { findConversation, holdInFull, pickConversation } from './goToConversation';
import { restSearchBackend } from './liveSearch';
import { adjacentConversation, groupOf, nextUnread } from './navigation';
import { ConversationsNode } from './nodes';
import { conversationUrl, SORT_NAMES, statusName } from './presentation';
import { SNOOZE_OPTIONS, SnoozeOption, snoozeUntil } from './snooze';
import { PresenceMap } from './triage';

/** Where links and the clipboard go; tests replace it, as they do the pop-ups. */
export interface ExternalSeam {
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  writeClipboard(text: string): Thenable<void>;
}

/** Where a chat can have focus: the sidebar view or an editor tab. */
export type ChatPlace = 'sidebar' | 'editor';

/** The conversation a chat shows; the chat views answer it (they are created after the tree). */
export interface FocusedChat {
  conversationIn(place: ChatPlace): ConversationKey | undefined;
}

/** What the conversation commands need of the tree; ConversationsFeature is it. */
export interface ConversationCommandTarget {
  readonly account: ActiveAccount | undefined;
  readonly store: ConversationStore | undefined;
  readonly sync: ConversationSync | undefined;
  readonly actions: ConversationActions | undefined;
  readonly folders: FolderSync | undefined;
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
  /** Set once the chat views exist; keybindings pressed in a chat name it. */
  readonly focusedChat: FocusedChat | undefined;
  open(conversationId: number): Promise<void>;
  /** Selects the conversation's row, in `group` when given and listing it. */
  reveal(conversationId: number, group?: Group): Promise<void>;
  setFilter(filter: ConversationFilter): Promise<void>;
}

/** A keybinding's `{ chat: 'sidebar' | 'editor' }`: the command was pressed in that chat. */
function chatPlaceOf(arg: unknown): ChatPlace | undefined {
  const chat = typeof arg === 'object' && arg !== null ? (arg as { chat?: unknown }).chat : undefined;
  return chat === 'sidebar' || chat === 'editor' ? chat : undefined;
}

/** A keybinding's `{ focusedIn: 'tree' }`: pressed in the tree, so it acts on the selected row. */
function pressedInTree(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { focusedIn?: unknown }).focusedIn === 'tree';
}

/**
 * The id a command was invoked for: a tree node or `{ accountId, conversationId }` (menus, the
 * chat's header, other features), a bare display id (tests), where a keybinding was pressed (a
 * command cannot ask which view has focus; the keybinding's `when` knows, and says so in `args`),
 * or, with nothing (the palette), the conversation last selected or focused.
 */
export function targetOf(feature: ConversationCommandTarget, arg: unknown): number | undefined {
  const accountId = feature.account?.accountId;
  const selected = feature.view.selection[0];
  if (pressedInTree(arg)) return selected?.kind === 'conversation' ? selected.conversationId : undefined;
  const place = chatPlaceOf(arg);
  if (place) {
    const key = feature.focusedChat?.conversationIn(place);
    return key && key.accountId === accountId ? key.conversationId : undefined;
  }
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

/**
 * The group Next/Previous move through from `id`: the selected row's group when that row is this
 * conversation (the agent is moving through that list), else the first group that lists it.
 */
function movingGroup(feature: ConversationCommandTarget, store: ConversationStore, id: number | undefined): Group | undefined {
  const selected = feature.view.selection[0];
  // Folders are not lists Next/Previous walk; only the status groups are.
  const listed = selected?.kind === 'conversation' || selected?.kind === 'group' || selected?.kind === 'more' ? selected.group : undefined;
  const preferred = listed !== undefined && !isFolderId(listed) ? listed : undefined;
  return id === undefined ? (preferred ?? 'mine') : groupOf(store, id, preferred);
}

/** Opens the conversation before or after `arg`'s in its group and selects its row. */
async function move(feature: ConversationCommandTarget, arg: unknown, step: 1 | -1): Promise<number | undefined> {
  const store = feature.store;
  if (!store) return undefined;
  const id = targetOf(feature, arg);
  const group = movingGroup(feature, store, id);
  const next = group && adjacentConversation(store, group, id, step);
  if (!next) {
    vscode.window.setStatusBarMessage(step > 0 ? 'No next Chatwoot conversation in this list' : 'No previous Chatwoot conversation in this list', 3000);
    return undefined;
  }
  await feature.open(next.id);
  await feature.reveal(next.id, group);
  return next.id;
}

/** Every conversation command of the tree, registered once for the feature's lifetime. */
export function registerConversationCommands(feature: ConversationCommandTarget): vscode.Disposable {
  const setStatus = (status: ConversationStatus, verb: string) =>
    action(feature, verb, (id) => feature.actions!.setStatus(id, status));
  const register = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    register(Commands.resolveConversation, setStatus('resolved', 'resolve')),
    register(Commands.resolveAndNextConversation, async (arg?: unknown): Promise<number | undefined> => {
      const store = feature.store;
      const id = targetOf(feature, arg);
      if (id === undefined || !store || !feature.actions) {
        void vscode.window.showInformationMessage('Select a Chatwoot conversation first.');
        return undefined;
      }
      // Chosen before resolving: a resolved conversation leaves the open lists, and its place with it.
      const group = movingGroup(feature, store, id);
      const next = group && adjacentConversation(store, group, id, 1);
      await setStatus('resolved', 'resolve')(id);
      if (!next) return undefined;
      await feature.open(next.id);
      await feature.reveal(next.id, group);
      return next.id;
    }),
    register(Commands.nextConversation, (arg?: unknown) => move(feature, arg, 1)),
    register(Commands.previousConversation, (arg?: unknown) => move(feature, arg, -1)),
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
      const folders = feature.folders;
      if (!sync || !(GROUPS.includes(group as Group) || (folders && isFolderId(group)))) return;
      try {
        if (isFolderId(group)) await folders?.loadMore(group);
        else await sync.loadMore(group as Group);
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
    register(Commands.filterConversationsByLabel, async (...args: unknown[]) => {
      const store = feature.store;
      if (!store) return;
      // null: any label; a title: that label; nothing: ask.
      let label: string | null | undefined = args.length > 0 && (typeof args[0] === 'string' || args[0] === null) ? (args[0] as string | null) : undefined;
      if (label === undefined) {
        const current = store.filter.label;
        const items = [
          { label: 'All labels', title: null, description: current === undefined ? 'current' : undefined },
          ...[...store.labels.values()].map((l) => ({ label: l.title, title: l.title as string | null, description: l.title === current ? 'current' : undefined })),
        ];
        label = (await vscode.window.showQuickPick(items, { title: 'Show Conversations', placeHolder: 'Label' }))?.title;
      }
      if (label !== undefined) await feature.setFilter({ ...store.filter, label: label === null || label === '' ? undefined : label });
    }),
    register(Commands.filterConversationsByTeam, async (arg?: unknown) => {
      const store = feature.store;
      if (!store) return;
      let team: number | 'all' | undefined = typeof arg === 'number' || arg === 'all' ? arg : undefined;
      if (team === undefined) {
        const current = store.filter.teamId;
        const items = [
          { label: 'All teams', team: 'all' as const, description: current === undefined ? 'current' : undefined },
          ...[...store.teams.values()].map((t) => ({ label: t.name, team: t.id as number | 'all', description: t.id === current ? 'current' : undefined })),
        ];
        team = (await vscode.window.showQuickPick(items, { title: 'Show Conversations', placeHolder: 'Team' }))?.team;
      }
      if (team !== undefined) await feature.setFilter({ ...store.filter, teamId: team === 'all' ? undefined : team });
    }),
    register(Commands.sortConversations, async (arg?: unknown) => {
      const store = feature.store;
      if (!store) return;
      let sort = SORT_ORDERS.includes(arg as SortOrder) ? (arg as SortOrder) : undefined;
      if (!sort) {
        const current = store.filter.sort ?? DEFAULT_SORT;
        const picked = await vscode.window.showQuickPick(
          SORT_ORDERS.map((s) => ({ label: SORT_NAMES[s], sort: s, description: s === current ? 'current' : undefined })),
          { title: 'Sort Conversations', placeHolder: 'Order' },
        );
        sort = picked?.sort;
      }
      if (sort) await feature.setFilter({ ...store.filter, sort: sort === DEFAULT_SORT ? undefined : sort });
    }),
  );
}
