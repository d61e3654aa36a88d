/**
 * `{{contact.name}}`-style variables in canned responses, filled in from the open conversation
 * the way Chatwoot's own clients do. Unknown variables are left as written, so the agent sees
 * them before sending; known ones with no value become empty.
 */
import type { ChatAgent, ChatConversation } from '../../protocol/chatProtocol';

export type Variables = Readonly<Record<string, string>>;

export function variablesFor(c: ChatConversation, agent: ChatAgent): Variables {
  const contactName = c.contact.name ?? '';
  const [contactFirst, contactLast] = splitName(contactName);
  const [agentFirst, agentLast] = splitName(agent.name);
  return {
    'contact.name': contactName,
    'contact.first_name': contactFirst,
    'contact.last_name': contactLast,
    'contact.email': c.contact.email ?? '',
    'contact.phone': c.contact.phoneNumber ?? '',
    'contact.id': String(c.contact.id),
    'agent.name': agent.name,
    'agent.first_name': agentFirst,
    'agent.last_name': agentLast,
    'agent.email': agent.email ?? '',
    'conversation.id': String(c.id),
    'inbox.name': c.inboxName ?? '',
  };
}

export function substitute(template: string, vars: Variables): string {
  // Own keys only: `{{constructor}}` must not find Object.prototype's.
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    const key = name.toLowerCase();
    return Object.hasOwn(vars, key) ? vars[key] : whole;
  });
}

function splitName(name: string): [string, string] {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return [parts[0] ?? '', parts.length > 1 ? parts[parts.length - 1] : ''];
}
