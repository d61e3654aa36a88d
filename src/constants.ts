/** Every id the manifest contributes, named once; test/host/manifest.test.ts keeps this and package.json in step. */
export const EXTENSION_ID = 'chatwoot-agent.chatwoot-agent';

export const Commands = {
  signIn: 'chatwoot.signIn',
  signOut: 'chatwoot.signOut',
  refresh: 'chatwoot.refresh',
  showLog: 'chatwoot.showLog',
  switchAccount: 'chatwoot.switchAccount',
  reconnect: 'chatwoot.reconnect',
  statusMenu: 'chatwoot.statusMenu',
  setAvailability: 'chatwoot.setAvailability',
  showNotifications: 'chatwoot.showNotifications',
  openNotification: 'chatwoot.openNotification',
  markNotificationRead: 'chatwoot.markNotificationRead',
  markAllNotificationsRead: 'chatwoot.markAllNotificationsRead',
  loadMoreNotifications: 'chatwoot.loadMoreNotifications',
  toggleDoNotDisturb: 'chatwoot.toggleDoNotDisturb',
} as const;

export const Views = {
  conversations: 'chatwoot.conversations',
  chat: 'chatwoot.chat',
  notifications: 'chatwoot.notifications',
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
  popupTypes: 'notifications.popupTypes',
  doNotDisturb: 'notifications.doNotDisturb',
} as const;

export const LOG_CHANNEL_NAME = 'Chatwoot';
