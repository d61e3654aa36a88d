import * as vscode from 'vscode';
import { ConnectionState } from '../../../src/connection/chatwootConnection';
import { EXTENSION_ID } from '../../../src/constants';
import type { ExtensionApi } from '../../../src/extension';
import { Profile } from '../../../src/model/profile';
import { startServer, type FakeChatwoot } from '../../server';
import { within } from '../wait';

export async function activeExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in the host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** Resolves when the connection reaches a state of `kind` (at once if it is there already). */
export function connectionState<K extends ConnectionState['kind']>(api: ExtensionApi, kind: K, ms = 15000): Promise<Extract<ConnectionState, { kind: K }>> {
  type S = Extract<ConnectionState, { kind: K }>;
  if (api.connection.state.kind === kind) return Promise.resolve(api.connection.state as S);
  return within(new Promise<S>((resolve) => {
    const sub = api.connection.onDidChangeState((s) => {
      if (s.kind === kind) {
        sub.dispose();
        resolve(s as S);
      }
    });
  }), `connection state ${kind} (now ${api.connection.state.kind})`, ms);
}

/** Sets a chatwoot.* setting globally, or removes it with `undefined`. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('chatwoot').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Signs the extension in to the stand-in server as its demo agent, without the prompts. */
export async function signInAsDemoAgent(api: ExtensionApi, server: FakeChatwoot): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/profile`, { headers: { api_access_token: server.demoToken } });
  await api.session.signIn(server.url, server.demoToken, Profile.parse(await res.json()), server.accountId);
}

/** Leaves the host as the next suite expects it: signed out, default settings, server stopped. */
export async function signOutAndStop(api: ExtensionApi | undefined, server: FakeChatwoot | undefined): Promise<void> {
  if (api?.session.current) await api.session.signOut('test teardown');
  await setSetting('baseUrl', undefined);
  await server?.stop();
}

/** A fresh stand-in, and the extension signed in to it as its demo agent and connected. */
export async function signedInToStandIn(): Promise<{ api: ExtensionApi; server: FakeChatwoot }> {
  const api = await activeExtension();
  const server = await startServer({ pingIntervalMs: 1000 });
  try {
    await signInAsDemoAgent(api, server);
    await connectionState(api, 'connected');
  } catch (e) {
    await signOutAndStop(api, server);
    throw e;
  }
  return { api, server };
}
