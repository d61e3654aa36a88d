/**
 * Renders one entry of the message list: a Chatwoot message (incoming, outgoing, private note,
 * activity line, deleted placeholder, e-mail) or one of the agent's own unsent replies.
 * Pure DOM construction; the list decides order, grouping and scrolling.
 */
import * as l10n from '@vscode/l10n';
import type { OutboxItem, WireAttachment, WireMessage } from '../../protocol/chatProtocol';
import { append, h, icon, iconButton, type Child } from './dom';
import { fileNameFromUrl, fileSize, fullDateTime, timeLabel } from './format';
import { emailBody, emailHeaders } from './emailView';
import { isInstallationUrl, safeImageUrl, safeLinkUrl } from './links';
import { renderMarkdown } from './markdown';
import { isRecord } from './persistedState';

export interface BubbleActions {
  retrySend(echoId: string): void;
  discard(echoId: string): void;
  retryMessage(messageId: number): void;
  /** "Save As…" on a received file (the host asks where and downloads it). */
  saveAttachment?(url: string, name: string): void;
}

/** `message_type` values (docs/chatwoot-rest.md §3). */
const INCOMING = 0;
const ACTIVITY = 2;
const TEMPLATE = 3;

export type Side = 'in' | 'out' | 'note' | 'activity';

export function sideOf(m: WireMessage): Side {
  if (m.message_type === ACTIVITY) return 'activity';
  if (m.private) return 'note';
  return m.message_type === INCOMING ? 'in' : 'out';
}

export function senderName(m: WireMessage): string {
  const s = m.sender;
  const name = s?.available_name || s?.name;
  if (name) return name;
  // Templates with no sender (the widget's "Get notified by email" form, …) come from Chatwoot itself.
  if (m.sender_type === 'AgentBot' || m.sender_type === 'Captain::Assistant' || m.message_type === TEMPLATE) return l10n.t('Bot');
  return m.message_type === INCOMING ? l10n.t({ message: 'Contact', comment: ['Who sent a message, when the customer has no name'] }) : l10n.t('Agent');
}

/**
 * Rows are cloned from skeletons built once per kind: a conversation opens with up to a thousand
 * of them at once, and cloning a row's fixed nodes costs a fraction of creating them and setting
 * their classes one by one. Only what varies (text, ids, content) is filled in.
 */
const skeletons = new Map<string, HTMLElement>();

function cloneOf(kind: string, build: () => HTMLElement): HTMLElement {
  let skeleton = skeletons.get(kind);
  if (!skeleton) skeletons.set(kind, (skeleton = build()));
  return skeleton.cloneNode(true) as HTMLElement;
}

/** A cloned `<time>`: its label and machine-readable date. */
function fillTime(t: HTMLTimeElement, ms: number, label: string): void {
  t.textContent = label;
  t.dateTime = new Date(ms).toISOString();
}

export function renderMessage(m: WireMessage, actions: BubbleActions): HTMLElement {
  const at = m.created_at * 1000;
  const time = timeLabel(at);
  const side = sideOf(m);
  if (side === 'activity') {
    const row = cloneOf('activity', () => h('div', { class: 'activity', attrs: { role: 'note' } }, h('span', { class: 'activity__text' }), timeEl(0, '')));
    row.setAttribute('data-id', String(m.id));
    (row.firstChild as HTMLElement).textContent = m.content ?? '';
    fillTime(row.lastChild as HTMLTimeElement, at, time);
    return row;
  }
  const attrs = m.content_attributes ?? {};
  const deleted = attrs.deleted === true || attrs.deleted === 'true';
  const name = senderName(m);
  const failed = m.status === 'failed' && side === 'out';
  const el = cloneOf(`${side}${deleted ? '-deleted' : ''}`, () =>
    h(
      'article',
      { class: `msg msg--${side}${deleted ? ' msg--deleted' : ''}` },
      h('div', { class: 'msg__sender' }),
      h(
        'div',
        { class: 'msg__bubble' },
        side === 'note' ? h('div', { class: 'msg__note-label' }, icon('lock'), l10n.t('Private note')) : null,
        deleted ? h('div', { class: 'msg__deleted' }, icon('trash'), l10n.t('This message was deleted')) : null,
        h('div', { class: 'msg__footer' }, timeEl(0, '')),
      ),
    ),
  );
  if (failed) el.classList.add('msg--failed');
  el.setAttribute('data-id', String(m.id));
  el.setAttribute('aria-label', side === 'note' ? l10n.t('Private note from {0}, {1}', name, time) : `${name}, ${time}`);
  (el.firstChild as HTMLElement).textContent = name;
  const bubble = el.lastChild as HTMLElement;
  const footer = bubble.lastChild as HTMLElement;
  if (!deleted) {
    const body = document.createDocumentFragment();
    append(body, [...content(m), ...attachments(m.attachments ?? [], actions)]);
    bubble.insertBefore(body, footer);
  }
  fillTime(footer.firstChild as HTMLTimeElement, at, time);
  if (side === 'out') {
    const status = statusEl(m.status);
    if (status) footer.appendChild(status);
  }
  if (failed) {
    const error = typeof attrs.external_error === 'string' && attrs.external_error ? attrs.external_error : l10n.t('The message could not be delivered.');
    const retry = iconButton('refresh', l10n.t('Retry sending'), { text: l10n.t('Retry'), class: 'text-button' });
    retry.addEventListener('click', () => {
      // Until Chatwoot reports the new attempt (the message is re-rendered then), one retry is enough.
      retry.disabled = true;
      actions.retryMessage(m.id);
    });
    el.append(h('div', { class: 'msg__error', attrs: { role: 'alert' } }, icon('error'), error), h('div', { class: 'msg__actions' }, retry));
  }
  return el;
}

