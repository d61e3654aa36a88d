/** Payload builders with valid defaults, shaped as the host sends them (src/protocol/chatProtocol.ts). */
import type { ChatAgent, ChatConversation, Init, WireCannedResponse, WireMessage } from '../../src/protocol/chatProtocol';

export const CONVERSATION_ID = 42;
/** The installation (and account) of the tests' conversations: the origin their images are served from (test/helpers/webviewShell.ts). */
export const SCOPE = 'https://img.test#1';
/** What the view keys a conversation's drafts and unsent replies by. */
export const STATE_KEY = `${SCOPE}/${CONVERSATION_ID}`;
export const AGENT: ChatAgent = { id: 7, name: 'Alex Agent', email: 'alex@example.com' };
export const CONTACT_SENDER = { id: 101, name: 'Jane Cooper', type: 'contact' };
export const AGENT_SENDER = { id: 7, name: 'Alex Agent', available_name: 'Alex Agent', type: 'user' };

/** 2024-03-04 10:00:00 UTC, a Monday, in Unix seconds. */
export const MONDAY = Date.UTC(2024, 2, 4, 10, 0, 0) / 1000;

let nextId = 1000;

export function message(overrides: Partial<WireMessage> = {}): WireMessage {
  const id = overrides.id ?? nextId++;
  return {
    id,
    content: `Message ${id}`,
    conversation_id: CONVERSATION_ID,
    message_type: 0,
    content_type: 'text',
    content_attributes: {},
    created_at: MONDAY,
    private: false,
    status: 'sent',
    sender_type: 'Contact',
    sender: CONTACT_SENDER,
    attachments: [],
    ...overrides,
  };
}

export function incoming(content: string, overrides: Partial<WireMessage> = {}): WireMessage {
  return message({ content, ...overrides });
}

export function outgoing(content: string, overrides: Partial<WireMessage> = {}): WireMessage {
  return message({ content, message_type: 1, sender_type: 'User', sender: AGENT_SENDER, status: 'delivered', ...overrides });
}

export function conversation(overrides: Partial<ChatConversation> = {}): ChatConversation {
  return {
    id: CONVERSATION_ID,
    status: 'open',
    priority: 'high',
    contact: { id: 101, name: 'Jane Cooper', email: 'jane@example.com', phoneNumber: '+1 555 0100' },
    inboxId: 3,
    inboxName: 'Acme Support',
    channel: 'Channel::WebWidget',
    assignee: null,
    canReply: true,
    ...overrides,
  };
}

export const CANNED: readonly WireCannedResponse[] = [
  { id: 1, short_code: 'greet', content: 'Hi {{contact.name}}, this is {{agent.name}} from Acme. How can I help?' },
  { id: 2, short_code: 'refund', content: 'Your refund for {{contact.email}} is on its way.' },
  { id: 3, short_code: 'bye', content: 'Thanks for reaching out, {{contact.first_name}}!' },
];

export function init(overrides: Partial<Init> = {}): Init {
  return {
    type: 'init',
    conversation: conversation(),
    messages: [],
    hasOlder: false,
    agent: AGENT,
    cannedResponses: CANNED,
    scope: SCOPE,
    ...overrides,
  };
}
