import * as vscode from 'vscode';
import { Settings } from './constants';

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
