/** Every id the extension gives VS Code, named once; test/host/activation.test.ts keeps these and package.json in step. */
export const EXTENSION_ID = 'chatwoot-agent.chatwoot-agent';

export const Commands = {
  signIn: 'chatwoot.signIn',
  /**
   * Opens a conversation in the sidebar chat. Argument: `{ accountId: number; conversationId: number }`
   * (conversationId is the display id). Registered by src/views/chat/chatCommands.ts.
   */
  openConversation: 'chatwoot.openConversation',
  /** Same argument; opens the conversation in its own editor tab. */
  openConversationInEditor: 'chatwoot.openConversationInEditor',
  /** Puts the editor selection into a conversation's composer as a fenced code block. */
  sendSelection: 'chatwoot.sendSelection',
  /** Stages a file (Explorer selection or editor tab) in a conversation's composer; never sends. */
  sendFileToConversation: 'chatwoot.sendFileToConversation',
  /** Picks one of the account's macros and runs it on a conversation (same argument, else the sidebar chat's). */
  runMacro: 'chatwoot.runMacro',
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
  // Conversations tree (src/views/tree/commands.ts). Each action takes a tree node, a
  // `{ accountId, conversationId }` (as openConversation), or a display id; with none, the selection.
  resolveConversation: 'chatwoot.resolveConversation',
  reopenConversation: 'chatwoot.reopenConversation',
  markConversationPending: 'chatwoot.markConversationPending',
  /** Optional second argument: 'nextReply' | 'oneHour' | 'tomorrow' | 'nextWeek' (else a quick pick). */
  snoozeConversation: 'chatwoot.snoozeConversation',
  assignConversationToMe: 'chatwoot.assignConversationToMe',
  /** Optional second argument: the agent id (else a quick pick of assignable agents). */
  assignConversation: 'chatwoot.assignConversation',
  unassignConversation: 'chatwoot.unassignConversation',
  /** Optional second argument: the whole set of label titles (else a multi-select quick pick). */
  editLabels: 'chatwoot.editLabels',
  /** Optional second argument: 'low' | 'medium' | 'high' | 'urgent', or null for none (else a quick pick). */
  setPriority: 'chatwoot.setPriority',
  /** Optional second argument: a team id, or null to remove the team (else a quick pick). */
  assignTeam: 'chatwoot.assignTeam',
  unassignTeam: 'chatwoot.unassignTeam',
  markConversationRead: 'chatwoot.markConversationRead',
  markConversationUnread: 'chatwoot.markConversationUnread',
  openConversationInBrowser: 'chatwoot.openConversationInBrowser',
  copyConversationLink: 'chatwoot.copyConversationLink',
  /** Optional argument: a query, answered without a quick pick (loaded first, then the server's search). */
  goToConversation: 'chatwoot.goToConversation',
  nextUnreadConversation: 'chatwoot.nextUnreadConversation',
  /** Internal (the "Load more…" row). Argument: 'mine' | 'unassigned' | 'all', or a folder id ('mention', 'view:<id>', …). */
  loadMoreConversations: 'chatwoot.loadMoreConversations',
  /** Optional argument: 'open' | 'pending' | 'snoozed' | 'resolved' | 'all'. */
  filterConversationsByStatus: 'chatwoot.filterConversationsByStatus',
  /** Optional argument: an inbox id, or 'all'. */
  filterConversationsByInbox: 'chatwoot.filterConversationsByInbox',
  /** Optional argument: a label's title, or null for any label. */
  filterConversationsByLabel: 'chatwoot.filterConversationsByLabel',
  /** Optional argument: a team id, or 'all'. */
  filterConversationsByTeam: 'chatwoot.filterConversationsByTeam',
  /** Optional argument: a `sort_by` of SORT_ORDERS. */
  sortConversations: 'chatwoot.sortConversations',
  /**
   * Keyboard (src/views/tree/commands.ts): act on the focused conversation, as the actions above.
   * A keybinding for the chat passes `{ chat: 'sidebar' | 'editor' }`: the conversation the
   * focused chat shows (VS Code tells commands nothing about focus, its `when` clauses do).
   */
  resolveAndNextConversation: 'chatwoot.resolveAndNextConversation',
  nextConversation: 'chatwoot.nextConversation',
  previousConversation: 'chatwoot.previousConversation',
  /** The focused chat's Reply / Private note switch (src/views/chat/chatCommands.ts); same argument. */
  toggleNoteMode: 'chatwoot.toggleNoteMode',
  /** `Chatwoot: Search…`: messages, conversations and contacts (src/views/search/globalSearch.ts). */
  search: 'chatwoot.search',
} as const;