/** What a pending bubble says: on its way, waiting for the connection, or refused. */
function pendingStatus(state: 'sending' | 'queued' | 'failed'): { icon: string; text: string; label: string } {
  switch (state) {
    case 'sending':
      return { icon: 'clock', text: l10n.t('Sending…'), label: l10n.t('sending') };
    case 'queued':
      return { icon: 'cloud-upload', text: l10n.t('Queued — will send when connected'), label: l10n.t('queued, will send when connected') };
    case 'failed':
      return { icon: 'error', text: l10n.t('Not sent'), label: l10n.t('not sent') };
  }
}

/** The agent's own reply, before Chatwoot confirms it (sending, or queued while offline) or after it failed. */
export function renderPending(item: OutboxItem, senderLabel: string, actions: BubbleActions): HTMLElement {
  const side: Side = item.private ? 'note' : 'out';
  const failed = !!item.error;
  const state = failed ? 'failed' : item.queued ? 'queued' : 'sending';
  const status = pendingStatus(state);
  const bubble = h('div', { class: 'msg__bubble' });
  if (item.private) bubble.append(h('div', { class: 'msg__note-label' }, icon('lock'), l10n.t('Private note')));
  const files = item.attachments ?? [];
  bubble.append(
    item.content ? h('div', { class: 'msg__content' }, renderMarkdown(item.content)) : '',
    files.length
      ? h(
          'div',
          { class: 'msg__attachments' },
          ...files.map((f) => h('span', { class: 'att att--file' }, icon(f.mimeType.startsWith('image/') ? 'file-media' : 'file'), h('span', { class: 'att__name', text: f.name }), h('span', { class: 'att__size', text: fileSize(f.size) }))),
          state === 'sending' ? h('progress', { class: 'msg__progress', attrs: { max: 1, value: 0, 'aria-label': l10n.t('Upload progress') } }) : null,
        )
      : '',
    h(
      'div',
      { class: 'msg__footer' },
      timeEl(item.createdAt),
      h('span', { class: `msg__status msg__status--${state}`, attrs: { title: status.text } }, icon(status.icon), status.text),
    ),
  );
  const el = h(
    'article',
    { class: `msg msg--${side} msg--pending msg--${state}`, attrs: { 'data-echo-id': item.echoId, 'aria-label': `${senderLabel}, ${status.label}` } },
    h('div', { class: 'msg__sender', text: senderLabel }),
    bubble,
  );
  if (failed) {
    const retry = iconButton('refresh', l10n.t('Retry sending'), { text: l10n.t('Retry'), class: 'text-button' });
    retry.addEventListener('click', () => actions.retrySend(item.echoId));
    const discard = iconButton('trash', l10n.t('Discard this reply'), { text: l10n.t('Discard'), class: 'text-button text-button--secondary' });
    discard.addEventListener('click', () => actions.discard(item.echoId));
    el.append(h('div', { class: 'msg__error', attrs: { role: 'alert' } }, icon('error'), item.error ?? ''), h('div', { class: 'msg__actions' }, retry, discard));
  } else if (state === 'queued') {
    // Nothing to retry: the host sends it when the connection returns. The agent may drop it.
    const discard = iconButton('trash', l10n.t('Discard this reply'), { text: l10n.t('Discard'), class: 'text-button text-button--secondary' });
    discard.addEventListener('click', () => actions.discard(item.echoId));
    el.append(h('div', { class: 'msg__actions' }, discard));
  }
  return el;
}

