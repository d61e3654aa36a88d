/**
 * The "Replying to …" line above the composer while the agent's next message quotes another.
 * Escape in the composer or the close button drops the quote; sending carries its id.
 */
import * as l10n from '@vscode/l10n';
import type { WireMessage } from '../../protocol/chatProtocol';
import { h, icon, iconButton } from './dom';
import { senderName } from './messageView';
import { excerpt } from './replyQuote';

export class ReplyBar {
  readonly el: HTMLElement;
  private readonly _text: HTMLElement;
  private _target: number | null = null;

  constructor(onCancel: () => void) {
    this._text = h('span', { class: 'reply-bar__text' });
    const cancel = iconButton('close', l10n.t('Cancel the reply to this message (Escape)'), { class: 'reply-bar__cancel' });
    cancel.addEventListener('click', () => {
      this.set(null);
      onCancel();
    });
    this.el = h('div', { class: 'reply-bar', attrs: { hidden: true, role: 'status' } }, icon('reply'), this._text, cancel);
  }

  /** The quoted message's id, or undefined when the next message quotes nothing. */
  get target(): number | undefined {
    return this._target ?? undefined;
  }

  set(m: WireMessage | null): void {
    this._target = m?.id ?? null;
    this.el.hidden = !m;
    this._text.textContent = m ? l10n.t('Replying to {0}: {1}', senderName(m), excerpt(m)) : '';
  }
}
