import * as vscode from 'vscode';
import { Clock, systemClock } from '../../common/clock';
import { BatchThrottle } from '../../common/coalesce';
import { Disposable, toDisposable } from '../../common/dispose';
import { Emitter } from '../../common/event';
import { Group, GROUPS } from '../../conversations/filters';
import { FolderId, isFolderId } from '../../conversations/folders';
import { FolderSync } from '../../conversations/folderSync';
import { ConversationStore, StoreChange } from '../../conversations/store';
import { ConversationSync } from '../../conversations/sync';
import { conversationItem, ConversationNode, ConversationsNode, folderItem, FolderNode, GroupNode, groupItem, ListId, MoreNode, moreItem } from './nodes';
import { groupName, presentConversation, TREE_REFRESH_WINDOW_MS } from './presentation';

/** What one refresh covered: the conversations whose rows changed, or everything. */
export interface TreeRefresh {
  readonly conversations: ReadonlySet<number> | 'all';
  /** Elements fired, `undefined` for the root. */
  readonly elements: readonly ConversationsNode[] | undefined;
}

const isGroup = (id: ListId): id is Group => (GROUPS as readonly string[]).includes(id);

/**
 * Data for the `chatwoot.conversations` tree: three groups over the current account's
 * ConversationStore, then the folders (conversation types and saved views), whose rows load
 * when a folder is opened. Refresh is incremental and coalesced: a store change marks the rows it
 * touched, and the groups whose membership, order or count changed; at most once per window
 * those go to `onDidChangeTreeData` as one array (a group refresh covers its rows).
 */
