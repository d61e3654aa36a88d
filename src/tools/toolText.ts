import { ConversationSearchHit } from '../api/conversationSearch';
import { Conversation } from '../model/conversation';
import { Message } from '../model/message';

/**
 * What the Copilot tools (chatwootTools.ts) hand a language model: conversations and messages as
 * plain text lines. Only what an agent sees in the chat; never a token, a URL with a signature,
 * or an attachment's address.
 */

/** `message_type` values (docs/chatwoot-rest.md §3). */
const INCOMING = 0;
const ACTIVITY = 2;

const when = (seconds: number | undefined): string => (seconds ? new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'unknown time');
/** One line per message or row: line breaks inside text would blur where one ends. */
const oneLine = (text: string | null | undefined, max = 500): string => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function conversationLine(c: Conversation): string {
  const contact = c.meta.sender.name || `contact ${c.meta.sender.id}`;
  const assignee = c.meta.assignee ? (c.meta.assignee.available_name || c.meta.assignee.name) : 'unassigned';
  const last = c.messages?.filter((m) => m.message_type !== ACTIVITY).at(-1);
  const parts = [`#${c.id}`, c.status, contact, `inbox ${c.inbox_id}`, `assignee: ${assignee}`];
  if (c.priority) parts.push(`priority ${c.priority}`);
  if (c.labels?.length) parts.push(`labels: ${c.labels.join(', ')}`);
  if (c.unread_count) parts.push(`${c.unread_count} unread`);
  parts.push(`last activity ${when(c.last_activity_at ?? c.timestamp)}`);
  if (last?.content) parts.push(`last message: "${oneLine(last.content, 160)}"`);
  return parts.join(' · ');
}

export function messageLine(m: Message): string {
  const time = when(m.created_at);
  if (m.message_type === ACTIVITY) return `[${time}] (activity) ${oneLine(m.content)}`;
  const who = m.sender?.name || (m.message_type === INCOMING ? 'Contact' : 'Agent');
  const role = m.message_type === INCOMING ? 'contact' : m.sender_type === 'AgentBot' ? 'bot' : 'agent';
  const note = m.private ? ' [private note — not visible to the contact]' : '';
  const files = m.attachments?.length ? ` (${m.attachments.length} attachment${m.attachments.length > 1 ? 's' : ''}: ${m.attachments.map((a) => a.file_type).join(', ')})` : '';
  return `[${time}] ${who} (${role})${note}: ${oneLine(m.content, 4000)}${files}`;
}

export function searchHitLines(hit: ConversationSearchHit): string[] {
  const head = `#${hit.id} · ${hit.contact.name || `contact ${hit.contact.id}`} · ${hit.inbox.name || `inbox ${hit.inbox.id}`}`;
  return [head, ...hit.messages.slice(0, 3).map((m) => `  [${when(m.created_at)}] ${m.sender_name || (m.message_type === INCOMING ? 'Contact' : 'Agent')}: ${oneLine(m.content, 300)}`)];
}
