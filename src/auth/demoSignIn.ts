import * as vscode from 'vscode';
import { userSetting } from '../userSetting';
import { Settings } from '../constants';
import { TokenStore } from './tokenStore';

/**
 * `npm start` hands the demo server's token to an extension running in development mode, so
 * the demo opens signed in. A published extension (production mode) never reads these variables.
 */
export async function seedDemoSignIn(mode: vscode.ExtensionMode, tokens: TokenStore, globalState: vscode.Memento, accountKey: (baseUrl: string) => string): Promise<void> {
  const { CHATWOOT_DEMO_URL: url, CHATWOOT_DEMO_TOKEN: token, CHATWOOT_DEMO_ACCOUNT_ID: account } = process.env;
  if (mode === vscode.ExtensionMode.Production || !url || !token || !account) return;
  if (userSetting<string>(Settings.baseUrl, '') !== url) return;
  if (await tokens.get(url)) return;
  await tokens.store(url, token);
  await globalState.update(accountKey(url), Number(account));
}