export const Views = {
  conversations: 'chatwoot.conversations',
  chat: 'chatwoot.chat',
  notifications: 'chatwoot.notifications',
  /** The customer of the conversation the agent is on (src/views/contact/contactView.ts). */
  contact: 'chatwoot.contact',
} as const;

export const ContextKeys = {
  signedIn: 'chatwoot.signedIn',
  /** 'sidebar' | 'editor' while that chat webview has the keyboard, else '' (the chat keybindings). */
  chatFocus: 'chatwoot.chatFocus',
} as const;

/** Ids VS Code keeps that the manifest does not declare. */
export const WebviewPanels = {
  /** The chat's editor tabs; their serializer restores them after a reload. */
  chat: 'chatwoot.chatPanel',
} as const;

/** `vscode.authentication` providers (package.json contributes.authentication). */
export const AuthenticationProviders = {
  chatwoot: 'chatwoot',
} as const;

/** Language-model tools (package.json contributes.languageModelTools; src/tools/chatwootTools.ts). */
export const Tools = {
  listConversations: 'chatwoot_listConversations',
  readConversation: 'chatwoot_readConversation',
  searchConversations: 'chatwoot_searchConversations',
  draftReply: 'chatwoot_draftReply',
} as const;

export const StatusBarItems = {
  status: 'chatwoot.status',
} as const;

/** Keys of what the extension remembers; renaming one makes every user lose what was kept under it. */
export const StorageKeys = {
  /** SecretStorage, one token per installation: `<prefix><base URL>`. */
  accessTokenPrefix: 'chatwoot.accessToken:',
  /** globalState, the account chosen per installation: `<prefix><base URL>`. */
  accountIdPrefix: 'chatwoot.accountId:',
  /** globalState: the list's status filter follows the user into every account. */
  statusFilter: 'chatwoot.conversations.statusFilter',
  /** globalState, per installation and account: `<prefix><base URL>#<account id>`. */
  inboxFilterPrefix: 'chatwoot.conversations.inboxFilter:',
  /** globalState, per installation and account, as the inbox filter. */
  labelFilterPrefix: 'chatwoot.conversations.labelFilter:',
  teamFilterPrefix: 'chatwoot.conversations.teamFilter:',
  /** globalState: the list's order follows the user into every account, as the status does. */
  conversationSort: 'chatwoot.conversations.sort',
  /** globalState, keyed `<base URL>#<account id>/<conversation id>`. */
  chatDrafts: 'chatwoot.chat.drafts.v2',
  chatOutbox: 'chatwoot.chat.outbox.v2',
} as const;

export const Settings = {
  section: 'chatwoot',
  baseUrl: 'baseUrl',
  cableUrl: 'cableUrl',
  heartbeatSeconds: 'presence.heartbeatSeconds',
  presenceMode: 'presence.mode',
  popupTypes: 'notifications.popupTypes',
  doNotDisturb: 'notifications.doNotDisturb',
  sendOnEnter: 'chat.sendOnEnter',
  appendSignature: 'chat.appendSignature',
} as const;

/**
 * How long the window's indicators (view badges, the status bar) wait after a live change before
 * they are redrawn, coalescing what arrives meanwhile. A customer message changes them at the same
 * moment as it reaches the open chat, and the window draws one after the other: the message first.
 */
export const INDICATOR_DELAY_MS = 100;

export const LOG_CHANNEL_NAME = 'Chatwoot';

/**
 * Commands whose code is loaded on first use (src/lazyCommands.ts), by the module that registers
 * them; test/unit/lazyCommands.test.ts checks each list against that module.
 */
export const LazyCommands = {
  conversation: [
    Commands.resolveConversation,
    Commands.resolveAndNextConversation,
    Commands.nextConversation,
    Commands.previousConversation,
    Commands.reopenConversation,
    Commands.markConversationPending,
    Commands.snoozeConversation,
    Commands.assignConversationToMe,
    Commands.unassignConversation,
    Commands.markConversationRead,
    Commands.markConversationUnread,
    Commands.openConversationInBrowser,
    Commands.copyConversationLink,
    Commands.goToConversation,
    Commands.nextUnreadConversation,
    Commands.loadMoreConversations,
    Commands.filterConversationsByStatus,
    Commands.filterConversationsByInbox,
    Commands.filterConversationsByLabel,
    Commands.filterConversationsByTeam,
    Commands.sortConversations,
  ],
  triage: [Commands.editLabels, Commands.setPriority, Commands.assignTeam, Commands.unassignTeam, Commands.assignConversation],
  chat: [Commands.sendSelection, Commands.sendFileToConversation, Commands.openConversation, Commands.toggleNoteMode, Commands.openConversationInEditor],
  auth: [Commands.signIn, Commands.signOut, Commands.reconnect, Commands.switchAccount],
  search: [Commands.search],
  macro: [Commands.runMacro],
} as const;
