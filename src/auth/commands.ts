import * as vscode from 'vscode';
import { ApiClient } from '../api/client';
import { getProfile } from '../api/profile';
import { Logger, Redactor } from '../common/log';
import { configuredProxy } from '../connection/settings';
import { Commands } from '../constants';
import { Profile } from '../model/profile';
import { Session } from './session';
import { pickFrom, runSignIn } from './signInFlow';

/** What these commands need of the connection (ChatwootConnection), which is built on the session. */
export interface SessionConnection {
  readonly profile: Profile | undefined;
  readonly account: { readonly api: ApiClient } | undefined;
  reconnect(): void;
  handleError(error: unknown, action: string, api?: ApiClient): Promise<void>;
}

/** Sign in, sign out, switch account and reconnect: the session's commands. */
export function registerAuthCommands(session: Session, connection: SessionConnection, redactor: Redactor, logger: Logger): vscode.Disposable {
  const checkProfile = (baseUrl: string, token: string) =>
    getProfile(new ApiClient({ baseUrl, token, redactor, logger, timeoutMs: 15000, proxy: configuredProxy }));
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.signIn, () => runSignIn(session, checkProfile, logger)),
    vscode.commands.registerCommand(Commands.signOut, () => session.signOut('signed out by the user')),
    vscode.commands.registerCommand(Commands.reconnect, () => connection.reconnect()),
    vscode.commands.registerCommand(Commands.switchAccount, async () => {
      const current = session.current;
      if (!current) return;
      let profile = connection.profile;
      if (!profile) {
        try {
          profile = await getProfile(connection.account!.api);
        } catch (e) {
          await connection.handleError(e, vscode.l10n.t('list your accounts'), connection.account?.api);
          return;
        }
      }
      if (profile.accounts.length < 2) {
        void vscode.window.showInformationMessage(vscode.l10n.t('You belong to only one Chatwoot account on this installation.'));
        return;
      }
      const picked = await pickFrom(profile, current.accountId, vscode.l10n.t('Switch Chatwoot account'));
      if (picked !== undefined) await session.switchAccount(picked);
    }),
  );
}
