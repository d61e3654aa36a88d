import * as vscode from 'vscode';

/**
 * Data for the `chatwoot.conversations` tree. Empty until the conversations store lands; while
 * signed out the view shows its welcome content instead.
 */
export class ConversationsProvider implements vscode.TreeDataProvider<never> {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  refresh(): void {
    this._onDidChangeTreeData.fire();
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
  }
}
