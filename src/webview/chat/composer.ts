/**
 * The reply box: a textarea with a Reply / Private note switch (VS Code's Alt+P toggles it), Enter to send
 * and Shift+Enter for a new line (or, with `chatwoot.chat.sendOnEnter` off, Enter for a new line
 * and Ctrl/Cmd+Enter to send), the `/` canned-response picker, and the agent's typing signal, sent
 * when typing starts, refreshed at most every few seconds, and cleared after a pause, on send and
 * on blur.
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
  /** Whether files are attached: then a reply may go without text. */
  hasAttachments?(): boolean;
}

/** Receivers drop a typing signal after 30 s (docs/chatwoot-rest.md §6), so a refresh every 5 s is plenty. */
const TYPING_REFRESH_MS = 5_000;
/** A pause this long counts as having stopped typing. */
const TYPING_IDLE_MS = 4_000;

const MAC = /Mac|iPhone|iPad/.test(navigator.platform);
/**
 * Reply / Private note. Not Ctrl/Cmd+Shift+P (VS Code's command palette) nor an Alt+letter that
 * opens a menu (File, Edit, Selection, View, Go, Run, Terminal, Help); VS Code binds no Alt+P.
 * Matched by `code`, as Option+P on macOS types "π".
 */
const TOGGLE_KEY = { code: 'KeyP', label: MAC ? 'Option+P' : 'Alt+P', aria: 'Alt+P' };
const SEND_MOD = MAC ? { label: 'Cmd', aria: 'Meta' } : { label: 'Ctrl', aria: 'Control' };

