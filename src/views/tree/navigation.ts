import { GROUPS } from '../../conversations/filters';
import { ConversationRecord } from '../../conversations/records';
import { ConversationStore } from '../../conversations/store';

/**
 * The unread conversations in the order "Next Unread" visits them: Mine first, then Unassigned,
 * then the rest of All, each by last activity; a conversation is visited once.
 */
export function unreadOrder(store: ConversationStore): ConversationRecord[] {
  const seen = new Set<number>();
  const out: ConversationRecord[] = [];
  for (const group of GROUPS) {
    for (const c of store.members(group)) {
      if (c.unreadCount > 0 && !seen.has(c.id)) {
        seen.add(c.id);
        out.push(c);
      }
    }
  }
  return out;
}

/** The unread conversation after `currentId` (wrapping), or the first; undefined when none is unread. */
export function nextUnread(store: ConversationStore, currentId: number | undefined): ConversationRecord | undefined {
  const order = unreadOrder(store);
  if (order.length === 0) return undefined;
  const at = currentId === undefined ? -1 : order.findIndex((c) => c.id === currentId);
  return order[(at + 1) % order.length];
}