function content(m: WireMessage): Child[] {
  const attrs = m.content_attributes ?? {};
  const email = isRecord(attrs.email) ? attrs.email : null;
  if (m.content_type === 'incoming_email' || (email && m.message_type === INCOMING)) {
    // E-mail bodies are plain text here: the HTML part is never rendered.
    const subject = email && typeof email.subject === 'string' ? email.subject : null;
    return [subject ? h('div', { class: 'msg__email-subject' }, icon('mail'), subject) : null, emailHeaders(attrs), ...emailBody(email, m.content ?? '')];
  }
  // An agent's e-mail reply: its address lines above its (Markdown) text.
  const headers = m.message_type === INCOMING ? null : emailHeaders(attrs);
  if (headers) return [headers, ...content({ ...m, content_attributes: {} })];
  if (!m.content) return [];
  return [h('div', { class: 'msg__content' }, renderMarkdown(m.content))];
}

function attachments(list: readonly WireAttachment[], actions: BubbleActions): Child[] {
  if (!list.length) return [];
  return [h('div', { class: 'msg__attachments' }, ...list.map((a) => attachment(a, actions)))];
}

function attachment(a: WireAttachment, actions: BubbleActions): HTMLElement {
  switch (a.file_type) {
    case 'image':
      return image(a) ?? fileRow(a, actions);
    case 'audio':
    case 'video':
      return media(a, a.file_type, actions);
    case 'location':
      return location(a);
    case 'contact':
      return contactCard(a);
    default:
      return fileRow(a, actions);
  }
}

function nameOf(a: WireAttachment): string {
  return a.fallback_title || fileNameFromUrl(a.data_url) || l10n.t('{0} attachment', a.file_type);
}

/**
 * Something from another host is requested only after the agent asks for this one item: the
 * host would learn the agent's address and when they read the conversation (links.ts).
 */
function loadOnClick(src: string, what: 'image' | 'audio' | 'video', name: string, show: () => HTMLElement): HTMLElement {
  if (isInstallationUrl(src)) return show();
  const host = new URL(src).host;
  const title =
    what === 'image'
      ? l10n.t('{0}: an image from {1}, outside your Chatwoot installation', name, host)
      : what === 'audio'
        ? l10n.t('{0}: an audio file from {1}, outside your Chatwoot installation', name, host)
        : l10n.t('{0}: a video file from {1}, outside your Chatwoot installation', name, host);
  const text = what === 'image' ? l10n.t('Load image from {0}', host) : what === 'audio' ? l10n.t('Load audio from {0}', host) : l10n.t('Load video from {0}', host);
  const placeholder = h('button', { class: 'att att--file att--blocked', attrs: { type: 'button', title } }, icon(what === 'image' ? 'file-media' : 'play'), h('span', { class: 'att__name', text }));
  placeholder.addEventListener('click', () => placeholder.replaceWith(show()), { once: true });
  return placeholder;
}

function image(a: WireAttachment): HTMLElement | null {
  const href = safeLinkUrl(a.data_url);
  const src = safeImageUrl(a.thumb_url) ?? safeImageUrl(a.data_url);
  if (!src) return null;
  const name = nameOf(a);
  const img = () => h('img', { attrs: { src, alt: name, loading: 'lazy', width: a.width ?? null, height: a.height ?? null } });
  return loadOnClick(src, 'image', name, () => (href ? h('a', { class: 'att att--image', attrs: { href, title: l10n.t('Open {0}', name) } }, img()) : h('span', { class: 'att att--image' }, img())));
}

/** Audio and video play in the chat (the CSP's media-src); the file row below names and saves it. */
function media(a: WireAttachment, kind: 'audio' | 'video', actions: BubbleActions): HTMLElement {
  const src = safeImageUrl(a.data_url);
  const row = fileRow(a, actions);
  if (!src) return row;
  const name = nameOf(a);
  const player = () => h(kind, { class: `att__player att__player--${kind}`, attrs: { src, controls: true, preload: 'metadata', 'aria-label': name } });
  return h('div', { class: `att att--${kind}` }, loadOnClick(src, kind, name, player), row);
}

