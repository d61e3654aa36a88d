import * as l10n from '@vscode/l10n';
import { ContactDetails, ContactNote } from '../model/contact';
import { Conversation } from '../model/conversation';
import { UserSummary } from '../model/user';
import type { ContactCard, ContactConversationView, ContactField, ContactNoteView } from '../protocol/contactProtocol';

/** What the Contact view is built from; the optional pieces are null when their fetch failed. */
export interface ContactSources {
  readonly conversation: Conversation;
  readonly contact: ContactDetails;
  readonly notes: readonly ContactNote[] | null;
  readonly labels: readonly string[];
  readonly conversations: readonly Conversation[] | null;
  readonly participants: readonly UserSummary[] | null;
  readonly online: boolean | undefined;
  readonly inboxName: (inboxId: number) => string | undefined;
}

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** The URL if it may open outside VS Code (http, https, mailto, tel), else null. */
export function openableLink(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return LINK_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Only https avatars: the CSP allows no other remote images. */
function avatarUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** "browser_name" → "Browser name"; custom attribute keys are snake_case identifiers. */
export function humanKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/** A free-form value as a field: a link only when the whole value is an http(s) URL. */
function freeField(label: string, value: unknown): ContactField | null {
  const shown = text(value);
  if (!shown) return null;
  const link = /^https?:\/\//i.test(shown) ? openableLink(shown) : null;
  return { label, value: shown, link };
}

/** E-mail, phone, company, location, identifier: Chatwoot keeps company and location in additional_attributes. */
function details(contact: ContactDetails): ContactField[] {
  const extra = record(contact.additional_attributes);
  const out: ContactField[] = [];
  const email = contact.email?.trim();
  if (email) out.push({ label: l10n.t('E-mail'), value: email, link: openableLink(`mailto:${email}`) });
  const phone = contact.phone_number?.trim();
  const dial = phone?.replace(/[^\d+]/g, '');
  if (phone) out.push({ label: l10n.t('Phone'), value: phone, link: dial ? openableLink(`tel:${dial}`) : null });
  const company = text(extra.company_name);
  if (company) out.push({ label: l10n.t('Company'), value: company });
  const location = [text(extra.city), text(extra.country)].filter(Boolean).join(', ');
  if (location) out.push({ label: l10n.t('Location'), value: location });
  const identifier = contact.identifier?.trim();
  if (identifier) out.push({ label: l10n.t('Identifier'), value: identifier });
  const description = text(extra.description);
  if (description) out.push({ label: l10n.t('Bio'), value: description });
  return out;
}

/**
 * What the conversation's channel recorded: the widget's browser, the page it started on and
 * when (Chatwoot: app/controllers/api/v1/widget/conversations_controller.rb
 * `conversation_additional_attributes`), an e-mail's subject.
 */
function conversationInfo(conversation: Conversation): ContactField[] {
  const extra = record((conversation as Record<string, unknown>).additional_attributes);
  const browser = record(extra.browser);
  const out: ContactField[] = [];
  const push = (f: ContactField | null) => f && out.push(f);
  const name = [text(browser.browser_name), text(browser.browser_version)].filter(Boolean).join(' ');
  const platform = [text(browser.platform_name), text(browser.platform_version)].filter(Boolean).join(' ');
  if (name || platform) out.push({ label: l10n.t('Browser'), value: name && platform ? l10n.t('{0} on {1}', name, platform) : name || platform });
  push(freeField(l10n.t('Referrer'), extra.referer));
  const initiated = record(extra.initiated_at).timestamp;
  push(freeField(l10n.t('Initiated at'), typeof initiated === 'number' ? new Date(initiated * 1000).toISOString() : initiated));
  push(freeField(l10n.t('Subject'), extra.mail_subject));
  return out;
}

export function noteView(note: ContactNote): ContactNoteView {
  return { id: note.id, text: note.content, author: note.user ? note.user.available_name || note.user.name : null, createdAt: note.created_at * 1000 };
}

function preview(c: Conversation): string {
  const last = c.messages?.[c.messages.length - 1];
  const line = (last?.content ?? '').split('\n')[0].trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function conversationView(c: Conversation, inboxName: (id: number) => string | undefined): ContactConversationView {
  const at = c.last_activity_at ?? c.timestamp ?? c.created_at;
  return { id: c.id, status: c.status, inboxName: inboxName(c.inbox_id) ?? null, lastActivityAt: at === undefined ? null : at * 1000, preview: preview(c) };
}

/** The Contact view's card: text only, links only where they are openable. */
export function contactCard(s: ContactSources): ContactCard {
  const contact = s.contact;
  const name = contact.name?.trim() || contact.email || contact.phone_number || l10n.t('Contact #{0}', contact.id);
  return {
    conversationId: s.conversation.id,
    contactId: contact.id,
    name,
    avatarUrl: avatarUrl(contact.thumbnail),
    online: s.online ?? null,
    details: details(contact),
    customAttributes: Object.entries(record(contact.custom_attributes)).flatMap(([k, v]) => freeField(humanKey(k), v) ?? []),
    labels: [...s.labels],
    notes: s.notes && s.notes.map(noteView),
    previousConversations: s.conversations && s.conversations.filter((c) => c.id !== s.conversation.id).map((c) => conversationView(c, s.inboxName)),
    conversationInfo: conversationInfo(s.conversation),
    participants: s.participants && s.participants.map((p) => p.available_name || p.name),
  };
}
