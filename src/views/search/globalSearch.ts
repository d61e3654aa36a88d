import * as vscode from 'vscode';
import { listContactConversations } from '../../api/contacts';
import { ApiError } from '../../api/errors';
import { searchContactsGlobally, searchConversationsByContact, searchMessages } from '../../api/search';
import { systemClock } from '../../common/clock';
import { LiveQuery } from '../../common/liveQuery';
import { Commands } from '../../constants';
import { conversationKey } from '../../conversations/conversationKey';
import { toConversationRecord } from '../../conversations/records';
import { ChatViews } from '../chat/chatViews';
import { showLivePick } from '../liveQuickPick';
import { SectionRow } from '../quickPickRows';
import { holdInFull } from '../tree/goToConversation';
import { isCancelled } from '../tree/liveSearch';
import { messagePreview, statusName } from '../tree/presentation';
import { ConversationsFeature } from '../tree/conversationsFeature';
import { GlobalResults, SearchRow, searchRows } from './searchRows';

type Picked = Exclude<SearchRow, SectionRow>;

/** What the agent chose: a message (in its conversation), a conversation. */
export interface SearchTarget {
  readonly conversationId: number;
  readonly messageId?: number;
}

/**
 * `Chatwoot: Search…`: one quick pick over Chatwoot's global search of messages, conversations
 * and contacts, asked as the agent types (a LiveQuery: debounced, stale requests aborted).
 * A message opens its conversation scrolled to it; a conversation opens; a contact lists their
 * conversations (or opens the only one).
 */
export function registerGlobalSearch(feature: ConversationsFeature, chat: ChatViews): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.search, async (): Promise<SearchTarget | undefined> => {
    const account = feature.account;
    const sync = feature.sync;
    if (!account || !sync) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Chatwoot to search.'));
      return undefined;
    }
    const { api, accountId } = account;
    const picked = await pick(
      new LiveQuery<GlobalResults>(
        {
          messages: { what: vscode.l10n.t({ message: 'Message', comment: 'names a search in the failure: <name> search failed' }), run: (q, signal) => searchMessages(api, accountId, q, { signal }) },
          conversations: { what: vscode.l10n.t({ message: 'Conversation', comment: 'names a search in the failure: <name> search failed' }), run: (q, signal) => searchConversationsByContact(api, accountId, q, { signal }) },
          contacts: { what: vscode.l10n.t({ message: 'Contact', comment: 'names a search in the failure: <name> search failed' }), run: (q, signal) => searchContactsGlobally(api, accountId, q, { signal }) },
        },
        { clock: systemClock, logger: feature.logger, isCancelled },
      ),
    );
    if (!picked) return undefined;
    let target: SearchTarget | undefined;
    try {
      target = picked.kind === 'contact' ? await pickContactConversation(feature, picked.contactId, picked.name) : { conversationId: picked.conversationId, ...(picked.kind === 'message' ? { messageId: picked.messageId } : {}) };
      if (!target) return undefined;
      // Search results carry no status or inbox: the tree and the chat need the whole conversation.
      await holdInFull(sync, target.conversationId);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'not-found') void vscode.window.showWarningMessage(vscode.l10n.t('Chatwoot has no conversation #{0}.', target?.conversationId ?? ''));
      else void feature.connection.handleError(e, vscode.l10n.t('open the search result'), api);
      return undefined;
    }
    if (feature.account !== account) return undefined;
    if (target.messageId !== undefined) await chat.revealMessage(conversationKey(accountId, target.conversationId), target.messageId);
    else await feature.open(target.conversationId);
    await feature.reveal(target.conversationId);
    return target;
  });
}

/** Shows the quick pick until the agent picks a result (or leaves); owns and disposes `live`. */
function pick(live: LiveQuery<GlobalResults>): Promise<Picked | undefined> {
  return showLivePick<SearchRow, Picked>({
    title: vscode.l10n.t('Search Chatwoot'),
    placeholder: vscode.l10n.t('Message text, customer name, e-mail or phone, or #number'),
    live,
    rows: (value) => searchRows(live.outcome, value),
    // Found by the server on text VS Code's own filter cannot see.
    item: (row) => ({ label: row.label, description: row.description, detail: 'detail' in row ? row.detail : undefined, alwaysShow: true, target: row }),
  });
}

/** A contact's conversations: the only one at once, else a second pick. */
async function pickContactConversation(feature: ConversationsFeature, contactId: number, name: string): Promise<SearchTarget | undefined> {
  const account = feature.account;
  if (!account) return undefined;
  const conversations = await listContactConversations(account.api, account.accountId, contactId);
  if (conversations.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no conversations you can see.', name));
    return undefined;
  }
  if (conversations.length === 1) return { conversationId: conversations[0].id };
  const store = feature.store;
  const items = conversations.map((c) => {
    const record = toConversationRecord(c);
    const inbox = store?.inbox(record.inboxId)?.name;
    return { label: `#${record.id}`, description: [inbox, statusName(record.status)].filter(Boolean).join(' · '), detail: messagePreview(record) || undefined, conversationId: record.id };
  });
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Conversations of {0}', name), matchOnDescription: true, matchOnDetail: true });
  return chosen && { conversationId: chosen.conversationId };
}
