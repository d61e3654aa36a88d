// The words of the seed data: people, inboxes and conversation scripts that read like a real
// support team's week. Kept apart from seed.ts so the generator stays short.

import type { ChannelType, Role, NotificationType } from './types';

export interface PersonSeed {
  name: string;
  email: string;
  role: Role;
  inboxIds: number[];
  accessToken: string;
  pubsubToken: string;
  autoOffline: boolean;
  availability: 'online' | 'busy' | 'offline';
  flags: NotificationType[];
}

const FLAGS: NotificationType[] = ['conversation_assignment', 'assigned_conversation_new_message', 'conversation_mention', 'participating_conversation_new_message'];

/** Fixed so the demo and the tests can sign in without reading anything first. */
export const DEMO_TOKEN = 'demo-token-priya-raman-0001';
export const DEMO_USER_ID = 1;
export const ACCOUNT_ID = 1;

export const PEOPLE: PersonSeed[] = [
  { name: 'Priya Raman', email: 'priya@acme.example', role: 'administrator', inboxIds: [1, 2], accessToken: DEMO_TOKEN, pubsubToken: 'pubsub-priya-7f3a9c', autoOffline: true, availability: 'online', flags: FLAGS },
  { name: 'Marcus Chen', email: 'marcus@acme.example', role: 'agent', inboxIds: [1, 3], accessToken: 'agent-token-marcus-chen-0002', pubsubToken: 'pubsub-marcus-2b81de', autoOffline: true, availability: 'online', flags: FLAGS },
  { name: 'Sofia Alvarez', email: 'sofia@acme.example', role: 'agent', inboxIds: [1, 2], accessToken: 'agent-token-sofia-alvarez-0003', pubsubToken: 'pubsub-sofia-c4e017', autoOffline: true, availability: 'online', flags: FLAGS },
  { name: 'Jonas Weber', email: 'jonas@acme.example', role: 'agent', inboxIds: [2, 4], accessToken: 'agent-token-jonas-weber-0004', pubsubToken: 'pubsub-jonas-91f6a2', autoOffline: true, availability: 'busy', flags: FLAGS },
  // auto_offline=false: always listed as present with her chosen status (docs/chatwoot-events.md §5).
  { name: 'Aisha Karim', email: 'aisha@acme.example', role: 'administrator', inboxIds: [2, 3, 4], accessToken: 'admin-token-aisha-karim-0005', pubsubToken: 'pubsub-aisha-5d2c77', autoOffline: false, availability: 'busy', flags: FLAGS },
];

export const INBOXES: Array<{ name: string; channelType: ChannelType; phoneNumber: string | null; email: string | null }> = [
  { name: 'Website', channelType: 'Channel::WebWidget', phoneNumber: null, email: null },
  { name: 'Support Email', channelType: 'Channel::Email', phoneNumber: null, email: 'support@acme.example' },
  { name: 'WhatsApp', channelType: 'Channel::Whatsapp', phoneNumber: '+4915112345678', email: null },
  { name: 'Partner API', channelType: 'Channel::Api', phoneNumber: null, email: null },
];

export const TEAMS = [
  { name: 'Billing', description: 'Invoices, refunds and plan changes', memberIds: [3, 4] },
  { name: 'Technical', description: 'Bugs, API and integrations', memberIds: [1, 2] },
  { name: 'Onboarding', description: 'New customers in their first 30 days', memberIds: [2, 3] },
];

export const LABELS = [
  { title: 'billing', description: 'Payments, invoices and plans', color: '#F59E0B' },
  { title: 'bug', description: 'Something is broken', color: '#EF4444' },
  { title: 'feature-request', description: 'Ideas from customers', color: '#8B5CF6' },
  { title: 'vip', description: 'Enterprise accounts', color: '#10B981' },
  { title: 'onboarding', description: 'First 30 days', color: '#3B82F6' },
  { title: 'refund', description: 'Money back requested', color: '#EC4899' },
];

