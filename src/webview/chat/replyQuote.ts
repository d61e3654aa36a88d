/**
 * Replies that quote another message: Chatwoot keeps the quoted message's id in
 * `content_attributes.in_reply_to` (Chatwoot: app/builders/messages/message_builder.rb). The
 * quote above such a bubble names the quoted sender and the start of its text; clicking it
 * scrolls to the quoted message (the list decides how). Everything is text, never markup.
 */
import * as l10n from '@vscode/l10n';
import type { WireMessage } from '../../protocol/chatProtocol';
import { h, icon } from './dom';
import { senderName } from './messageView';

const EXCERPT_CHARS = 140;

/** The id this message replies to, if any. */
export function inReplyToOf(m: WireMessage): number | null {
  const v = m.content_attributes?.in_reply_to;
  const id = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** One line of a message's text: mentions as `@Name`, Markdown links as their text, whitespace collapsed. */
export function excerpt(m: WireMessage): string {
  const text = (m.content ?? '')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/[*_~`>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return m.attachments?.length ? l10n.t('Attachment') : l10n.t('(no text)');
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

/** The quote above a reply's text; `target` undefined while the quoted message is not loaded. */
export function renderQuote(id: number, target: WireMessage | undefined): HTMLElement {
  const el = h(
    'button',
    { class: 'msg__quote', attrs: { type: 'button', 'data-reply-to': id } },
    icon('reply'),
    h('span', { class: 'msg__quote-sender' }),
    h('span', { class: 'msg__quote-text' }),
  );
  fillQuote(el, target);
  return el;
}

/** Brings a quote up to date once its message has arrived (an older page, say). */
export function fillQuote(el: HTMLElement, target: WireMessage | undefined): void {
  const sender = el.querySelector('.msg__quote-sender');
  const text = el.querySelector('.msg__quote-text');
  if (!sender || !text) return;
  el.classList.toggle('msg__quote--missing', !target);
  if (target) {
    const name = senderName(target);
    sender.textContent = name;
    text.textContent = excerpt(target);
    el.title = l10n.t('Show the message from {0} this replies to', name);
    el.setAttribute('aria-label', l10n.t('In reply to {0}: {1}', name, excerpt(target)));
  } else {
    sender.textContent = '';
    text.textContent = l10n.t('A message that is not loaded');
    el.title = l10n.t('The quoted message is older than those loaded: click to load older messages');
    el.setAttribute('aria-label', l10n.t('In reply to a message that is not loaded'));
  }
}
