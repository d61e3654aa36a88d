import * as vscode from 'vscode';
import { Clock, systemClock } from '../../common/clock';
import { BatchThrottle } from '../../common/coalesce';
import { Disposable, toDisposable } from '../../common/dispose';
import { Emitter } from '../../common/event';
import { Group, GROUPS } from '../../conversations/filters';
import { ConversationStore, StoreChange } from '../../conversations/store';
import { ConversationSync } from '../../conversations/sync';
import { conversationItem, ConversationNode, ConversationsNode, GroupNode, groupItem, MoreNode, moreItem } from './nodes';
import { presentConversation, TREE_REFRESH_WINDOW_MS } from './presentation';

/** What one refresh covered: the conversations whose rows changed, or everything. */
export interface TreeRefresh {
  readonly conversations: ReadonlySet<number> | 'all';
  /** Elements fired, `undefined` for the root. */
  readonly elements: readonly ConversationsNode[] | undefined;
}

/**
 * Data for the `chatwoot.conversations` tree: three groups over the current account's
 * ConversationStore. Refresh is incremental and coalesced: a store change marks the rows it
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
  private _storeSubscription: { dispose(): void } | undefined;
  private readonly _groups: Record<Group, GroupNode> = { mine: { kind: 'group', group: 'mine' }, unassigned: { kind: 'group', group: 'unassigned' }, all: { kind: 'group', group: 'all' } };
  private readonly _more: Record<Group, MoreNode> = { mine: { kind: 'more', group: 'mine' }, unassigned: { kind: 'more', group: 'unassigned' }, all: { kind: 'more', group: 'all' } };
  private _nodes = new Map<string, ConversationNode>();
  /** What each group listed last time VS Code asked: where a conversation is shown now. */
  private _listed: Record<Group, Set<number>> = { mine: new Set(), unassigned: new Set(), all: new Set() };
  private readonly _throttle: BatchThrottle<ConversationsNode>;
  private _refreshCount = 0;
  /** Conversations changed since the last refresh, for the unread decorations. */
  private _dirty = new Set<number>();

  constructor(private readonly _clock: Clock = systemClock) {
    super();
    this._throttle = this._register(new BatchThrottle<ConversationsNode>(_clock, TREE_REFRESH_WINDOW_MS, (batch) => this._fire(batch)));
    this._register(toDisposable(() => this._storeSubscription?.dispose()));
  }

  get store(): ConversationStore | undefined {
    return this._store;
  }

  /** How many times `onDidChangeTreeData` has fired; for tests and the benchmark. */
  get refreshCount(): number {
    return this._refreshCount;
  }

  /** Shows another account's store (or none, signed out). */
  setSource(store: ConversationStore | undefined, sync: ConversationSync | undefined): void {
    this._storeSubscription?.dispose();
    this._store = store;
    this._sync = sync;
    this._nodes = new Map();
    this._listed = { mine: new Set(), unassigned: new Set(), all: new Set() };
    this._storeSubscription = store?.onDidChange((change) => this._onStoreChange(change));
    this.refresh();
  }

  /** Everything, e.g. so relative times move on. Still coalesced. */
  refresh(): void {
    this._throttle.addAll();
  }

  groupNode(group: Group): GroupNode {
    return this._groups[group];
  }

  /** The node of a conversation in a group (stable per group and id). */
  nodeFor(group: Group, conversationId: number): ConversationNode | undefined {
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
      case 'more':
        return moreItem(node);
      case 'conversation': {
        const record = this._store?.get(node.conversationId);
        return conversationItem(node, record && this._store && presentConversation(this._store, record, this._clock.now()));
      }
    }
  }

  getChildren(node?: ConversationsNode): ConversationsNode[] {
    const store = this._store;
    if (!store) return [];
    if (!node) return GROUPS.map((g) => this._groups[g]);
    if (node.kind !== 'group') return [];
    const members = store.members(node.group);
    this._listed[node.group] = new Set(members.map((c) => c.id));
    const children: ConversationsNode[] = members.map((c) => this.nodeFor(node.group, c.id) as ConversationNode);
    const counts = store.counts;
    if (counts && members.length < counts[node.group] && this._sync) children.push(this._more[node.group]);
    return children;
  }

  getParent(node: ConversationsNode): ConversationsNode | undefined {
    return node.kind === 'group' ? undefined : this._groups[node.group];
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
    for (const id of change.moved) {
      const record = store.get(id);
      for (const g of GROUPS) {
        if (this._listed[g].has(id) || (record && store.isMember(record, g))) marked.push(this._groups[g]);
      }
    }
    for (const id of change.removed) for (const g of GROUPS) this._nodes.delete(`${g}/${id}`);
    for (const id of change.conversations) {
      if (change.moved.has(id)) continue;
      for (const g of GROUPS) {
        if (this._listed[g].has(id)) marked.push(this.nodeFor(g, id) as ConversationNode);
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
    // A group refresh re-reads its rows: don't send them again.
    const groups = new Set<Group>();
    for (const n of batch) if (n.kind === 'group') groups.add(n.group);
    const elements: ConversationsNode[] = [];
    const conversations = dirty;
    for (const n of batch) {
      if (n.kind === 'group') elements.push(n);
      else if (n.kind === 'conversation') {
        if (!groups.has(n.group)) elements.push(n);
      }
    }
    this._onDidChangeTreeData.fire(elements);
    this._onDidRefresh.fire({ conversations, elements });
  }
}
