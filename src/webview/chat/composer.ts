/**
 * The reply box: a textarea with a Reply / Private note switch, Enter to send (Shift+Enter for a
 * new line), the `/` canned-response picker, and the agent's typing signal, sent when typing
 * starts, refreshed at most every few seconds, and cleared after a pause, on send and on blur.
 */
import type { Draft, WireCannedResponse } from '../../shared/chatProtocol';
import { CannedPicker } from './cannedPicker';
import { h, icon, iconButton } from './dom';
import { substitute, type Variables } from './variables';

export interface ComposerCallbacks {
  send(content: string, isPrivate: boolean): void;
  typing(on: boolean, isPrivate: boolean): void;
  /** Every edit; the app saves it at once and tells the host less often. */
  draftChanged(draft: Draft): void;
}

/** Receivers drop a typing signal after 30 s (API.md §6), so a refresh every 5 s is plenty. */
const TYPING_REFRESH_MS = 5_000;
/** A pause this long counts as having stopped typing. */
const TYPING_IDLE_MS = 4_000;

export class Composer {
  readonly el: HTMLElement;
  private readonly _input: HTMLTextAreaElement;
  private readonly _replyTab: HTMLButtonElement;
  private readonly _noteTab: HTMLButtonElement;
  private readonly _sendButton: HTMLButtonElement;
  private readonly _notice: HTMLElement;
  private readonly _picker: CannedPicker;
  private _private = false;
  private _canReply = true;
  private _vars: Variables = {};
  private _typingOn = false;
  private _typingSentAt = 0;
  private _idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly _callbacks: ComposerCallbacks) {
    this._input = h('textarea', { class: 'composer__input', attrs: { rows: 2, 'aria-label': 'Reply', spellcheck: 'true' } });
    this._picker = new CannedPicker(this._input, (r) => this._insertCanned(r));
    this._replyTab = h('button', { class: 'mode', attrs: { type: 'button', 'aria-pressed': 'true', title: 'Reply to the customer (Alt+L)' } }, icon('reply'), 'Reply');
    this._noteTab = h('button', { class: 'mode mode--note', attrs: { type: 'button', 'aria-pressed': 'false', title: 'Private note, visible to agents only (Alt+P)' } }, icon('lock'), 'Private note');
    this._replyTab.addEventListener('click', () => this._setPrivate(false, true));
    this._noteTab.addEventListener('click', () => this._setPrivate(true, true));
    this._sendButton = iconButton('send', 'Send', { class: 'send-button' });
    this._sendButton.addEventListener('click', () => this._send());
    this._notice = h('div', { class: 'composer__notice', attrs: { hidden: true } });

    this._input.addEventListener('keydown', (e) => this._onKeyDown(e));
    this._input.addEventListener('input', () => this._onInput());
    this._input.addEventListener('blur', () => this._stopTyping());

    this.el = h(
      'form',
      { class: 'composer', attrs: { 'aria-label': 'Reply to the conversation' } },
      this._picker.el,
      this._notice,
      h('div', { class: 'composer__modes', attrs: { role: 'group', 'aria-label': 'Message kind' } }, this._replyTab, this._noteTab),
      h('div', { class: 'composer__box' }, this._input, this._sendButton),
      h('div', { class: 'composer__hint', text: 'Enter to send · Shift+Enter for a new line · / for canned responses' }),
    );
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this._send();
    });
  }

  /** A conversation was opened (or reopened after a reload). */
  load(draft: Draft | null, canReply: boolean, responses: readonly WireCannedResponse[], vars: Variables): void {
    this._stopTyping();
    this._input.value = draft?.text ?? '';
    this._vars = vars;
    this._picker.setResponses(responses);
    this.setCanReply(canReply, draft?.private ?? false);
  }

  setCanReply(canReply: boolean, isPrivate = this._private): void {
    this._canReply = canReply;
    this._replyTab.disabled = !canReply;
    this._notice.hidden = canReply;
    this._notice.textContent = canReply ? '' : "This channel's reply window has closed: only private notes can be added.";
    this._setPrivate(isPrivate || !canReply, false);
  }

  setVariables(vars: Variables): void {
    this._vars = vars;
  }

  focus(): void {
    this._input.focus();
  }

  private _setPrivate(isPrivate: boolean, byUser: boolean): void {
    if (!isPrivate && !this._canReply) return;
    const changed = isPrivate !== this._private;
    if (changed && this._typingOn) this._stopTyping();
    this._private = isPrivate;
    this.el.classList.toggle('composer--note', isPrivate);
    this._replyTab.setAttribute('aria-pressed', String(!isPrivate));
    this._noteTab.setAttribute('aria-pressed', String(isPrivate));
    this._input.placeholder = isPrivate ? 'Private note: only agents see this' : 'Reply to the customer…';
    this._input.setAttribute('aria-label', isPrivate ? 'Private note' : 'Reply');
    this._sendButton.setAttribute('aria-label', isPrivate ? 'Add private note' : 'Send reply');
    this._sendButton.title = isPrivate ? 'Add private note (Enter)' : 'Send reply (Enter)';
    if (byUser) {
      if (changed) this._callbacks.draftChanged(this._draft());
      this._input.focus();
    }
  }

  private _onKeyDown(e: KeyboardEvent): void {
    // Keys that finish an IME composition belong to the IME.
    if (e.isComposing) return;
    if (this._picker.handleKey(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      this._send();
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyP' || e.code === 'KeyL')) {
      e.preventDefault();
      this._setPrivate(e.code === 'KeyP', true);
    }
  }

  private _onInput(): void {
    this._picker.update();
    this._callbacks.draftChanged(this._draft());
    if (!this._input.value.trim()) {
      this._stopTyping();
      return;
    }
    const now = Date.now();
    if (!this._typingOn || now - this._typingSentAt >= TYPING_REFRESH_MS) {
      this._typingOn = true;
      this._typingSentAt = now;
      this._callbacks.typing(true, this._private);
    }
    clearTimeout(this._idleTimer);
    this._idleTimer = setTimeout(() => this._stopTyping(), TYPING_IDLE_MS);
  }

  private _stopTyping(): void {
    clearTimeout(this._idleTimer);
    if (!this._typingOn) return;
    this._typingOn = false;
    this._callbacks.typing(false, this._private);
  }

  private _send(): void {
    const content = this._input.value.trim();
    if (!content) return;
    this._picker.close();
    this._callbacks.send(content, this._private);
    this._input.value = '';
    this._callbacks.draftChanged(this._draft());
    this._stopTyping();
    this._input.focus();
  }

  private _insertCanned(r: WireCannedResponse): void {
    this._input.value = substitute(r.content, this._vars);
    this._input.setSelectionRange(this._input.value.length, this._input.value.length);
    this._onInput();
  }

  private _draft(): Draft {
    return { text: this._input.value, private: this._private };
  }
}