/** A shared location: its name, its coordinates, and a link to a map. */
function location(a: WireAttachment): HTMLElement {
  const lat = typeof a.coordinates_lat === 'number' ? a.coordinates_lat : null;
  const long = typeof a.coordinates_long === 'number' ? a.coordinates_long : null;
  const where = lat !== null && long !== null && (lat !== 0 || long !== 0) ? `${lat.toFixed(5)}, ${long.toFixed(5)}` : '';
  const href = safeLinkUrl(a.data_url) ?? (where ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${long}#map=16/${lat}/${long}` : null);
  return h(
    'div',
    { class: 'att att--location' },
    icon('location'),
    h('span', { class: 'att__name', text: a.fallback_title || l10n.t('Shared location') }),
    where ? h('span', { class: 'att__size', text: where }) : null,
    href ? h('a', { class: 'att__link', attrs: { href, title: l10n.t('Open the map in your browser') } }, l10n.t('Open map')) : null,
  );
}

/** A shared contact card: Chatwoot gives its phone number as `fallback_title` and names in `meta`. */
function contactCard(a: WireAttachment): HTMLElement {
  const meta = a.meta ?? {};
  const text = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : '');
  const name = [text('firstName') || text('first_name'), text('lastName') || text('last_name')].filter(Boolean).join(' ') || text('name');
  const phone = a.fallback_title ?? '';
  const email = text('email');
  const mail = email ? safeLinkUrl(`mailto:${email}`) : null;
  return h(
    'div',
    { class: 'att att--contact' },
    icon('person'),
    h('span', { class: 'att__name', text: name || phone ? l10n.t('Contact: {0}', name || phone) : l10n.t('Contact: unnamed') }),
    name && phone ? h('span', { class: 'att__size', text: phone }) : null,
    mail ? h('a', { class: 'att__link', attrs: { href: mail, title: l10n.t('Write to {0}', email) } }, email) : null,
  );
}

/** Any other file: its name (opens it in the browser), its size, and Save As…. */
function fileRow(a: WireAttachment, actions: BubbleActions): HTMLElement {
  const href = safeLinkUrl(a.data_url);
  const name = nameOf(a);
  const size = fileSize(a.file_size);
  const children: Child[] = [icon(a.file_type === 'image' ? 'file-media' : 'file'), h('span', { class: 'att__name', text: name }), size ? h('span', { class: 'att__size', text: size }) : null];
  const link = href ? h('a', { class: 'att att--file', attrs: { href, title: l10n.t('Open {0}', name) } }, ...children) : h('span', { class: 'att att--file' }, ...children);
  const save = actions.saveAttachment;
  if (!href || !save || !/^https?:/.test(href)) return link;
  const button = iconButton('save-as', l10n.t('Save {0} as…', name), { class: 'icon-button att__save' });
  button.addEventListener('click', () => save(href, name));
  return h('div', { class: 'att__row' }, link, button);
}

/** The full date is the tooltip; it is filled in when first hovered or focused (see fillTimeTitle). */
function timeEl(ms: number, label = timeLabel(ms)): HTMLElement {
  return h('time', { class: 'msg__time', text: label, attrs: { datetime: new Date(ms).toISOString() } });
}

/**
 * Gives a `<time>` its full-date tooltip the first time the pointer or focus reaches it. Formatting
 * it for every message up front was a large part of rendering a long conversation.
 */
export function fillTimeTitle(target: EventTarget | null): void {
  const t = target instanceof Element ? target.closest('time') : null;
  if (!t || t.title) return;
  const ms = Date.parse(t.dateTime);
  if (Number.isFinite(ms)) t.title = fullDateTime(ms);
}

/** A sent message's delivery status (Chatwoot's four); null for anything else. */
function deliveryStatus(status: string | null | undefined): { icon: string; label: string } | null {
  switch (status) {
    case 'sent':
      return { icon: 'check', label: l10n.t('Sent') };
    case 'delivered':
      return { icon: 'check-all', label: l10n.t('Delivered') };
    case 'read':
      return { icon: 'check-all', label: l10n.t({ message: 'Read', comment: ['A message status: the customer has read it'] }) };
    case 'failed':
      return { icon: 'error', label: l10n.t('Failed') };
    default:
      return null;
  }
}

function statusEl(status: string | null | undefined): HTMLElement | null {
  const s = deliveryStatus(status);
  if (!s || !status) return null;
  // The label is for screen readers and tooltips; sighted readers get the tick icons.
  return cloneOf(`status-${status}`, () => h('span', { class: `msg__status msg__status--${status}`, attrs: { title: s.label } }, icon(s.icon), h('span', { class: 'sr-only', text: s.label })));
}
