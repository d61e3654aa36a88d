/** Every id the manifest contributes, named once; test/host/manifest.test.ts keeps this and package.json in step. */
export const EXTENSION_ID = 'chatwoot-agent.chatwoot-agent';

export const Commands = {
  signIn: 'chatwoot.signIn',
  signOut: 'chatwoot.signOut',
  refresh: 'chatwoot.refresh',
  showLog: 'chatwoot.showLog',
  switchAccount: 'chatwoot.switchAccount',
  reconnect: 'chatwoot.reconnect',
} as const;

export const Views = {
  conversations: 'chatwoot.conversations',
  chat: 'chatwoot.chat',
} as const;

export const ContextKeys = {
  signedIn: 'chatwoot.signedIn',
} as const;

export const Settings = {
  section: 'chatwoot',
  baseUrl: 'baseUrl',
  cableUrl: 'cableUrl',
  heartbeatSeconds: 'presence.heartbeatSeconds',
  presenceMode: 'presence.mode',
} as const;

export const LOG_CHANNEL_NAME = 'Chatwoot';
