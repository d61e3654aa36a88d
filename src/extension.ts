import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from './constants';
import { ContextKeyService } from './contextKeys';
import { createLogging } from './logging';
import { ChatViewProvider } from './views/chat/chatViewProvider';
import { ConversationsProvider } from './views/tree/conversationsProvider';

/** What `activate` returns: the seams integration tests observe. Not a public API for other extensions. */
export interface ExtensionApi {
  readonly log: vscode.LogOutputChannel;
  readonly contextKeys: ContextKeyService;
  /** How long activate() itself took, for `npm run bench`. */
  readonly activationMs: number;
}

/** Composition root: creates and wires the parts. No network I/O and nothing slow happens here. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const { channel, logger } = createLogging();
  const contextKeys = new ContextKeyService();
  const conversations = new ConversationsProvider();

  context.subscriptions.push(
    channel,
    conversations,
    vscode.window.createTreeView(Views.conversations, { treeDataProvider: conversations, showCollapseAll: false }),
    vscode.window.registerWebviewViewProvider(Views.chat, new ChatViewProvider(context.extensionUri)),
    vscode.commands.registerCommand(Commands.showLog, () => channel.show(true)),
    vscode.commands.registerCommand(Commands.refresh, () => conversations.refresh()),
    vscode.commands.registerCommand(Commands.signIn, () =>
      vscode.window.showInformationMessage('Chatwoot: sign-in arrives with the connection feature.'),
    ),
    vscode.commands.registerCommand(Commands.signOut, () => contextKeys.set(ContextKeys.signedIn, false)),
  );

  void contextKeys.set(ContextKeys.signedIn, false);
  const activationMs = performance.now() - started;
  logger.info(`activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version})`);
  return { log: channel, contextKeys, activationMs };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
