import * as vscode from 'vscode';

/**
 * Owns the extension's `when`-clause context keys. VS Code offers no way to read a context key
 * back, so the last value set is kept here: views and tests read it from one place.
 */
export class ContextKeyService {
  private readonly _values = new Map<string, unknown>();

  async set(key: string, value: unknown): Promise<void> {
    this._values.set(key, value);
    await vscode.commands.executeCommand('setContext', key, value);
  }

  get(key: string): unknown {
    return this._values.get(key);
  }
}
