import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { ConversationKey } from '../../conversations/conversationKey';
import { Group } from '../../conversations/filters';
import { FolderId, FolderState } from '../../conversations/folders';
import { ConversationStore } from '../../conversations/store';
import { ConversationPresentation, groupLabel, groupName } from './presentation';
import { spokenGroup, spokenLoadMore } from './spokenLabels';

/**
 * The elements of the conversations tree. A conversation appears once per group it is in (Mine
 * and All, say), so its node is keyed by group and id; the provider keeps one object per key so
 * refreshes and `reveal` find the same element again.
 */
export interface GroupNode {
  readonly kind: 'group';
  readonly group: Group;
}

/** A folder: a conversation type or a saved view (conversations/folders.ts). */
export interface FolderNode {
  readonly kind: 'folder';
  readonly folder: FolderId;
}

/** A group's or a folder's id: where a row is listed. */
export type ListId = Group | FolderId;

export interface ConversationNode {
  readonly kind: 'conversation';
  readonly group: ListId;
  readonly accountId: number;
  readonly conversationId: number;
}

export interface MoreNode {
  readonly kind: 'more';
  readonly group: ListId;
}

export type ConversationsNode = GroupNode | FolderNode | ConversationNode | MoreNode;

/** The URI scheme the unread decorations are keyed by. */
export const CONVERSATION_SCHEME = 'chatwoot-conversation';

export function conversationUri(accountId: number, conversationId: number): vscode.Uri {
  return vscode.Uri.from({ scheme: CONVERSATION_SCHEME, path: `/${accountId}/${conversationId}` });
}

export function parseConversationUri(uri: vscode.Uri): ConversationKey | undefined {
  if (uri.scheme !== CONVERSATION_SCHEME) return undefined;
  const m = /^\/(\d+)\/(\d+)$/.exec(uri.path);
  return m ? { accountId: Number(m[1]), conversationId: Number(m[2]) } : undefined;
}

/** Mine and Unassigned are what an agent works from; All is long, so it starts collapsed. */
const INITIALLY_EXPANDED: Readonly<Record<Group, boolean>> = { mine: true, unassigned: true, all: false };

export function groupItem(node: GroupNode, store: ConversationStore | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(
    groupLabel(node.group, store?.counts),
    INITIALLY_EXPANDED[node.group] ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `group/${node.group}`;
  item.contextValue = `group:${node.group}`;
  item.accessibilityInformation = { label: spokenGroup(groupName(node.group), store?.counts?.[node.group]) };
  return item;
}

const FOLDER_ICONS: Readonly<Record<string, string>> = { mention: 'mention', participating: 'person', unattended: 'watch' };

/** Folders start collapsed: their rows load when opened. */
export function folderItem(node: FolderNode, state: FolderState | undefined): vscode.TreeItem {
  const name = state?.folder.name ?? node.folder;
  const count = state?.count;
  const item = new vscode.TreeItem(count === undefined ? name : `${name} (${count})`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `folder/${node.folder}`;
  item.iconPath = new vscode.ThemeIcon(FOLDER_ICONS[node.folder] ?? 'filter');
  item.contextValue = node.folder.startsWith('view:') ? 'folder:view' : `folder:${node.folder}`;
  item.accessibilityInformation = { label: spokenGroup(name, count) };
  return item;
}

/** `listName` is the group's or folder's name, for the screen reader. */
export function moreItem(node: MoreNode, listName: string): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = `more/${node.group}`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'loadMore';
  item.accessibilityInformation = { label: spokenLoadMore(listName) };
  item.command = { command: Commands.loadMoreConversations, title: vscode.l10n.t('Load More'), arguments: [node.group] };
  return item;
}

export function conversationItem(node: ConversationNode, p: ConversationPresentation | undefined): vscode.TreeItem {
  const ref: ConversationKey = { accountId: node.accountId, conversationId: node.conversationId };
  if (!p) {
    const gone = new vscode.TreeItem(`#${node.conversationId}`, vscode.TreeItemCollapsibleState.None);
    gone.id = `conversation/${node.accountId}/${node.group}/${node.conversationId}`;
    gone.accessibilityInformation = { label: vscode.l10n.t('Conversation {0}', node.conversationId) };
    return gone;
  }
  // Unread and urgent rows stand out by a coloured icon and (from the decoration provider, unread)
  // a coloured label with the count as a badge. Label highlights are not used: they read as search matches.
  const item = new vscode.TreeItem(p.label, vscode.TreeItemCollapsibleState.None);
  item.id = `conversation/${node.accountId}/${node.group}/${node.conversationId}`;
  item.description = p.description;
  const tooltip = new vscode.MarkdownString(p.tooltip);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(p.icon, p.iconColor ? new vscode.ThemeColor(p.iconColor) : undefined);
  item.contextValue = p.contextValue;
  item.resourceUri = conversationUri(node.accountId, node.conversationId);
  item.accessibilityInformation = { label: p.accessibilityLabel };
  item.command = { command: Commands.openConversation, title: vscode.l10n.t('Open Conversation'), arguments: [ref] };
  return item;
}
