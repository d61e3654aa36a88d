import * as vscode from 'vscode';
import { Disposable } from '../common/dispose';
import { Logger, Redactor } from '../common/log';
import { ContextKeys, Settings, StorageKeys } from '../constants';
import { userSetting } from '../userSetting';
import { ContextKeyService } from '../contextKeys';
import { Profile } from '../model/profile';
import { parseInstallationUrl } from './installationUrl';
import { TokenStore } from './tokenStore';

/** Who is signed in where. The profile is the last one fetched; the connection refreshes it. */
export interface SignedIn {
  readonly baseUrl: string;
  readonly token: string;
  readonly accountId: number;
  readonly profile?: Profile;
}

export const accountKey = (baseUrl: string): string => `${StorageKeys.accountIdPrefix}${baseUrl}`;

/**
 * The single source of truth for the signed-in state: restores it from SecretStorage after
 * activation, keeps the `chatwoot.signedIn` context key and the log redactor in step, and
 * follows sign-in/out done in other windows (SecretStorage is shared).
 */
export class Session extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<SignedIn | undefined>());
  readonly onDidChange = this._onDidChange.event;
  private _current: SignedIn | undefined;
  private _restored: Promise<void> | undefined;
  /** While this window writes a token, the change event it causes is its own, not another window's. */
  private _writing = 0;

  constructor(
    private readonly _tokens: TokenStore,
    private readonly _globalState: vscode.Memento,
    private readonly _contextKeys: ContextKeyService,
    private readonly _redactor: Redactor,
    private readonly _log: Logger,
  ) {
    super();
    this._register(
      _tokens.onDidChange((baseUrl) => {
        if (this._writing === 0 && baseUrl === this.configuredBaseUrl()) this._reloadSafely('the access token changed in another window');
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this._writing === 0 && e.affectsConfiguration(`${Settings.section}.${Settings.baseUrl}`)) this._reloadSafely('the installation address changed');
      }),
    );
  }

  get current(): SignedIn | undefined {
    return this._current;
  }

  /** The installation in settings, normalised; undefined when the setting is not a usable URL. */
  configuredBaseUrl(): string | undefined {
    // The user's value only: a workspace must not choose where the token is sent (connection/settings.ts).
    const parsed = parseInstallationUrl(String(userSetting<string>(Settings.baseUrl, '')));
    return parsed.ok ? parsed.baseUrl : undefined;
  }

  rememberedAccount(baseUrl: string): number | undefined {
    return this._globalState.get<number>(accountKey(baseUrl));
  }

  /** Reads the stored token for the configured installation; called once, after activation. */
  restore(): Promise<void> {
    return (this._restored ??= this._reload('start-up'));
  }

  private _reloadSafely(why: string): void {
    this._reload(why).catch((e: unknown) => this._log.error(`could not reload the session (${why})`, e));
  }

  /** Runs a write of this window's own, so the events it causes are not taken for another window's. */
  private async _ownWrite<T>(write: () => Thenable<T> | Promise<T>): Promise<T> {
    this._writing++;
    try {
      return await write();
    } finally {
      this._writing--;
    }
  }

  private async _reload(why: string): Promise<void> {
    const baseUrl = this.configuredBaseUrl();
    const token = baseUrl ? await this._tokens.get(baseUrl) : undefined;
    const accountId = baseUrl ? this.rememberedAccount(baseUrl) : undefined;
    if (baseUrl && token && accountId !== undefined) {
      if (this._current?.baseUrl === baseUrl && this._current.token === token && this._current.accountId === accountId) return;
      this._log.info(`signed in to ${baseUrl}, account ${accountId} (${why})`);
      await this._set({ baseUrl, token, accountId });
    } else if (this._current) {
      this._log.info(`signed out (${why})`);
      await this._set(undefined);
    } else {
      await this._contextKeys.set(ContextKeys.signedIn, false);
    }
  }

  /** Stores a token that was just validated against the installation, and signs in with it. */
  async signIn(baseUrl: string, token: string, profile: Profile, accountId: number): Promise<void> {
    this._redactor.addSecret(token);
    await this._ownWrite(async () => {
      await this._tokens.store(baseUrl, token);
      await this._globalState.update(accountKey(baseUrl), accountId);
      if (userSetting<string>(Settings.baseUrl, '') !== baseUrl) {
        await vscode.workspace.getConfiguration(Settings.section).update(Settings.baseUrl, baseUrl, vscode.ConfigurationTarget.Global);
      }
      this._log.info(`signed in to ${baseUrl} as user ${profile.id}, account ${accountId}`);
      await this._set({ baseUrl, token, accountId, profile });
    });
  }

  async switchAccount(accountId: number): Promise<void> {
    const current = this._current;
    if (!current || current.accountId === accountId) return;
    await this._ownWrite(async () => {
      await this._globalState.update(accountKey(current.baseUrl), accountId);
      this._log.info(`switched to account ${accountId}`);
      await this._set({ ...current, accountId });
    });
  }

  /** Keeps the newest profile (the connection refetches it on every connect). */
  updateProfile(profile: Profile): void {
    if (!this._current) return;
    this._redactor.addSecret(profile.pubsub_token);
    this._current = { ...this._current, profile };
  }

  /** Deletes the stored token: used by Sign Out and when the server says the token is invalid. */
  async signOut(why: string): Promise<void> {
    const baseUrl = this._current?.baseUrl ?? this.configuredBaseUrl();
    await this._ownWrite(async () => {
      if (baseUrl) await this._tokens.delete(baseUrl);
      this._log.info(`signed out (${why})`);
      await this._set(undefined);
    });
  }

  private async _set(next: SignedIn | undefined): Promise<void> {
    if (next) {
      this._redactor.addSecret(next.token);
      if (next.profile) this._redactor.addSecret(next.profile.pubsub_token);
    }
    this._current = next;
    await this._contextKeys.set(ContextKeys.signedIn, next !== undefined);
    this._onDidChange.fire(next);
  }
}
