/**
 * Cc and Bcc of an e-mail reply. Chatwoot takes each as one comma-separated string
 * (`cc_emails`, `bcc_emails`), removes whitespace, splits on commas and refuses the message if
 * any address fails Ruby's `URI::MailTo::EMAIL_REGEXP`; the same check runs here first so a typo
 * is shown before sending rather than as a failed reply.
 * Chatwoot: app/builders/messages/message_builder.rb (`process_emails`).
 */
import * as l10n from '@vscode/l10n';
import { h } from './dom';

/** Ruby's URI::MailTo::EMAIL_REGEXP. */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** The addresses as Chatwoot will read them, or the first one it would refuse. */
export function parseAddresses(raw: string): { readonly list: string[] } | { readonly invalid: string } {
  const list = raw.replace(/\s+/g, '').split(',').filter(Boolean);
  const invalid = list.find((a) => !EMAIL.test(a));
  return invalid === undefined ? { list } : { invalid };
}

export class EmailFields {
  readonly el: HTMLElement;
  private readonly _cc: HTMLInputElement;
  private readonly _bcc: HTMLInputElement;
  private readonly _error: HTMLElement;

  constructor() {
    const field = (label: string) => h('input', { attrs: { type: 'text', 'aria-label': label, placeholder: l10n.t('name@example.com, …'), spellcheck: 'false', autocomplete: 'off' } });
    this._cc = field(l10n.t('Cc'));
    this._bcc = field(l10n.t('Bcc'));
    this._error = h('div', { class: 'composer__email-error', attrs: { role: 'alert', hidden: true } });
    this.el = h(
      'div',
      { class: 'composer__email', attrs: { hidden: true, role: 'group', 'aria-label': l10n.t('E-mail recipients') } },
      h('span', { text: l10n.t('Cc') }),
      this._cc,
      h('span', { text: l10n.t('Bcc') }),
      this._bcc,
      this._error,
    );
  }

  setVisible(visible: boolean): void {
    this.el.hidden = !visible;
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  /** What to send, or null (with the reason shown) when an address would be refused. */
  values(): { ccEmails?: string; bccEmails?: string } | null {
    const out: { ccEmails?: string; bccEmails?: string } = {};
    for (const [input, key, label] of [
      [this._cc, 'ccEmails', l10n.t('Cc')],
      [this._bcc, 'bccEmails', l10n.t('Bcc')],
    ] as const) {
      const parsed = parseAddresses(input.value);
      if ('invalid' in parsed) {
        this._error.textContent = l10n.t('{0}: “{1}” is not an e-mail address.', label, parsed.invalid);
        this._error.hidden = false;
        input.focus();
        return null;
      }
      if (parsed.list.length) out[key] = parsed.list.join(',');
    }
    this._error.hidden = true;
    return out;
  }

  clear(): void {
    this._cc.value = '';
    this._bcc.value = '';
    this._error.hidden = true;
  }
}