export class ConversationsProvider extends Disposable implements vscode.TreeDataProvider<ConversationsNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<ConversationsNode[] | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidRefresh = this._register(new Emitter<TreeRefresh>());
  /** After each (coalesced) refresh; the feature updates the badge here. */
  readonly onDidRefresh = this._onDidRefresh.event;

  private _store: ConversationStore | undefined;
  private _sync: ConversationSync | undefined;
  private _folders: FolderSync | undefined;
  private _storeSubscription: { dispose(): void } | undefined;
  private _folderSubscription: { dispose(): void } | undefined;
  private _folderNodes = new Map<FolderId, FolderNode>();
  private _folderMore = new Map<FolderId, MoreNode>();
  /** The folders the root listed last, so a new or removed view refreshes the root. */
  private _folderIds = '';
  private readonly _groups: Record<Group, GroupNode> = { mine: { kind: 'group', group: 'mine' }, unassigned: { kind: 'group', group: 'unassigned' }, all: { kind: 'group', group: 'all' } };
  private readonly _more: Record<Group, MoreNode> = { mine: { kind: 'more', group: 'mine' }, unassigned: { kind: 'more', group: 'unassigned' }, all: { kind: 'more', group: 'all' } };
  private _nodes = new Map<string, ConversationNode>();
  /** What each group and folder listed last time VS Code asked: where a conversation is shown now. */
  private _listed = new Map<ListId, Set<number>>();
  private readonly _throttle: BatchThrottle<ConversationsNode>;
  private _refreshCount = 0;
  /** Conversations changed since the last refresh, for the unread decorations. */
  private _dirty = new Set<number>();

  constructor(private readonly _clock: Clock = systemClock) {
    super();
    this._throttle = this._register(new BatchThrottle<ConversationsNode>(_clock, TREE_REFRESH_WINDOW_MS, (batch) => this._fire(batch)));
    this._register(toDisposable(() => this._storeSubscription?.dispose()));
    this._register(toDisposable(() => this._folderSubscription?.dispose()));
  }

  get store(): ConversationStore | undefined {
    return this._store;
  }

  /** How many times `onDidChangeTreeData` has fired; for tests and the benchmark. */
  get refreshCount(): number {
    return this._refreshCount;
  }

  /** Shows another account's store (or none, signed out). */
  setSource(store: ConversationStore | undefined, sync: ConversationSync | undefined, folders?: FolderSync): void {
    this._storeSubscription?.dispose();
    this._folderSubscription?.dispose();
    this._store = store;
    this._sync = sync;
    this._folders = folders;
    this._nodes = new Map();
    this._listed = new Map();
    this._folderNodes = new Map();
    this._folderMore = new Map();
    this._folderIds = '';
    this._storeSubscription = store?.onDidChange((change) => this._onStoreChange(change));
    this._folderSubscription = folders?.onDidChange(() => this._onFoldersChange());
    this.refresh();
  }

  get folders(): FolderSync | undefined {
    return this._folders;
  }

  folderNode(folder: FolderId): FolderNode {
    let node = this._folderNodes.get(folder);
    if (!node) this._folderNodes.set(folder, (node = { kind: 'folder', folder }));
    return node;
  }

  private _moreNode(list: ListId): MoreNode {
    if (isGroup(list)) return this._more[list];
    let node = this._folderMore.get(list);
    if (!node) this._folderMore.set(list, (node = { kind: 'more', group: list }));
    return node;
  }

  private _parentOf(list: ListId): GroupNode | FolderNode {
    return isGroup(list) ? this._groups[list] : this.folderNode(list);
  }

  /** Everything, e.g. so relative times move on. Still coalesced. */
  refresh(): void {
    this._throttle.addAll();
  }

  groupNode(group: Group): GroupNode {
    return this._groups[group];
  }

  /** The node of a conversation in a group or folder (stable per list and id). */
  nodeFor(group: ListId, conversationId: number): ConversationNode | undefined {
    const store = this._store;
    if (!store) return undefined;
    const key = `${group}/${conversationId}`;
    let node = this._nodes.get(key);
    if (!node) {
      node = { kind: 'conversation', group, accountId: store.accountId, conversationId };
      this._nodes.set(key, node);
    }
    return node;
  }

  getTreeItem(node: ConversationsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return groupItem(node, this._store);
      case 'folder':
        return folderItem(node, this._folders?.state(node.folder));
      case 'more':
        return moreItem(node, isFolderId(node.group) ? (this._folders?.state(node.group)?.folder.name ?? node.group) : groupName(node.group));
      case 'conversation': {
        const record = this._store?.get(node.conversationId);
        return conversationItem(node, record && this._store && presentConversation(this._store, record, this._clock.now()));
      }
    }
  }

  getChildren(node?: ConversationsNode): ConversationsNode[] {
    const store = this._store;
    if (!store) return [];
    if (!node) {
      const folders = this._folders?.folders ?? [];
      this._folderIds = folders.map((f) => f.id).join(',');
      return [...GROUPS.map((g) => this._groups[g]), ...folders.map((f) => this.folderNode(f.id))];
    }
    if (node.kind === 'folder') return this._folderChildren(node.folder);
    if (node.kind !== 'group') return [];
    const members = store.members(node.group);
    this._listed.set(node.group, new Set(members.map((c) => c.id)));
    const children: ConversationsNode[] = members.map((c) => this.nodeFor(node.group, c.id) as ConversationNode);
    const counts = store.counts;
    if (counts && members.length < counts[node.group] && this._sync) children.push(this._more[node.group]);
    return children;
  }

  /** Opening a folder the first time loads its page 1; its change event then lists the rows. */
  private _folderChildren(folder: FolderId): ConversationsNode[] {
    const folders = this._folders;
    const state = folders?.state(folder);
    if (!folders || !state) return [];
    if (state.pages === 0) {
      folders.loadFirst(folder).catch(() => undefined);
      return [];
    }
    const members = folders.members(folder);
    this._listed.set(folder, new Set(members.map((c) => c.id)));
    const children: ConversationsNode[] = members.map((c) => this.nodeFor(folder, c.id) as ConversationNode);
    if (folders.hasMore(folder)) children.push(this._moreNode(folder));
    return children;
  }

  getParent(node: ConversationsNode): ConversationsNode | undefined {
    return node.kind === 'group' || node.kind === 'folder' ? undefined : this._parentOf(node.group);
  }

  private _onFoldersChange(): void {
    const folders = this._folders?.folders ?? [];
    if (folders.map((f) => f.id).join(',') !== this._folderIds) {
      this._throttle.addAll();
      return;
    }
    this._throttle.add(folders.map((f) => this.folderNode(f.id)));
  }

  private _onStoreChange(change: StoreChange): void {
    const store = this._store;
    if (!store) return;
    if (change.filter) {
      this._throttle.addAll();
      return;
    }
    for (const id of change.conversations) this._dirty.add(id);
    const marked: ConversationsNode[] = [];
    if (change.counts) marked.push(...GROUPS.map((g) => this._groups[g]));
    const listed = (list: ListId, id: number) => this._listed.get(list)?.has(id) === true;
    for (const id of change.moved) {
      const record = store.get(id);
      for (const g of GROUPS) {
        if (listed(g, id) || (record && store.isMember(record, g))) marked.push(this._groups[g]);
      }
      // A folder's membership changes come from the folders; its order may change here.
      for (const f of this._folderNodes.keys()) if (listed(f, id)) marked.push(this.folderNode(f));
    }
    for (const id of change.removed) for (const list of this._listed.keys()) this._nodes.delete(`${list}/${id}`);
    for (const id of change.conversations) {
      if (change.moved.has(id)) continue;
      for (const list of this._listed.keys()) {
        if (listed(list, id)) marked.push(this.nodeFor(list, id) as ConversationNode);
      }
    }
    if (marked.length > 0) this._throttle.add(marked);
  }

  private _fire(batch: ReadonlySet<ConversationsNode> | 'all'): void {
    this._refreshCount++;
    const dirty = this._dirty;
    this._dirty = new Set();
    if (batch === 'all') {
      this._onDidChangeTreeData.fire(undefined);
      this._onDidRefresh.fire({ conversations: 'all', elements: undefined });
      return;
    }
    // A group or folder refresh re-reads its rows: don't send them again.
    const groups = new Set<ListId>();
    for (const n of batch) if (n.kind === 'group') groups.add(n.group);
    for (const n of batch) if (n.kind === 'folder') groups.add(n.folder);
    const elements: ConversationsNode[] = [];
    const conversations = dirty;
    for (const n of batch) {
      if (n.kind === 'group' || n.kind === 'folder') elements.push(n);
      else if (n.kind === 'conversation') {
        if (!groups.has(n.group)) elements.push(n);
      }
    }
    this._onDidChangeTreeData.fire(elements);
    this._onDidRefresh.fire({ conversations, elements });
  }
}
