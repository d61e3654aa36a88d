/**
 * What an e-mail message shows besides its text: the address lines and, folded away, the quoted
 * earlier mail. Incoming mail carries them in `content_attributes.email` (Chatwoot's MailPresenter:
 * `from`, `to`, `cc`, `bcc` as arrays, `text_content.{full, reply, quoted}`); an agent's e-mail
 * reply carries `cc_emails`, `bcc_emails` and `to_emails` (Chatwoot:
 * app/builders/messages/message_builder.rb). Everything is shown as text.
 */
import * as l10n from '@vscode/l10n';
import { h, icon } from './dom';
import { renderPlainText } from './markdown';
import { isRecord } from './persistedState';

/** Labels are functions: a translation is looked up when the line is drawn. */
const LINES: readonly (readonly [label: () => string, emailKey: string, replyKey: string])[] = [
  [() => l10n.t('From:'), 'from', ''],
  [() => l10n.t('To:'), 'to', 'to_emails'],
  [() => l10n.t('Cc:'), 'cc', 'cc_emails'],
  [() => l10n.t('Bcc:'), 'bcc', 'bcc_emails'],
];

function addresses(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (!Array.isArray(v)) return '';
  return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(', ');
}

/** The From / To / Cc / Bcc lines present on the message, or null when it has none. */
export function emailHeaders(attrs: Readonly<Record<string, unknown>>): HTMLElement | null {
  const email = isRecord(attrs.email) ? attrs.email : {};
  const rows: HTMLElement[] = [];
  for (const [label, emailKey, replyKey] of LINES) {
    const value = addresses(email[emailKey]) || (replyKey ? addresses(attrs[replyKey]) : '');
    if (value) rows.push(h('div', { class: 'msg__email-line' }, h('dt', { text: label() }), h('dd', { text: value })));
  }
  return rows.length ? h('dl', { class: 'msg__email-headers' }, ...rows) : null;
}

/**
 * The mail's own text and, when Chatwoot split off a quoted part, that part folded behind a
 * button. Plain text only: the HTML part is never rendered.
 */
export function emailBody(email: Readonly<Record<string, unknown>> | null, fallback: string): HTMLElement[] {
  const text = email && isRecord(email.text_content) ? email.text_content : {};
  const full = typeof text.full === 'string' ? text.full : '';
  const reply = typeof text.reply === 'string' && text.reply.trim() ? text.reply : '';
  let quoted = typeof text.quoted === 'string' ? text.quoted : '';
  if (!quoted && reply && full.startsWith(reply)) quoted = full.slice(reply.length);
  const own = (reply || full || fallback).trim();
  const out: HTMLElement[] = [];
  if (own) out.push(h('div', { class: 'msg__content msg__content--plain' }, renderPlainText(own)));
  if (reply && quoted.trim()) {
    const body = h('div', { class: 'msg__email-quoted', attrs: { hidden: true } }, renderPlainText(quoted.trim()));
    const toggle = h('button', { class: 'text-button msg__email-toggle', attrs: { type: 'button', 'aria-expanded': 'false' } }, icon('ellipsis'), l10n.t('Show quoted text'));
    toggle.addEventListener('click', () => {
      body.hidden = !body.hidden;
      toggle.setAttribute('aria-expanded', String(!body.hidden));
      toggle.replaceChildren(icon('ellipsis'), body.hidden ? l10n.t('Show quoted text') : l10n.t('Hide quoted text'));
    });
    out.push(toggle, body);
  }
  return out;
}
