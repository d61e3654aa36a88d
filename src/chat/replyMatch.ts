import { Message, MessageType } from '../model/message';
import type { OutboxItem } from '../protocol/chatProtocol';

/**
 * Which listed messages are outbox replies whose send reached the server although its answer was
 * lost (a reset or timeout). Chatwoot lists no `echo_id` (docs/chatwoot-rest.md §3), so a reply
 * is recognised by what a list does carry: an outgoing message of this agent with the same text
 * and the same privacy, newer than the newest message the chat held at the send (`afterId`), or,
 * for replies kept from before that was recorded, created no earlier than the second the send
 * began (which trusts this machine's clock). Each message answers
 * one reply and each reply one message, oldest with oldest, so two identical replies need two
 * messages. Returns the echo id each matched message confirms, by message id.
 */
export function matchSentReplies(unconfirmed: readonly OutboxItem[], listed: readonly Message[], agentId: number): Map<number, string> {
  const matched = new Map<number, string>();
  const mine = [...listed].filter((m) => isFromAgent(m, agentId)).sort((a, b) => a.id - b.id);
  for (const item of [...unconfirmed].sort((a, b) => a.createdAt - b.createdAt)) {
    const sentAt = Math.floor(item.createdAt / 1000);
    const isLater = (x: Message) => (item.afterId !== undefined ? x.id > item.afterId : x.created_at >= sentAt);
    const m = mine.find((x) => !matched.has(x.id) && x.content === item.content && x.private === item.private && isLater(x));
    if (m) matched.set(m.id, item.echoId);
  }
  return matched;
}

function isFromAgent(m: Message, agentId: number): boolean {
  if (m.message_type !== MessageType.outgoing) return false;
  // Push data carries sender_type/sender_id; older list partials only the sender's push data.
  if (m.sender_type != null || m.sender_id != null) return m.sender_type === 'User' && m.sender_id === agentId;
  return m.sender?.type === 'user' && m.sender.id === agentId;
}
