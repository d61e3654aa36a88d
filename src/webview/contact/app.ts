/**
 * The Contact view: who the customer of the open conversation is, what agents noted about them,
 * their other conversations and what the channel recorded. Everything is text (dom.ts); links
 * are only those the host made (http, https, mailto, tel) and every click goes to the host.
 * Avatars from hosts other than the installation load only after a click, as chat images do.
 */
import * as l10n from '@vscode/l10n';
import type { ContactCard, ContactField, ContactNoteView, FromContactWebview, ToContactWebview } from '../../protocol/contactProtocol';
import { append, h, icon, type Child } from '../chat/dom';
import { fullDateTime, statusLabel } from '../chat/format';
import { isInstallationUrl, safeImageUrl, setInstallation } from '../chat/links';

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

function linkUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return LINK_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export class ContactApp {
  private readonly _body: HTMLElement;
  private readonly _notes: NotesSection;
  private _card: ContactCard | undefined;

  constructor(
    root: HTMLElement,
    private readonly _post: (message: FromContactWebview) => void,
  ) {
    this._body = h('div', { class: 'contact', attrs: { 'aria-live': 'polite' } });
    this._notes = new NotesSection((contactId, content) => this._post({ type: 'addNote', contactId, content }));
    root.replaceChildren(this._body);
    const onClick = (e: MouseEvent) => {
      const a = e.target instanceof Element ? e.target.closest('a') : null;
      if (!a) return;
      // The webview never navigates: the host opens the link, after checking it again.
      e.preventDefault();
      if (e.type === 'auxclick' && e.button !== 1) return;
      const url = linkUrl(a.getAttribute('href'));
      if (url) this._post({ type: 'openLink', url });
    };
    root.addEventListener('click', onClick);
    root.addEventListener('auxclick', onClick);
  }

  handle(m: ToContactWebview): void {
    switch (m.type) {
      case 'show':
        setInstallation(m.baseUrl);
        this._card = m.card;
        this._render(m.card);
        return;
      case 'loading':
        this._card = undefined;
        this._body.replaceChildren(h('p', { class: 'contact__hint', text: l10n.t('Loading the customer of #{0}…', m.conversationId) }));
        return;
      case 'empty': {
        this._card = undefined;
        const retry = m.retry ? h('button', { class: 'button', text: l10n.t('Retry'), attrs: { type: 'button' } }) : null;
        retry?.addEventListener('click', () => this._post({ type: 'refresh' }));
        this._body.replaceChildren();
        append(this._body, [h('p', { class: 'contact__hint', text: m.text }), retry]);
        return;
      }
      case 'noteAdded':
        if (this._card?.contactId !== m.contactId) return;
        if (m.note) this._card = { ...this._card, notes: [m.note, ...(this._card.notes ?? []).filter((n) => n.id !== m.note?.id)] };
        this._notes.added(m.note, m.error);
        return;
    }
  }

  private _render(c: ContactCard): void {
    this._notes.show(c);
    this._body.replaceChildren();
    append(
      this._body,
      [this._header(c),
      section(l10n.t('Details'), c.details.length ? fields(c.details) : hint(l10n.t('No e-mail, phone or company on record.'))),
      c.customAttributes.length ? section(l10n.t('Attributes'), fields(c.customAttributes)) : null,
      section(l10n.t('Labels'), c.labels.length ? h('ul', { class: 'contact__labels' }, ...c.labels.map((l) => h('li', { class: 'contact__label', text: l }))) : hint(l10n.t('No labels.'))),
      section(
        l10n.t('This conversation'),
        c.conversationInfo.length ? fields(c.conversationInfo) : null,
        fields([{ label: l10n.t('Participants'), value: c.participants === null ? l10n.t('Could not be loaded') : c.participants.join(', ') || l10n.t('None') }], 'contact__participants'),
      ),
      section(l10n.t('Previous conversations'), this._conversations(c)),
      this._notes.el],
    );
  }

  private _header(c: ContactCard): HTMLElement {
    const presence =
      c.online === null
        ? null
        : h('span', { class: `contact__presence${c.online ? ' contact__presence--online' : ''}` }, icon(c.online ? 'circle-filled' : 'circle-outline'), c.online ? l10n.t('Online') : l10n.t('Offline'));
    return h('header', { class: 'contact__header' }, avatar(c), h('div', { class: 'contact__who' }, h('h1', { class: 'contact__name', text: c.name, attrs: { title: c.name } }), presence));
  }

  private _conversations(c: ContactCard): Child {
    if (c.previousConversations === null) return hint(l10n.t('Could not be loaded.'));
    if (!c.previousConversations.length) return hint(l10n.t('No other conversations.'));
    return h(
      'ul',
      { class: 'contact__conversations' },
      ...c.previousConversations.map((p) => {
        const b = h(
          'button',
          { class: 'contact__conversation', attrs: { type: 'button', 'data-conversation-id': p.id, title: l10n.t('Open conversation #{0}', p.id) } },
          h('span', { class: 'contact__conversation-title', text: [`#${p.id}`, statusLabel(p.status), p.inboxName].filter(Boolean).join(' · ') }),
          p.lastActivityAt ? h('span', { class: 'contact__muted', text: fullDateTime(p.lastActivityAt) }) : null,
          p.preview ? h('span', { class: 'contact__preview', text: p.preview }) : null,
        );
        b.addEventListener('click', () => this._post({ type: 'openConversation', conversationId: p.id }));
        return h('li', {}, b);
      }),
    );
  }
}

