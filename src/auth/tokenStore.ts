import * as vscode from 'vscode';
import { secretKeyFor } from './installationUrl';

/**
 * Access tokens live only in VS Code's SecretStorage (the OS keychain), keyed by installation.
 * SecretStorage is shared by every window, so a sign-in or sign-out in one window reaches the
 * others through `onDidChange`.
 */
export class TokenStore {
  constructor(private readonly _secrets: vscode.SecretStorage) {}

  get(baseUrl: string): Thenable<string | undefined> {
    return this._secrets.get(secretKeyFor(baseUrl));
  }

  store(baseUrl: string, token: string): Thenable<void> {
    return this._secrets.store(secretKeyFor(baseUrl), token);
  }

  delete(baseUrl: string): Thenable<void> {
    return this._secrets.delete(secretKeyFor(baseUrl));
  }

  /** Fires with the installation whose token changed. */
  onDidChange(listener: (baseUrl: string) => void): vscode.Disposable {
    return this._secrets.onDidChange((e) => {
      const prefix = secretKeyFor('');
      if (e.key.startsWith(prefix)) listener(e.key.slice(prefix.length));
    });
  }
}