export const CANNED = [
  { shortCode: 'hello', content: "Hi {{contact.name}}, thanks for reaching out! I'm {{agent.name}} and I'll take care of this." },
  { shortCode: 'thanks', content: 'Thanks for your patience, {{contact.name}}. Is there anything else I can help you with?' },
  { shortCode: 'refund', content: "Hi {{contact.first_name}}, I've started the refund. It usually shows up on your statement within 5–10 business days." },
  { shortCode: 'reset', content: 'You can reset your password at https://app.acme.example/reset — the link stays valid for 30 minutes.' },
  { shortCode: 'bug', content: "Thanks for the detailed report, {{contact.name}}! I've passed it to our engineers and will update you right here." },
  { shortCode: 'closing', content: "I'll mark this as resolved for now. Just reply to this message if anything else comes up!" },
  { shortCode: 'invoice', content: 'You can download every invoice under Settings → Billing → Invoices.' },
  { shortCode: 'followup', content: 'Hi {{contact.name}}, just checking in: did the steps above solve it for you?' },
];

export const CONTACTS: Array<{ name: string; email: string | null; phone: string | null; city: string; company: string }> = [
  { name: 'Emma Thompson', email: 'emma.thompson@northwind.example', phone: null, city: 'London', company: 'Northwind' },
  { name: 'Lucas Moreau', email: 'lucas@bistro-moreau.example', phone: '+33612345678', city: 'Lyon', company: 'Bistro Moreau' },
  { name: 'Hannah Schmidt', email: 'h.schmidt@kleinbau.example', phone: '+4917623456789', city: 'Hamburg', company: 'Kleinbau GmbH' },
  { name: 'Diego Fernández', email: null, phone: '+34611223344', city: 'Sevilla', company: '' },
  { name: 'Aiko Tanaka', email: 'aiko@tanaka-design.example', phone: null, city: 'Osaka', company: 'Tanaka Design' },
  { name: 'Oliver Bennett', email: 'oliver.bennett@fastmail.example', phone: null, city: 'Manchester', company: '' },
  { name: 'Fatima Zahra', email: 'fatima@souk-online.example', phone: '+212600112233', city: 'Casablanca', company: 'Souk Online' },
  { name: 'Noah Williams', email: 'noah@brightlabs.example', phone: null, city: 'Austin', company: 'BrightLabs' },
  { name: 'Mia Rossi', email: 'mia.rossi@gelato.example', phone: '+393471234567', city: 'Bologna', company: 'Gelato & Co' },
  { name: 'Ethan Clarke', email: 'ethan.c@lumen.example', phone: null, city: 'Dublin', company: 'Lumen' },
  { name: 'Zoe Papadopoulos', email: 'zoe@aegean-travel.example', phone: '+306912345678', city: 'Athens', company: 'Aegean Travel' },
  { name: 'Liam O’Connor', email: 'liam@oconnor-farms.example', phone: null, city: 'Cork', company: "O'Connor Farms" },
  { name: 'Sara Lindqvist', email: 'sara.lindqvist@nordic.example', phone: null, city: 'Uppsala', company: 'Nordic Supply' },
  { name: 'Rahul Mehta', email: 'rahul@mehta-textiles.example', phone: '+919812345678', city: 'Surat', company: 'Mehta Textiles' },
  { name: 'Chloé Dubois', email: 'chloe.dubois@atelier.example', phone: null, city: 'Paris', company: 'Atelier Dubois' },
  { name: 'Mateo Silva', email: null, phone: '+5511987654321', city: 'São Paulo', company: '' },
  { name: 'Grace Kim', email: 'grace.kim@seoulbytes.example', phone: null, city: 'Seoul', company: 'SeoulBytes' },
  { name: 'Jakub Nowak', email: 'jakub.nowak@vistula.example', phone: '+48501234567', city: 'Kraków', company: 'Vistula Logistics' },
  { name: 'Amara Okafor', email: 'amara@lagos-lane.example', phone: '+2348031234567', city: 'Lagos', company: 'Lagos Lane' },
  { name: 'Ben Carter', email: 'ben.carter@carterco.example', phone: null, city: 'Denver', company: 'Carter & Co' },
  { name: 'Ines Costa', email: 'ines@costa-wines.example', phone: '+351912345678', city: 'Porto', company: 'Costa Wines' },
  { name: 'Yusuf Demir', email: null, phone: '+905321234567', city: 'İzmir', company: '' },
  { name: 'Lena Novak', email: 'lena@novak-studio.example', phone: null, city: 'Ljubljana', company: 'Novak Studio' },
  { name: 'Partner Sync Bot', email: 'sync@partner-erp.example', phone: null, city: '', company: 'Partner ERP' },
  { name: 'Olivia Brown', email: 'olivia.brown@greenleaf.example', phone: null, city: 'Melbourne', company: 'Greenleaf' },
  { name: 'Kofi Mensah', email: 'kofi@accra-tech.example', phone: '+233201234567', city: 'Accra', company: 'Accra Tech' },
  { name: 'Nora Hansen', email: 'nora.hansen@fjord.example', phone: null, city: 'Bergen', company: 'Fjord Media' },
  { name: 'white-shadow-394', email: null, phone: null, city: '', company: '' },
];