/** The notes: the list and the input to add one. The input is kept across renders of the same contact. */
class NotesSection {
  readonly el: HTMLElement;
  private readonly _list: HTMLElement;
  private readonly _input: HTMLTextAreaElement;
  private readonly _button: HTMLButtonElement;
  private readonly _error: HTMLElement;
  private _contactId: number | undefined;

  constructor(add: (contactId: number, content: string) => void) {
    this._input = h('textarea', { class: 'contact__note-input', attrs: { rows: 3, placeholder: l10n.t('Add a note about this customer'), 'aria-label': l10n.t('New note') } });
    this._button = h('button', { class: 'button', text: l10n.t('Add note'), attrs: { type: 'submit' } });
    this._error = h('p', { class: 'contact__error', attrs: { role: 'alert', hidden: true } });
    this._list = h('ul', { class: 'contact__notes' });
    const form = h('form', { class: 'contact__note-form' }, this._input, h('div', { class: 'contact__note-actions' }, this._button), this._error);
    const submit = () => {
      const content = this._input.value;
      if (!content.trim() || this._contactId === undefined || this._button.disabled) return;
      this._button.disabled = true;
      this._error.hidden = true;
      add(this._contactId, content);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
    });
    this._input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
      }
    });
    this.el = section(l10n.t('Notes'), form, this._list);
  }

  show(c: ContactCard): void {
    if (c.contactId !== this._contactId) {
      this._input.value = '';
      this._button.disabled = false;
      this._error.hidden = true;
    }
    this._contactId = c.contactId;
    this._list.replaceChildren(...(c.notes === null ? [h('li', { class: 'contact__hint', text: l10n.t('Notes could not be loaded.') })] : c.notes.map(noteItem)));
  }

  added(note: ContactNoteView | undefined, error: string | undefined): void {
    this._button.disabled = false;
    if (note) {
      this._input.value = '';
      this._list.querySelector(`[data-note-id="${note.id}"]`)?.remove();
      this._list.querySelector('.contact__hint')?.remove();
      this._list.prepend(noteItem(note));
    } else {
      this._error.textContent = error ? l10n.t('The note was not added: {0}', error) : l10n.t('The note was not added: unknown error');
      this._error.hidden = false;
    }
  }
}

function noteItem(n: ContactNoteView): HTMLElement {
  return h(
    'li',
    { class: 'contact__note', attrs: { 'data-note-id': n.id } },
    h('div', { class: 'contact__note-text', text: n.text }),
    h('div', { class: 'contact__muted', text: [n.author ?? l10n.t('A former agent'), fullDateTime(n.createdAt)].join(' · ') }),
  );
}

function avatar(c: ContactCard): HTMLElement {
  const initial = h('span', { class: 'contact__avatar contact__avatar--initial', text: (c.name.trim()[0] ?? '?').toUpperCase(), attrs: { 'aria-hidden': 'true' } });
  // The host sends https URLs only; checked again, since a bad one must not break the view.
  const src = safeImageUrl(c.avatarUrl);
  if (!src) return initial;
  const image = () => h('img', { class: 'contact__avatar', attrs: { src, alt: '', width: 48, height: 48 } });
  if (isInstallationUrl(src)) return image();
  // Another host (Gravatar, a social network): nothing is requested until the agent asks.
  const host = new URL(src).host;
  const button = h('button', { class: 'contact__avatar-load', attrs: { type: 'button', title: l10n.t('Load the picture from {0}, outside your Chatwoot installation', host), 'aria-label': l10n.t('Load picture from {0}', host) } }, initial);
  button.addEventListener('click', () => button.replaceWith(image()), { once: true });
  return button;
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'contact__section' }, h('h2', { class: 'contact__heading', text: title }), ...children);
}

function hint(text: string): HTMLElement {
  return h('p', { class: 'contact__hint', text });
}

function fields(list: readonly ContactField[], extraClass = ''): HTMLElement {
  return h(
    'dl',
    { class: `contact__fields${extraClass ? ` ${extraClass}` : ''}` },
    ...list.flatMap((f) => {
      const link = linkUrl(f.link);
      return [h('dt', { text: f.label }), h('dd', {}, link ? h('a', { text: f.value, attrs: { href: link, title: link } }) : f.value)];
    }),
  );
}
