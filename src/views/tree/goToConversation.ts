import * as vscode from 'vscode';
import { Logger } from '../../common/log';
import { Conversation } from '../../model/conversation';
import { contactName, messagePreview, statusName } from '../../state/presentation';
import { ConversationRecord } from '../../state/records';
import { rankConversations } from '../../state/search';
import { ConversationStore } from '../../state/store';
import { ConversationSync } from '../../state/sync';

/** Pause in typing before the server is searched for what is not loaded. */
const SEARCH_DEBOUNCE_MS = 250;
const LOADED_ITEMS = 200;

interface ConversationPick extends vscode.QuickPickItem {
  readonly conversationId: number;
}

function pickFor(store: ConversationStore, c: ConversationRecord, fromServer: boolean): ConversationPick {
  return {
    label: contactName(store, c),
    description: `#${c.id} · ${store.inbox(c.inboxId)?.name ?? `inbox ${c.inboxId}`} · ${statusName(c.status)}`,
    detail: messagePreview(c) || undefined,
    conversationId: c.id,
    // The server matched it on text the quick pick cannot see (older messages, e-mail).
    alwaysShow: fromServer,
  };
}

/** Server results go into the store (without touching counts) so the rows can be named and opened. */
function holdAll(store: ConversationStore, found: readonly Conversation[]): ConversationRecord[] {
  store.batch(() => {
    for (const c of found) store.upsert(c, { counts: 'none' });
  });
  return found.map((c) => store.get(c.id)).filter((c): c is ConversationRecord => c !== undefined);
}

/**
 * Finds a conversation without a quick pick (the command's argument form: keybindings, tests):
 * a loaded one by `#id` or by contact name, e-mail or phone containing the query; else the
 * server's first search result; else the best fuzzy match among the loaded ones.
 */
export async function findConversation(sync: ConversationSync, query: string): Promise<number | undefined> {
  const store = sync.store;
  const id = /^#?(\d+)$/.exec(query);
  if (id && store.get(Number(id[1]))) return Number(id[1]);
  const q = query.toLowerCase();
  const direct = rankConversations(store, query).find((c) => {
    const contact = store.contact(c.contactId);
    return [contact?.name, contact?.email, contact?.phoneNumber].some((s) => s?.toLowerCase().includes(q));
  });
  if (direct) return direct.id;
  const found = holdAll(store, await sync.backend.search(query));
  return found[0]?.id ?? rankConversations(store, query, 1)[0]?.id;
}

/**
 * `Chatwoot: Go to Conversation…`: a quick pick over the loaded conversations (VS Code's fuzzy
 * filter over name, number, inbox and last message), which also asks the server's search as the
 * agent types and adds what it finds. Resolves with the chosen display id.
 */
export function pickConversation(sync: ConversationSync, logger: Logger): Promise<number | undefined> {
  const store = sync.store;
  const quickPick = vscode.window.createQuickPick<ConversationPick>();
  quickPick.title = 'Go to Conversation';
  quickPick.placeholder = 'Contact, #number, inbox or message text';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const loaded = rankConversations(store, '', LOADED_ITEMS).map((c) => pickFor(store, c, false));
  quickPick.items = loaded;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  return new Promise<number | undefined>((resolve) => {
    quickPick.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      const query = value.trim();
      if (query.length < 2) return;
      timer = setTimeout(() => {
        const mine = ++generation;
        quickPick.busy = true;
        sync.backend
          .search(query)
          .then((found) => {
            if (mine !== generation) return;
            const have = new Set(loaded.map((p) => p.conversationId));
            const extra = holdAll(store, found)
              .filter((c) => !have.has(c.id))
              .map((c) => pickFor(store, c, true));
            quickPick.items = [...loaded, ...extra];
          })
          .catch((e) => logger.warn(`conversation search failed: ${e instanceof Error ? e.message : String(e)}`))
          .finally(() => {
            if (mine === generation) quickPick.busy = false;
          });
      }, SEARCH_DEBOUNCE_MS);
    });
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.conversationId);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (timer) clearTimeout(timer);
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
