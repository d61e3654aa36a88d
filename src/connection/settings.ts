import * as vscode from 'vscode';
import { Settings } from '../constants';

export type PresenceMode = 'whenFocused' | 'whileOpen' | 'off';

export interface ConnectionSettings {
  readonly cableUrl: string | undefined;
  readonly heartbeatMs: number;
  readonly presenceMode: PresenceMode;
}

/**
 * The user's own value of a setting that decides where the extension connects (and so where the
 * access token, the pubsub token, the user id and the account id go): the user (global) value,
 * else the default, never a workspace or folder value. package.json makes these settings
 * `application`-scoped, so VS Code already ignores them in a repository's `.vscode/settings.json`;
 * reading only the user value keeps a host that ignored the scope (or a scope reverted by
 * mistake) from letting a cloned repository redirect the agent's session to its own server.
 */
export function userSetting<T>(key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** The connection's settings, read fresh and clamped to the ranges package.json documents. */
export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const seconds = config.get<number>(Settings.heartbeatSeconds, 15);
  const mode = config.get<string>(Settings.presenceMode, 'whenFocused');
  const cableUrl = String(userSetting<string>(Settings.cableUrl, '')).trim();
  return {
    cableUrl: cableUrl || undefined,
    heartbeatMs: Math.min(60, Math.max(5, Number.isFinite(seconds) ? seconds : 15)) * 1000,
    presenceMode: mode === 'whileOpen' || mode === 'off' ? mode : 'whenFocused',
  };
}

export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return [Settings.cableUrl, Settings.heartbeatSeconds, Settings.presenceMode].some((s) => e.affectsConfiguration(`${Settings.section}.${s}`));
}
