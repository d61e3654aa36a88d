import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { AuthenticationProviders, Commands } from '../constants';
import { accountSummary } from './accountLabel';
import { Session, SignedIn } from './session';

/**
 * Shows the signed-in agent in VS Code's Accounts menu and lets that menu sign in and out. It
 * adds no second sign-in: the session (token in SecretStorage) stays the one source of truth,
 * this only mirrors it. Another extension that asks VS Code for a `chatwoot` session gets it
 * only after VS Code's own consent prompt.
 */
export class AccountsProvider extends Disposable implements vscode.AuthenticationProvider {
  private readonly _onDidChangeSessions = this._register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this._onDidChangeSessions.event;
  /** The session last announced, to tell VS Code what was added, removed or changed. */
  private _announced: vscode.AuthenticationSession | undefined;

  constructor(private readonly _session: Session, onDidChangeProfile: vscode.Event<unknown>) {
    super();
    this._announced = this._toSession(_session.current);
    this._register(_session.onDidChange(() => this._announce()));
    // The label names the agent and account, which arrive with the profile after a restore.
    this._register(onDidChangeProfile(() => this._announce()));
    this._register(vscode.authentication.registerAuthenticationProvider(AuthenticationProviders.chatwoot, 'Chatwoot', this, { supportsMultipleAccounts: false }));
  }

  getSessions(): Thenable<vscode.AuthenticationSession[]> {
    const current = this._toSession(this._session.current);
    return Promise.resolve(current ? [current] : []);
  }

  /** "Sign in with Chatwoot" from the Accounts menu (or another extension): the same flow as `Chatwoot: Sign In`. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const signedIn = await vscode.commands.executeCommand<boolean>(Commands.signIn);
    const session = signedIn ? this._toSession(this._session.current) : undefined;
    // VS Code expects a rejection when the user backs out.
    if (!session) throw new Error(vscode.l10n.t('Chatwoot sign-in was cancelled'));
    return session;
  }

  /** "Sign Out" in the Accounts menu (VS Code has already asked the user to confirm). */
  async removeSession(sessionId: string): Promise<void> {
    if (this._toSession(this._session.current)?.id !== sessionId) return;
    await this._session.signOut('signed out from the Accounts menu');
  }

  private _announce(): void {
    const before = this._announced;
    const after = this._toSession(this._session.current);
    this._announced = after;
    if (before?.id === after?.id) {
      if (after && before && (before.account.label !== after.account.label || before.accessToken !== after.accessToken)) this._onDidChangeSessions.fire({ added: [], removed: [], changed: [after] });
      return;
    }
    this._onDidChangeSessions.fire({ added: after ? [after] : [], removed: before ? [before] : [], changed: [] });
  }

  private _toSession(current: SignedIn | undefined): vscode.AuthenticationSession | undefined {
    if (!current) return undefined;
    const { id, label } = accountSummary(current.baseUrl, current.accountId, current.profile);
    return { id, accessToken: current.token, account: { id, label }, scopes: [] };
  }
}
