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
import { conversationUrl, sortName, statusName } from './presentation';
import { SNOOZE_OPTION_IDS, snoozeOptions, SnoozeOption, snoozeUntil } from './snooze';
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

/**
 * Wraps an action: finds its target, runs it, and reports a refusal (after the rollback).
 * `what` names the action in the error pop-up ("could not …"): a whole phrase per action, so a
 * translator sees it whole rather than a verb glued to "conversation #id".
 */
export function action(feature: ConversationCommandTarget, what: (id: number) => string, run: (id: number, extra: unknown) => Promise<void>) {
  return async (arg?: unknown, extra?: unknown): Promise<void> => {
    const id = targetOf(feature, arg);
    if (id === undefined || !feature.actions) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a Chatwoot conversation first.'));
      return;
    }
    const api = feature.account?.api;
    try {
      await run(id, extra);
    } catch (e) {
      // Not awaited: the error message waits for the user, the command should not.
      void feature.connection.handleError(e, what(id), api);
    }
  };
}

/** A quick pick item's description marking the choice in effect now; triageCommands.ts shares it. */
export const currentMark = () => vscode.l10n.t({ message: 'current', comment: 'describes the quick pick item that is the choice in effect now' });
const showConversations = () => vscode.l10n.t('Show Conversations');
const openConversation = (id: number) => vscode.l10n.t('open conversation #{0}', id);

async function chooseSnooze(extra: unknown): Promise<SnoozeOption | undefined> {
  if (typeof extra === 'string' && SNOOZE_OPTION_IDS.includes(extra as SnoozeOption)) return extra as SnoozeOption;
  const picked = await vscode.window.showQuickPick(
    snoozeOptions().map((o) => ({ label: o.label, detail: o.detail || undefined, id: o.id })),
    { title: vscode.l10n.t('Snooze Conversation'), placeHolder: vscode.l10n.t('Snooze until…') },
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
    vscode.window.setStatusBarMessage(step > 0 ? vscode.l10n.t('No next Chatwoot conversation in this list') : vscode.l10n.t('No previous Chatwoot conversation in this list'), 3000);
    return undefined;
  }
  await feature.open(next.id);
  await feature.reveal(next.id, group);
  return next.id;
}

