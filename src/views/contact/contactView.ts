import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { Disposable } from '../../common/dispose';
import { Logger } from '../../common/log';
import { plainText } from '../../common/plainText';
import { describeIssues } from '../../common/schemaIssues';
import { ActiveAccount, ChatwootConnection } from '../../connection/chatwootConnection';
import { Commands, Views } from '../../constants';
import { ConversationKey, isSameConversation } from '../../conversations/conversationKey';
import type { ContactCard, FromContactWebview, ToContactWebview } from '../../protocol/contactProtocol';
import { ConversationCore } from '../chat/chatController';
import { ChatViews } from '../chat/chatViews';
import { describeWebviewMessage } from '../chat/fromWebview';
import { webviewHtml } from '../chat/html';
import { FromContactWebviewSchema } from './fromContactWebview';

// What the view fetches and shows: lazy bundle files, loaded with the first card (the first
// conversation the agent opens), not at activation.
const contactSources = () => import('../../contact/contactSources');
const cards = () => import('../../contact/contactCard');
const contactsApi = () => import('../../api/contacts');

/**
 * The `chatwoot.contact` view: the customer of the conversation the agent is on (the sidebar
 * chat's, or the chat editor tab last focused), with their details, labels, notes (an agent
 * adds one here), other conversations (a click opens one) and what the channel recorded about
 * this conversation. Presence comes from the connection's one Presence; everything else is
 * fetched afresh whenever the conversation changes.
 */
export class ContactView extends Disposable implements vscode.WebviewViewProvider {
  private _view: vscode.WebviewView | undefined;
  private _ready = false;
  private _key: ConversationKey | undefined;
  private _card: ContactCard | undefined;
  private _baseUrl = '';
  private _loading: AbortController | undefined;
  private readonly _onDidShow = this._register(new vscode.EventEmitter<ContactCard | undefined>());
  /** Fires whenever the view is given a card (or none); tests wait on it. */
  readonly onDidShow = this._onDidShow.event;

  constructor(
    private readonly _context: vscode.ExtensionContext,
    private readonly _connection: ChatwootConnection,
    chat: ChatViews,
    private readonly _core: ConversationCore,
    private readonly _log: Logger,
  ) {
    super();
    this._register(vscode.window.registerWebviewViewProvider(Views.contact, this));
    this._register(chat.onDidChangeActiveConversation((key) => this.follow(key)));
    this._register(
      _connection.presence.onDidChange((change) => {
        const card = this._card;
        if (!card || !change.contacts.has(card.contactId)) return;
        this._setCard({ ...card, online: _connection.presence.isContactOnline(card.contactId) ?? null });
      }),
    );
    this._register(
      _connection.onDidReceiveEvent((e) => {
        // The contact was edited elsewhere (name, e-mail, attributes): fetch the card again.
        if (e.event === 'contact.updated' && this._card && e.data.id === this._card.contactId) void this._load();
      }),
    );
    this._key = chat.activeConversation;
  }

  /** What the view shows now (tests read it). */
  get card(): ContactCard | undefined {
    return this._card;
  }

