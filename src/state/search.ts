import { byActivity } from './filters';
import { ConversationRecord } from './records';
import { ConversationStore } from './store';

/**
 * Fuzzy matching for Go to Conversation: the query's characters in order, scored higher when
 * they are contiguous or start words. Undefined when the text does not contain the query.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let previous = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return undefined;
    score += 1;
    if (found === previous + 1) score += 2;
    if (found === 0 || /[\s@._#-]/.test(t[found - 1])) score += 3;
    previous = found;
    ti = found + 1;
  }
  // Shorter texts with the same match are better matches.
  return score - t.length / 1000;
}

/** The text a conversation is found by: contact name, e-mail, phone, `#id`, inbox, last message. */
export function searchText(store: ConversationStore, c: ConversationRecord): string {
  const contact = store.contact(c.contactId);
  return [contact?.name, contact?.email, contact?.phoneNumber, `#${c.id}`, store.inbox(c.inboxId)?.name, c.lastMessage?.text]
    .filter((s): s is string => Boolean(s))
    .join(' ');
}

/** Held conversations matching `query`, best first; an exact `#id` or id comes first of all. */
export function rankConversations(store: ConversationStore, query: string, limit = 50): ConversationRecord[] {
  const idMatch = /^#?(\d+)$/.exec(query.trim());
  const scored: Array<{ c: ConversationRecord; score: number }> = [];
  for (const c of store.conversations.values()) {
    if (idMatch && c.id === Number(idMatch[1])) {
      scored.push({ c, score: Number.POSITIVE_INFINITY });
      continue;
    }
    const score = fuzzyScore(query, searchText(store, c));
    if (score !== undefined) scored.push({ c, score });
  }
  scored.sort((a, b) => b.score - a.score || byActivity(a.c, b.c));
  return scored.slice(0, limit).map((s) => s.c);
}
