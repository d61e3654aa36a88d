import { Group, GROUPS } from '../../conversations/filters';
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

/**
 * The conversation before (`step` -1) or after (+1) `currentId` in a group's rows, as the tree
 * lists them; the first (or last) row when `currentId` is not listed there; undefined past either
 * end (no wrapping: the agent should notice the end of the list).
 */
export function adjacentConversation(store: ConversationStore, group: Group, currentId: number | undefined, step: 1 | -1): ConversationRecord | undefined {
  const rows = store.members(group);
  const at = currentId === undefined ? -1 : rows.findIndex((c) => c.id === currentId);
  if (at < 0) return step > 0 ? rows[0] : rows[rows.length - 1];
  return rows[at + step];
}

/** The group a conversation is moved through: the one given if it lists it, else the first that does. */
export function groupOf(store: ConversationStore, conversationId: number, preferred: Group | undefined): Group | undefined {
  const record = store.get(conversationId);
  if (!record) return preferred;
  if (preferred && store.isMember(record, preferred)) return preferred;
  return GROUPS.find((g) => store.isMember(record, g)) ?? preferred;
}
