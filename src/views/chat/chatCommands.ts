import * as vscode from 'vscode';
import * as path from 'path';
import { ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands } from '../../constants';
import { ConversationKey, keyString, toConversationKey } from '../../conversations/conversationKey';
import { ChatViews } from './chatViews';
import { toCodeBlock } from './codeBlock';

/** A key, a bare display id (current account), or a tree node carrying a key. */
function toKey(arg: unknown, connection: ChatwootConnection): ConversationKey | undefined {
  return toConversationKey(arg, connection.account?.accountId);
}

async function askForConversation(connection: ChatwootConnection): Promise<ConversationKey | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Open Chatwoot conversation'),
    prompt: vscode.l10n.t('Conversation number (as in #42)'),
    validateInput: (t) => (/^\s*#?\d+\s*$/.test(t) ? undefined : vscode.l10n.t('A conversation number, e.g. 42')),
  });
  const id = text ? Number(text.replace(/[#\s]/g, '')) : NaN;
  return Number.isInteger(id) ? toKey(id, connection) : undefined;
}

/** The conversation to send a selection (or a file) to: the one on screen, else the agent picks. */
async function targetConversation(views: ChatViews, connection: ChatwootConnection, title = vscode.l10n.t('Send selection to which conversation?')): Promise<ConversationKey | undefined> {
  const open = [...new Map(views.openConversations.map((k) => [keyString(k), k])).values()];
  if (open.length === 1) return open[0];
  if (open.length > 1) {
    const picked = await vscode.window.showQuickPick(open.map((k) => ({ label: vscode.l10n.t('Conversation #{0}', k.conversationId), key: k })), { title });
    return picked?.key;
  }
  return askForConversation(connection);
}

function isUntitled(uri: vscode.Uri): boolean {
  return uri.scheme === 'untitled';
}

export function registerChatCommands(views: ChatViews, connection: ChatwootConnection): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.sendSelection, async (arg?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select the code to send.'));
        return;
      }
      const { document, selection } = editor;
      const whole = selection.isEmpty;
      const range = whole ? new vscode.Range(0, 0, document.lineCount, 0) : new vscode.Range(selection.start, selection.end);
      const code = document.getText(range);
      const fileName = document.isUntitled ? path.basename(document.fileName) : vscode.workspace.asRelativePath(document.uri, false);
      const block = toCodeBlock(code, {
        language: document.languageId,
        fileName,
        ...(whole ? {} : { startLine: selection.start.line + 1, endLine: selection.end.line + (selection.end.character === 0 && selection.end.line > selection.start.line ? 0 : 1) }),
      });
      const key = toKey(arg, connection) ?? (await targetConversation(views, connection));
      if (key) await views.insertIntoComposer(key, block);
    }),
    // From the Explorer: (clicked, all selected); from an editor tab's menu: (its resource); from the palette: the active editor's file.
    vscode.commands.registerCommand(Commands.sendFileToConversation, async (clicked?: unknown, selected?: unknown) => {
      const uris = (Array.isArray(selected) && selected.length ? selected : [clicked ?? vscode.window.activeTextEditor?.document.uri]).filter((u): u is vscode.Uri => u instanceof vscode.Uri && !isUntitled(u));
      if (!uris.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Choose a file in the Explorer, or open one, to send it to a conversation.'));
        return;
      }
      const key = await targetConversation(views, connection, uris.length === 1 ? vscode.l10n.t('Attach the file to which conversation?') : vscode.l10n.t('Attach the files to which conversation?'));
      if (key) await views.stageInComposer(key, uris);
    }),
    vscode.commands.registerCommand(Commands.openConversation, async (arg?: unknown) => {
      const key = toKey(arg, connection) ?? (await askForConversation(connection));
      if (key) await views.showInSidebar(key);
    }),
    // Pressed in a chat: its keybindings say which one (`{ chat: 'sidebar' | 'editor' }`).
    vscode.commands.registerCommand(Commands.toggleNoteMode, (arg?: { chat?: unknown }) => views.toggleNoteMode(arg?.chat === 'editor' ? 'editor' : 'sidebar')),
    vscode.commands.registerCommand(Commands.openConversationInEditor, async (arg?: unknown) => {
      const key = toKey(arg, connection) ?? views.sidebarConversation ?? (await askForConversation(connection));
      if (key) views.openInEditor(key);
    }),
  );
}