export class Composer {
  readonly el: HTMLElement;
  private readonly _input: HTMLTextAreaElement;
  private readonly _replyTab: HTMLButtonElement;
  private readonly _noteTab: HTMLButtonElement;
  private readonly _sendButton: HTMLButtonElement;
  private readonly _notice: HTMLElement;
  private readonly _picker: CannedPicker;
  private readonly _hint: HTMLElement;
  private readonly _box: HTMLElement;
  private _private = false;
  private _canReply = true;
  private _sendOnEnter = true;
  private _vars: Variables = {};
  private _typingOn = false;
  private _typingSentAt = 0;
  private _idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly _callbacks: ComposerCallbacks) {
    this._input = h('textarea', { class: 'composer__input', attrs: { rows: 1, 'aria-label': 'Reply', spellcheck: 'true' } });
    this._picker = new CannedPicker(this._input, (r) => this._insertCanned(r));
    const toggle = { 'aria-keyshortcuts': TOGGLE_KEY.aria };
    this._replyTab = h('button', { class: 'mode', attrs: { type: 'button', 'aria-pressed': 'true', title: `Reply to the customer (${TOGGLE_KEY.label} switches)`, ...toggle } }, icon('reply'), 'Reply');
    this._noteTab = h('button', { class: 'mode mode--note', attrs: { type: 'button', 'aria-pressed': 'false', title: `Private note, visible to agents only (${TOGGLE_KEY.label} switches)`, ...toggle } }, icon('lock'), 'Private note');
    this._replyTab.addEventListener('click', () => this._setPrivate(false, true));
    this._noteTab.addEventListener('click', () => this._setPrivate(true, true));
    this._sendButton = iconButton('send', 'Send', { class: 'send-button' });
    this._sendButton.addEventListener('click', () => this._send());
    this._notice = h('div', { class: 'composer__notice', attrs: { hidden: true } });
    this._hint = h('div', { class: 'composer__hint', attrs: { id: 'composer-hint' } });
    this._input.setAttribute('aria-describedby', 'composer-hint');

    this._input.addEventListener('keydown', (e) => this._onKeyDown(e));
    this._input.addEventListener('input', () => this._onInput());
    this._input.addEventListener('blur', () => this._stopTyping());

    this.el = h(
      'form',
      { class: 'composer', attrs: { 'aria-label': 'Reply to the conversation' } },
      this._picker.el,
      this._notice,
      h('div', { class: 'composer__modes', attrs: { role: 'group', 'aria-label': 'Message kind' } }, this._replyTab, this._noteTab),
      (this._box = h('div', { class: 'composer__box' }, this._input, this._sendButton)),
      this._hint,
    );
    // The switch itself is VS Code's keybinding (`chatwoot.toggleNoteMode`, which the agent may
    // rebind): the webview passes every key on to VS Code, which answers with `toggleNoteMode`.
    // Here the key only types nothing (Option+P would type "π" into the reply on macOS).
    this.el.addEventListener('keydown', (e) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === TOGGLE_KEY.code && !e.isComposing) e.preventDefault();
    });
    this._renderLabels();
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

  /** Whether Enter sends (else Ctrl/Cmd+Enter does, and Enter is a new line). */
  setSendOnEnter(on: boolean): void {
    if (on === this._sendOnEnter) return;
    this._sendOnEnter = on;
    this._renderLabels();
  }

  /**
   * Puts `text` at the caret, replacing the selection, and focuses the composer; never sends.
   * Multi-line text (a code block) gets lines of its own, so a fence is not glued to a sentence.
   */
  insertText(text: string): void {
    const input = this._input;
    const start = input.selectionStart;
    const end = input.selectionEnd;
    let insert = text.replace(/\r\n?/g, '\n');
    if (insert.includes('\n')) {
      const before = input.value.slice(0, start);
      const after = input.value.slice(end);
      if (before && !before.endsWith('\n')) insert = `\n${insert}`;
      if (after && !after.startsWith('\n')) insert = `${insert}\n`;
    }
    input.focus();
    input.setRangeText(insert, start, end, 'end');
    this._picker.update();
    this._callbacks.draftChanged(this._draft());
  }

  /** Places the attached-files list above the box and the attach button beside send (stagedFiles.ts). */
  mountAttachments(list: HTMLElement, notice: HTMLElement, button: HTMLElement): void {
    this.el.insertBefore(notice, this._box);
    this.el.insertBefore(list, this._box);
    this._box.insertBefore(button, this._sendButton);
  }

  /** The textarea, for a paste of files. */
  get input(): HTMLTextAreaElement {
    return this._input;
  }

  setVariables(vars: Variables): void {
    this._vars = vars;
  }

  focus(): void {
    this._input.focus();
  }

  /** Reply ↔ Private note, as the switch does (not to Reply where only notes can be sent). */
  toggleMode(): void {
    this._setPrivate(!this._private, true);
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
    this._renderLabels();
    if (byUser) {
      if (changed) this._callbacks.draftChanged(this._draft());
      this._input.focus();
    }
  }

  /** The send key, in the send button's tooltip and label and in the hint under the box. */
  private _renderLabels(): void {
    const sendKey = this._sendOnEnter ? 'Enter' : `${SEND_MOD.label}+Enter`;
    const what = this._private ? 'Add private note' : 'Send reply';
    this._sendButton.setAttribute('aria-label', what);
    this._sendButton.title = `${what} (${sendKey})`;
    this._sendButton.setAttribute('aria-keyshortcuts', this._sendOnEnter ? 'Enter' : `${SEND_MOD.aria}+Enter`);
    const newLine = this._sendOnEnter ? 'Shift+Enter' : 'Enter';
    const text = `${sendKey} to send · ${newLine} for a new line · / for canned responses · ${TOGGLE_KEY.label}: reply or note`;
    if (this._hint.textContent !== text) this._hint.textContent = text;
  }

  private _onKeyDown(e: KeyboardEvent): void {
    // Keys that finish an IME composition belong to the IME.
    if (e.isComposing) return;
    if (this._picker.handleKey(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && (this._sendOnEnter || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this._send();
    }
    // Otherwise Enter is the textarea's own new line.
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
    if (!content && !this._callbacks.hasAttachments?.()) return;
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
