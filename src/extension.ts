import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountsProvider } from './auth/accountsProvider';
import { seedDemoSignIn } from './auth/demoSignIn';
import { accountKey, Session } from './auth/session';
import { TokenStore } from './auth/tokenStore';
import { VisibleConversations } from './chat/visibleConversations';
import { setDisplayLanguage } from './common/displayLanguage';
import { ChatwootConnection } from './connection/chatwootConnection';
import { Commands, LazyCommands, Tools } from './constants';
import { ContextKeyService } from './contextKeys';
import { windowFocus } from './focus';
import { createLogging } from './logging';
import { NotificationCenter } from './notifications/notificationCenter';
import { popups } from './notifications/popups';
import { StatusItem } from './statusbar/statusItem';
import { lazyCommands, lazyTools } from './lazyCommands';
import { ChatViews } from './views/chat/chatViews';
import { ContactView } from './views/contact/contactView';
import { NotificationsView, registerNotifications } from './views/notifications/notificationsView';
import { ConversationsFeature } from './views/tree/conversationsFeature';

/** What `activate` returns: the seams integration tests observe. Not a public API for other extensions. */
export interface ExtensionApi {
  readonly log: vscode.LogOutputChannel;
  /** Where VS Code writes the extension's logs, the log channel's file included. */
  readonly logUri: vscode.Uri;
  readonly contextKeys: ContextKeyService;
  readonly session: Session;
  /** The `chatwoot` provider behind VS Code's Accounts menu. */
  readonly accounts: AccountsProvider;
  readonly tokens: TokenStore;
  readonly connection: ChatwootConnection;
  readonly notifications: NotificationCenter;
  /** The Notifications view: its rows through the tree provider, and its badge. */
  readonly notificationsView: NotificationsView;
  readonly statusItem: StatusItem;
  readonly visibleConversations: VisibleConversations;
  /** The Conversations sidebar: its store, sync, tree provider and view. */
  readonly conversations: ConversationsFeature;
  readonly chat: ChatViews;
  /** The Contact view: the customer of the conversation the agent is on. */
  readonly contact: ContactView;
  /** The seam over vscode.window.show*Message that notification pop-ups go through. */
  readonly popups: typeof popups;
  /** Settles once the stored session was restored after activation. */
  readonly ready: Promise<void>;
  /** How long activate() itself took, for `npm run bench`. */
  readonly activationMs: number;
}

/** Composition root: creates and wires the parts. No network I/O and nothing slow happens here. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  // Pure modules translate with @vscode/l10n and format dates themselves: give them VS Code's
  // display language and its bundle (none for English) before anything renders text.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  setDisplayLanguage(vscode.env.language);
  const { channel, logger, redactor } = createLogging();
  const contextKeys = new ContextKeyService();
  const tokens = new TokenStore(context.secrets);
  const session = new Session(tokens, context.globalState, contextKeys, redactor, logger.child('session'));
  const connection = new ChatwootConnection(session, logger, redactor);
  const accounts = new AccountsProvider(session, connection.onDidChangeProfile);
  const conversations = new ConversationsFeature(context, connection, logger.child('tree'));
  const visibleConversations = new VisibleConversations();
  const notifications = registerNotifications(connection, visibleConversations, windowFocus, logger.child('notifications'));
  const statusItem = new StatusItem(connection, notifications.center, windowFocus);
  // Reading secrets and connecting happen after activate() returns.
  const ready = seedDemoSignIn(context.extensionMode, tokens, context.globalState, accountKey)
    .then(() => session.restore())
    .catch((e) => logger.error('could not restore the session', e));
  // The chat reads and changes conversations through the tree's store and actions: one source of truth.
  const chat = new ChatViews(context, connection, conversations, visibleConversations, windowFocus, logger.child('chat'), ready);
  const contact = new ContactView(context, connection, chat, conversations, logger.child('contact'));
  conversations.setFocusedChat(chat);

  context.subscriptions.push(
    channel,
    session,
    accounts,
    connection,
    conversations,
    notifications.disposable,
    statusItem,
    lazyCommands(LazyCommands.auth, () => import('./auth/commands'), (m) => m.registerAuthCommands(session, connection, redactor, logger.child('session'))),
    chat,
    contact,
    lazyCommands(LazyCommands.chat, () => import('./views/chat/chatCommands'), (m) => m.registerChatCommands(chat, connection)),
    lazyCommands(LazyCommands.search, () => import('./views/search/globalSearch'), (m) => m.registerGlobalSearch(conversations, chat)),
    lazyTools(Object.values(Tools), () => import('./tools/chatwootTools'), (m, registerTool) => m.registerChatwootTools(connection, chat, registerTool)),
    lazyCommands(LazyCommands.macro, () => import('./views/macros/macroCommand'), (m) => m.registerMacroCommand(chat, connection, conversations)),
    vscode.commands.registerCommand(Commands.showLog, () => channel.show(true)),
    vscode.commands.registerCommand(Commands.refresh, () => conversations.refresh()),
  );

  const activationMs = performance.now() - started;
  logger.info(`activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version})`);
  return {
    log: channel,
    logUri: context.logUri,
    contextKeys,
    session,
    accounts,
    tokens,
    connection,
    notifications: notifications.center,
    notificationsView: notifications.view,
    statusItem,
    visibleConversations,
    conversations,
    chat,
    contact,
    popups,
    ready,
    activationMs,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions, which VS Code disposes.
}
