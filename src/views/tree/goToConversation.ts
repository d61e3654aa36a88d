import * as vscode from 'vscode';
import { systemClock } from '../../common/clock';
import { Logger } from '../../common/log';
import { ConversationSync } from '../../conversations/sync';
import { showLivePick } from '../liveQuickPick';
import { firstFound, LiveSearch, SearchBackend } from './liveSearch';
import { idQuery, PickRow, pickRows, rankConversations } from './search';

/** Enough loaded conversations to browse before typing; VS Code filters them as the agent types. */
const LOADED_ITEMS = 200;

/**
 * Fetches a conversation in full and puts it in the store (without touching counts): search hits
 * carry no status, inbox or sender, and a customer's list may be stale by now.
 */
export async function holdInFull(sync: ConversationSync, id: number): Promise<void> {
  const conversation = await sync.backend.get(id);
  sync.store.upsert(conversation, { counts: 'none' });
}

/**
 * Finds a conversation without a quick pick (the command's argument form: keybindings, tests):
 * a typed `#id`; else a loaded one whose contact's name, e-mail or phone contains the query; else
 * the server's first message match, else the first matching customer's newest conversation; else
 * the best fuzzy match among the loaded ones.
 */
export async function findConversation(sync: ConversationSync, backend: SearchBackend, query: string, logger: Logger): Promise<number | undefined> {
  const store = sync.store;
  const id = idQuery(query);
  if (id !== undefined) return id;
  const q = query.toLowerCase();
  const direct = rankConversations(store, query).find((c) => {
    const contact = store.contact(c.contactId);
    return [contact?.name, contact?.email, contact?.phoneNumber].some((s) => s?.toLowerCase().includes(q));
  });
  if (direct) return direct.id;
  const live = new LiveSearch(backend, { clock: systemClock, logger });
  try {
    const outcome = await live.search(query);
    return firstFound(outcome) ?? rankConversations(store, query, 1)[0]?.id;
  } finally {
    live.dispose();
  }
}

/**
 * `Chatwoot: Go to Conversation…`: a quick pick over the loaded conversations (VS Code's filter
 * over name, number, inbox and last message) that, as the agent types, also asks the server for
 * conversations whose messages contain the text and for customers whose name, e-mail or phone
 * does, and lists those first under separators saying what matched. Resolves with the chosen
 * display id; a typed `#123` or `123` offers that number first.
 */
export function pickConversation(sync: ConversationSync, backend: SearchBackend, logger: Logger): Promise<number | undefined> {
  const store = sync.store;
  const loaded = rankConversations(store, '', LOADED_ITEMS);
  const live = new LiveSearch(backend, { clock: systemClock, logger });
  return showLivePick<PickRow, number>({
    title: vscode.l10n.t('Go to Conversation'),
    placeholder: vscode.l10n.t('Customer name, e-mail or phone, message text, or #number'),
    matchAll: true,
    live,
    rows: (value) => pickRows(store, loaded, value, live.outcome),
    item: (row) => ({ label: row.label, description: row.description, detail: row.detail, alwaysShow: row.alwaysShow, target: row.conversationId }),
  });
}