/** Every conversation command of the tree, registered once for the feature's lifetime. */
export function registerConversationCommands(feature: ConversationCommandTarget): vscode.Disposable {
  const setStatus = (status: ConversationStatus, what: (id: number) => string) =>
    action(feature, what, (id) => feature.actions!.setStatus(id, status));
  const resolve = (id: number) => vscode.l10n.t('resolve conversation #{0}', id);
  const register = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    register(Commands.resolveConversation, setStatus('resolved', resolve)),
    register(Commands.resolveAndNextConversation, async (arg?: unknown): Promise<number | undefined> => {
      const store = feature.store;
      const id = targetOf(feature, arg);
      if (id === undefined || !store || !feature.actions) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a Chatwoot conversation first.'));
        return undefined;
      }
      // Chosen before resolving: a resolved conversation leaves the open lists, and its place with it.
      const group = movingGroup(feature, store, id);
      const next = group && adjacentConversation(store, group, id, 1);
      await setStatus('resolved', resolve)(id);
      if (!next) return undefined;
      await feature.open(next.id);
      await feature.reveal(next.id, group);
      return next.id;
    }),
    register(Commands.nextConversation, (arg?: unknown) => move(feature, arg, 1)),
    register(Commands.previousConversation, (arg?: unknown) => move(feature, arg, -1)),
    register(Commands.reopenConversation, setStatus('open', (id) => vscode.l10n.t('reopen conversation #{0}', id))),
    register(Commands.markConversationPending, setStatus('pending', (id) => vscode.l10n.t('mark pending conversation #{0}', id))),
    register(
      Commands.snoozeConversation,
      action(feature, (id) => vscode.l10n.t('snooze conversation #{0}', id), async (id, extra) => {
        const actions = feature.actions;
        const option = await chooseSnooze(extra);
        // The pick took time: the account may have changed, and the id with it.
        if (option && actions && feature.actions === actions) await actions.setStatus(id, 'snoozed', snoozeUntil(option, Date.now()));
      }),
    ),
    register(
      Commands.assignConversationToMe,
      action(feature, (id) => vscode.l10n.t('assign conversation #{0}', id), async (id) => {
        const me = feature.store?.meId;
        if (me !== undefined) await feature.actions!.assign(id, me);
      }),
    ),
    register(Commands.unassignConversation, action(feature, (id) => vscode.l10n.t('unassign conversation #{0}', id), (id) => feature.actions!.assign(id, null))),
    register(Commands.markConversationRead, action(feature, (id) => vscode.l10n.t('mark as read conversation #{0}', id), (id) => feature.actions!.markRead(id))),
    register(Commands.markConversationUnread, action(feature, (id) => vscode.l10n.t('mark as unread conversation #{0}', id), (id) => feature.actions!.markUnread(id))),
    register(
      Commands.openConversationInBrowser,
      action(feature, openConversation, async (id) => {
        const account = feature.account;
        if (account) await feature.external.openExternal(vscode.Uri.parse(conversationUrl(account.baseUrl, account.accountId, id)));
      }),
    ),
    register(
      Commands.copyConversationLink,
      action(feature, (id) => vscode.l10n.t('copy the link of conversation #{0}', id), async (id) => {
        const account = feature.account;
        if (!account) return;
        await feature.external.writeClipboard(conversationUrl(account.baseUrl, account.accountId, id));
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the link to conversation #{0}', id), 3000);
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
        void feature.connection.handleError(e, vscode.l10n.t('search the conversations'), account.api);
        return undefined;
      }
      if (id === undefined) return undefined;
      try {
        await holdInFull(sync, id);
      } catch (e) {
        if (e instanceof ApiError && e.kind === 'not-found') void vscode.window.showWarningMessage(vscode.l10n.t('Chatwoot has no conversation #{0}.', id));
        else void feature.connection.handleError(e, openConversation(id), account.api);
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
        vscode.window.setStatusBarMessage(vscode.l10n.t('No unread Chatwoot conversations'), 3000);
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
        void feature.connection.handleError(e, vscode.l10n.t('load more conversations'));
      }
    }),
    register(Commands.filterConversationsByStatus, async (arg?: unknown) => {
      const store = feature.store;
      if (!store) return;
      let status = STATUS_FILTERS.includes(arg as StatusFilter) ? (arg as StatusFilter) : undefined;
      if (!status) {
        const picked = await vscode.window.showQuickPick(
          STATUS_FILTERS.map((s) => ({ label: statusName(s), status: s, description: s === store.filter.status ? currentMark() : undefined })),
          { title: showConversations(), placeHolder: vscode.l10n.t('Status') },
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
          { label: vscode.l10n.t('All inboxes'), inbox: 'all' as const, description: store.filter.inboxId === undefined ? currentMark() : undefined },
          ...[...store.inboxes.values()].map((i) => ({ label: i.name, inbox: i.id, description: i.id === store.filter.inboxId ? currentMark() : undefined })),
        ];
        inbox = (await vscode.window.showQuickPick(items, { title: showConversations(), placeHolder: vscode.l10n.t('Inbox') }))?.inbox;
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
          { label: vscode.l10n.t('All labels'), title: null, description: current === undefined ? currentMark() : undefined },
          ...[...store.labels.values()].map((l) => ({ label: l.title, title: l.title as string | null, description: l.title === current ? currentMark() : undefined })),
        ];
        label = (await vscode.window.showQuickPick(items, { title: showConversations(), placeHolder: vscode.l10n.t('Label') }))?.title;
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
          { label: vscode.l10n.t('All teams'), team: 'all' as const, description: current === undefined ? currentMark() : undefined },
          ...[...store.teams.values()].map((t) => ({ label: t.name, team: t.id as number | 'all', description: t.id === current ? currentMark() : undefined })),
        ];
        team = (await vscode.window.showQuickPick(items, { title: showConversations(), placeHolder: vscode.l10n.t('Team') }))?.team;
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
          SORT_ORDERS.map((s) => ({ label: sortName(s), sort: s, description: s === current ? currentMark() : undefined })),
          { title: vscode.l10n.t('Sort Conversations'), placeHolder: vscode.l10n.t('Order') },
        );
        sort = picked?.sort;
      }
      if (sort) await feature.setFilter({ ...store.filter, sort: sort === DEFAULT_SORT ? undefined : sort });
    }),
  );
}
