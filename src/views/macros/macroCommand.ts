import * as vscode from 'vscode';
import { executeMacro, listMacros } from '../../api/macros';
import { ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands } from '../../constants';
import { toConversationKey } from '../../conversations/conversationKey';
import type { Macro } from '../../model/macro';
import type { ConversationCore } from '../chat/chatController';
import { ChatViews } from '../chat/chatViews';
import { describeMacroAction, MacroNames } from './macroText';

/**
 * `Chatwoot: Run Macro…`: picks one of the account's macros, shows what it will do, and runs it on
 * the conversation (a tree row's, the argument's, else the one in the sidebar chat) after the agent
 * confirms. Chatwoot applies it in the background; its changes arrive as events like any other.
 */
export function registerMacroCommand(views: ChatViews, connection: ChatwootConnection, core: ConversationCore): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.runMacro, async (arg?: unknown) => {
    const account = connection.account;
    if (!account) return;
    const key = toConversationKey(arg, account.accountId) ?? views.sidebarConversation;
    if (!key || key.accountId !== account.accountId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a conversation to run a macro on it.'));
      return;
    }
    const id = key.conversationId;
    let macros: Macro[];
    try {
      macros = await listMacros(account.api, account.accountId);
    } catch (e) {
      void connection.handleError(e, vscode.l10n.t('list the macros'), account.api);
      return;
    }
    if (!macros.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This account has no macros you can run. Macros are created in Chatwoot’s settings.'));
      return;
    }
    const store = core.store;
    const names: MacroNames = { agent: (n) => store?.agent(n)?.name, team: (n) => store?.team(n)?.name };
    const steps = (m: Macro) => (m.actions ?? []).map((a) => describeMacroAction(a, names));
    const picked = await vscode.window.showQuickPick(
      macros.map((m) => ({ label: m.name, description: m.visibility === 'personal' ? vscode.l10n.t({ message: 'personal', comment: 'a macro only its creator sees' }) : undefined, detail: steps(m).join(' · '), macro: m })),
      { title: vscode.l10n.t('Run Macro on Conversation #{0}', id), placeHolder: vscode.l10n.t('Choose a macro'), matchOnDetail: true },
    );
    if (!picked) return;
    const run = { label: `$(play) ${vscode.l10n.t('Run “{0}” on #{1}', picked.macro.name, id)}`, run: true };
    const confirm = await vscode.window.showQuickPick(
      [run, ...steps(picked.macro).map((s) => ({ label: `$(arrow-small-right) ${s}`, run: false })), { label: `$(close) ${vscode.l10n.t('Cancel')}`, run: false }],
      { title: vscode.l10n.t('Run “{0}” on Conversation #{1}?', picked.macro.name, id), placeHolder: vscode.l10n.t('It will do the steps listed below') },
    );
    // The picks took time: run only on the installation and account they were made for.
    const now = connection.account;
    if (!confirm?.run || !now || now.baseUrl !== account.baseUrl || now.accountId !== account.accountId) return;
    try {
      await executeMacro(account.api, account.accountId, picked.macro.id, [id]);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Running “{0}” on #{1}', picked.macro.name, id), 4000);
    } catch (e) {
      void connection.handleError(e, vscode.l10n.t('run the macro “{0}”', picked.macro.name), account.api);
    }
  });
}
