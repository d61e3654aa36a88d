import * as vscode from 'vscode';
import { webviewHtml } from './html';

/** The `chatwoot.chat` sidebar view. For now it shows the empty state of the chat app. */
export class ChatViewProvider implements vscode.WebviewViewProvider {
  constructor(private readonly _extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this._extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(this._extensionUri, 'media'),
      ],
    };
    view.webview.html = webviewHtml(view.webview, this._extensionUri, 'chat', 'Chatwoot chat');
  }
}