  /** The conversation the view follows. */
  get conversation(): ConversationKey | undefined {
    return this._key;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const root = this._context.extensionUri;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'webview'), vscode.Uri.joinPath(root, 'media')] };
    this._ready = false;
    const listeners = [
      view.webview.onDidReceiveMessage((raw: unknown) => this._onMessage(raw)),
      view.onDidDispose(() => {
        listeners.forEach((l) => l.dispose());
        if (this._view === view) this._view = undefined;
      }),
    ];
    view.webview.html = webviewHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview', 'contact.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'contact.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
      title: vscode.l10n.t('Chatwoot contact'),
      locale: { language: vscode.env.language, bundle: vscode.l10n.bundle },
    });
    this._view = view;
  }

  /** Shows the customer of this conversation (or the empty state). */
  follow(key: ConversationKey | undefined): void {
    if (isSameConversation(key, this._key) && this._card) return;
    this._key = key;
    void this._load();
  }

  private _account(): ActiveAccount | undefined {
    const account = this._connection.account;
    return account && this._key && account.accountId === this._key.accountId ? account : undefined;
  }

  private async _load(): Promise<void> {
    this._loading?.abort();
    this._loading = undefined;
    const key = this._key;
    const account = this._account();
    if (!key || !account) {
      this._card = undefined;
      this._post({ type: 'empty', text: this._connection.account ? vscode.l10n.t('Open a conversation to see its customer here.') : vscode.l10n.t('Sign in to Chatwoot to see your customers here.') });
      this._onDidShow.fire(undefined);
      return;
    }
    const loading = (this._loading = new AbortController());
    if (this._card?.conversationId !== key.conversationId) this._post({ type: 'loading', conversationId: key.conversationId });
    try {
      const [{ fetchContactSources }, { contactCard }] = await Promise.all([contactSources(), cards()]);
      const store = this._core.store;
      const sources = await fetchContactSources(
        account.api,
        account.accountId,
        key.conversationId,
        { online: (id) => this._connection.presence.isContactOnline(id), inboxName: (id) => store?.inbox(id)?.name },
        loading.signal,
      );
      if (loading.signal.aborted) return;
      this._baseUrl = account.baseUrl;
      this._setCard(contactCard(sources));
    } catch (e) {
      if (loading.signal.aborted) return;
      this._log.warn(`could not load the contact of #${key.conversationId}`, e);
      this._card = undefined;
      this._post({ type: 'empty', text: vscode.l10n.t('Could not load the customer of conversation #{0}.', key.conversationId), retry: true });
      this._onDidShow.fire(undefined);
    }
  }

  private _setCard(card: ContactCard): void {
    this._card = card;
    this._post({ type: 'show', card, baseUrl: this._baseUrl });
    this._onDidShow.fire(card);
  }

  private _post(message: ToContactWebview): void {
    if (this._view && this._ready) void this._view.webview.postMessage(message);
  }

  private _onMessage(raw: unknown): void {
    this._log.trace(`from contact view: ${describeWebviewMessage(raw)}`);
    const parsed = FromContactWebviewSchema.safeParse(raw);
    if (!parsed.success) {
      this._log.warn(`dropped an invalid message from the contact webview: ${describeIssues(parsed.error)}`);
      return;
    }
    void this._handle(parsed.data).catch((e: unknown) => this._log.error('contact view request failed', e));
  }

  private async _handle(m: FromContactWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this._ready = true;
        // The page (re)loaded: it shows the card held, or the view loads now.
        if (this._card) this._post({ type: 'show', card: this._card, baseUrl: this._baseUrl });
        else void this._load();
        return;
      case 'refresh':
        await this._load();
        return;
      case 'openLink': {
        const url = (await cards()).openableLink(m.url);
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url, true));
        else this._log.warn(`refused to open a link with scheme ${m.url.split(':')[0].slice(0, 20)}`);
        return;
      }
      case 'openConversation': {
        const account = this._account();
        if (account) await vscode.commands.executeCommand(Commands.openConversation, { accountId: account.accountId, conversationId: m.conversationId });
        return;
      }
      case 'addNote':
        await this._addNote(m.contactId, m.content);
        return;
    }
  }

  private async _addNote(contactId: number, content: string): Promise<void> {
    const account = this._account();
    const card = this._card;
    if (!account || !card || card.contactId !== contactId) return;
    try {
      const [{ noteView }, { createContactNote }] = await Promise.all([cards(), contactsApi()]);
      const note = noteView(await createContactNote(account.api, account.accountId, contactId, content.trim()));
      const now = this._card;
      if (now?.contactId === contactId) this._card = { ...now, notes: [note, ...(now.notes ?? []).filter((n) => n.id !== note.id)] };
      this._post({ type: 'noteAdded', contactId, note });
      this._onDidShow.fire(this._card);
    } catch (e) {
      this._post({ type: 'noteAdded', contactId, error: plainText(e instanceof Error ? e.message : String(e)) });
      void this._connection.handleError(e, vscode.l10n.t('add the note'), account.api);
    }
  }
}