/**
 * One scripted conversation. Steps: c = contact, a = the assignee (or an admin) replies,
 * n = private note, img/pdf = contact sends an attachment with that caption.
 */
export interface Script {
  channel: ChannelType;
  labels: string[];
  priority: 'low' | 'medium' | 'high' | 'urgent' | null;
  steps: Array<[kind: 'c' | 'a' | 'n' | 'img' | 'pdf', text: string]>;
}

const CODE_REPLY = [
  'Thanks for the payload, that made it easy to reproduce. The 500 comes from the missing charset: please send it explicitly for now.',
  '',
  '```bash',
  'curl -X POST https://api.acme.example/v1/webhooks \\',
  "  -H 'Content-Type: application/json; charset=utf-8' \\",
  '  -d \'{"name": "Café Olé", "events": ["order.created"]}\'',
  '```',
  '',
  'A fix that defaults to **UTF-8** ships on Thursday. I will post here once it is live.',
].join('\n');

export const SCRIPTS: Script[] = [
  {
    channel: 'Channel::WebWidget', labels: [], priority: null,
    steps: [['c', "Hi! I can't log in, the password reset email never arrives."], ['a', "Sorry about that! I've just re-sent it. Could you check your spam folder too?"], ['c', 'Found it in spam. Thanks a lot!']],
  },
  {
    channel: 'Channel::Email', labels: ['billing', 'refund'], priority: 'high',
    steps: [['c', 'Hello,\n\nI was charged twice for the March invoice (INV-20931). Could you refund the duplicate payment?\n\nBest regards'], ['n', 'Checked Stripe: two captures 4 minutes apart. Safe to refund the second one.'], ['a', "Hi, you're right, the second charge was a duplicate. I've refunded it; it will show up within 5–10 business days."]],
  },
  {
    channel: 'Channel::Api', labels: ['bug'], priority: 'urgent',
    steps: [['c', 'Our webhook calls return HTTP 500 as soon as a customer name contains an accent (e.g. "Café Olé"). Batch 2291 failed completely.'], ['n', '[@Marcus Chen](mention://user/2/Marcus%20Chen) can you check the ingestion logs for batch 2291?'], ['a', CODE_REPLY], ['c', 'Setting the charset works. Looking forward to the fix.']],
  },
  {
    channel: 'Channel::Whatsapp', labels: [], priority: null,
    steps: [['c', 'Hola! Where is my order #48213? 📦'], ['a', 'Hi! It left our warehouse yesterday and should arrive on Friday. Tracking: DHL 00340434161094027218'], ['c', '👍 gracias']],
  },
  {
    channel: 'Channel::Email', labels: ['billing'], priority: 'low',
    steps: [['pdf', 'Please find attached the invoice we received. The VAT number on it is wrong, can you reissue it?'], ['a', "Thanks! I've reissued it with VAT ID DE298765432. You can download it under Settings → Billing → Invoices."]],
  },
  {
    channel: 'Channel::WebWidget', labels: ['feature-request'], priority: null,
    steps: [['c', 'Any plans for a dark mode in the dashboard? My eyes would thank you 😅'], ['a', "It's on our roadmap for Q3! I've added your vote."], ['c', 'Great, thanks!']],
  },
  {
    channel: 'Channel::WebWidget', labels: ['bug'], priority: 'medium',
    steps: [['c', 'The export button does nothing in Safari.'], ['img', "Here's a screenshot of the console error"], ['n', 'Looks like the Blob download issue from last sprint. Linking ENG-1423.'], ['a', 'Thanks for the screenshot! This is a known Safari issue; a fix is in review. Chrome and Firefox work in the meantime.']],
  },
  {
    channel: 'Channel::Email', labels: ['vip'], priority: 'medium',
    steps: [['c', "Hi team,\n\nWe'd like to move from the Growth plan to Enterprise for 120 seats. Could someone send a quote?\n\nThanks,"], ['n', '[@Priya Raman](mention://user/1/Priya%20Raman) enterprise quote for 120 seats: can you approve the 15% discount?'], ['a', 'Happy to help! I have looped in our sales team, you will receive a quote today.']],
  },
  {
    channel: 'Channel::Api', labels: [], priority: null,
    steps: [['c', 'Partner sync: 14 orders rejected with "unknown SKU" (ACM-7781, ACM-7782, …).'], ['a', 'Those SKUs were retired last week. The replacement mapping is ACM-7781 → ACM-9001 and ACM-7782 → ACM-9002.']],
  },
  {
    channel: 'Channel::Email', labels: [], priority: null,
    steps: [['c', 'Please delete my account and all associated data (GDPR Art. 17).'], ['n', 'Identity verified via the account email. Deletion job queued.'], ['a', 'Your account is scheduled for deletion; all data will be removed within 30 days. You will get a confirmation email.']],
  },
  {
    channel: 'Channel::WebWidget', labels: ['onboarding'], priority: null,
    steps: [['c', 'We just signed up. Can we book an onboarding call for next week?'], ['a', "Welcome aboard! Here's my calendar: https://cal.acme.example/onboarding. Pick any slot that suits you."], ['c', 'Booked Tuesday 10:00, see you then.']],
  },
  {
    channel: 'Channel::Whatsapp', labels: ['bug'], priority: 'high',
    steps: [['c', 'The app crashes when I open the camera to scan a receipt'], ['c', 'Android 14, Pixel 7'], ['a', 'Thank you! Could you update to version 5.2.1? It fixes a camera crash on Android 14.']],
  },
  {
    channel: 'Channel::WebWidget', labels: [], priority: null,
    steps: [['c', 'hello?']],
  },
  {
    channel: 'Channel::Email', labels: ['billing'], priority: null,
    steps: [['c', 'Can I pay by bank transfer instead of credit card?'], ['a', 'Yes! Annual plans can be paid by bank transfer. I have switched your account; the next invoice will include our IBAN.'], ['c', 'Perfect, thank you for the quick answer.']],
  },
  {
    channel: 'Channel::WebWidget', labels: ['feature-request'], priority: 'low',
    steps: [['c', 'Is there a way to schedule reports to be emailed every Monday?'], ['n', 'Not yet. PM is tracking it as FR-311.'], ['a', "Not yet, but it's being worked on. I'll let you know when it ships."]],
  },
  {
    channel: 'Channel::Whatsapp', labels: [], priority: null,
    steps: [['c', 'Do you deliver to the Canary Islands?'], ['a', 'We do! Delivery takes 5–7 days and customs fees may apply.']],
  },
];

/** Phrases for the long thread that exercises message pagination. */
export const LONG_THREAD: Array<[kind: 'c' | 'a', text: string]> = [
  ['c', 'We are migrating 3,000 contacts from our old CRM. Can you help?'],
  ['a', 'Of course! What format is the export in?'],
  ['c', 'CSV, about 12 MB, with custom fields.'],
  ['a', 'Perfect. The importer supports CSV up to 50 MB. Custom fields must exist before the import.'],
  ['c', 'How do I create them in bulk?'],
  ['a', 'Under Settings → Custom Attributes, or through the API if you have many.'],
  ['c', 'The import stopped at row 1,204.'],
  ['a', 'Row 1,204 has an invalid phone number (+44 07…). Could you remove the leading zero?'],
  ['c', 'Fixed, retrying now.'],
  ['a', 'Great, let me know how it goes.'],
];
