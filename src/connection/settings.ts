import * as vscode from 'vscode';
import { Settings } from '../constants';
import { userSetting } from '../userSetting';

export type PresenceMode = 'whenFocused' | 'whileOpen' | 'off';

export interface ConnectionSettings {
  readonly cableUrl: string | undefined;
  readonly heartbeatMs: number;
  readonly presenceMode: PresenceMode;
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

/**
 * The proxy VS Code sends our requests through, as far as settings and environment say: only
 * to name it in advice (VS Code's own proxy support does the routing, the system proxy included).
 */
export function configuredProxy(): string | undefined {
  const setting = vscode.workspace.getConfiguration('http').get<string>('proxy', '').trim();
  const env = process.env;
  return setting || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined;
}

export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return [Settings.cableUrl, Settings.heartbeatSeconds, Settings.presenceMode].some((s) => e.affectsConfiguration(`${Settings.section}.${s}`));
}
