/**
 * The reply box: a textarea with a Reply / Private note switch (VS Code's Alt+P toggles it), Enter to send
 * and Shift+Enter for a new line (or, with `chatwoot.chat.sendOnEnter` off, Enter for a new line
 * and Ctrl/Cmd+Enter to send), the `/` canned-response picker, and the agent's typing signal, sent
 * when typing starts, refreshed at most every few seconds, and cleared after a pause, on send and
 * on blur.
 */
import * as l10n from '@vscode/l10n';
import type { Draft, WireCannedResponse, WireMessage } from '../../protocol/chatProtocol';
import { CannedPicker } from './cannedPicker';
import { h, icon, iconButton } from './dom';
import { MentionPicker } from './mentionPicker';
import type { Mentionable } from './mentions';
import { EmailFields } from './emailFields';
import { ReplyBar } from './replyBar';
import { replyWindowNotice, templatesReopen } from './replyWindow';
import { appendSignature, cleanSignature, SIGNATURE_DELIMITER } from './signature';
import { substitute, type Variables } from './variables';

/** What a message may carry besides its text (protocol `Send`'s optional fields). */
export interface SendExtras {
  readonly inReplyTo?: number;
  readonly ccEmails?: string;
  readonly bccEmails?: string;
}

export interface ComposerCallbacks {
  send(content: string, isPrivate: boolean, extras: SendExtras): void;
  typing(on: boolean, isPrivate: boolean): void;
  /** Every edit; the app saves it at once and tells the host less often. */
  draftChanged(draft: Draft): void;
  /** Whether files are attached: then a reply may go without text. */
  hasAttachments?(): boolean;
  /** Opens the conversation in Chatwoot (templates are sent from there). */
  openInBrowser?(): void;
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
  private readonly _noticeText: HTMLElement;
  private readonly _noticeOpen: HTMLButtonElement;
  private _channel: string | null = null;
  /** Shown under the box while writing a reply that will carry the signature. */
  private readonly _signature: HTMLElement;
  private _signatureText = '';
  private readonly _picker: CannedPicker;
  private readonly _mentions: MentionPicker;
  private readonly _replyBar: ReplyBar;
  private readonly _email: EmailFields;
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
    this._input = h('textarea', { class: 'composer__input', attrs: { rows: 1, 'aria-label': l10n.t('Reply'), spellcheck: 'true' } });
    this._picker = new CannedPicker(this._input, (r) => this._insertCanned(r));
    this._mentions = new MentionPicker(this._input, () => this._onInput());
    this._replyBar = new ReplyBar(() => this._input.focus());
    this._email = new EmailFields();
    const toggle = { 'aria-keyshortcuts': TOGGLE_KEY.aria };
    this._replyTab = h('button', { class: 'mode', attrs: { type: 'button', 'aria-pressed': 'true', title: l10n.t('Reply to the customer ({0} switches)', TOGGLE_KEY.label), ...toggle } }, icon('reply'), l10n.t('Reply'));
    this._noteTab = h('button', { class: 'mode mode--note', attrs: { type: 'button', 'aria-pressed': 'false', title: l10n.t('Private note, visible to agents only ({0} switches)', TOGGLE_KEY.label), ...toggle } }, icon('lock'), l10n.t('Private note'));
    this._replyTab.addEventListener('click', () => this._setPrivate(false, true));
    this._noteTab.addEventListener('click', () => this._setPrivate(true, true));
    this._sendButton = iconButton('send', l10n.t('Send'), { class: 'send-button' });
    this._sendButton.addEventListener('click', () => this._send());
    this._noticeText = h('span', { class: 'composer__notice-text' });
    this._noticeOpen = iconButton('link-external', l10n.t('Open this conversation in Chatwoot to send a template'), { text: l10n.t('Open in Chatwoot'), class: 'text-button' });
    this._noticeOpen.addEventListener('click', () => this._callbacks.openInBrowser?.());
    this._notice = h('div', { class: 'composer__notice', attrs: { hidden: true, role: 'status' } }, this._noticeText, this._noticeOpen);
    this._signature = h('div', { class: 'composer__signature', attrs: { hidden: true, 'aria-label': l10n.t('Signature added to replies') } });
    this._hint = h('div', { class: 'composer__hint', attrs: { id: 'composer-hint' } });
    this._input.setAttribute('aria-describedby', 'composer-hint');

    this._input.addEventListener('keydown', (e) => this._onKeyDown(e));
    this._input.addEventListener('input', () => this._onInput());
    this._input.addEventListener('blur', () => this._stopTyping());

    this.el = h(
      'form',
      { class: 'composer', attrs: { 'aria-label': l10n.t('Reply to the conversation') } },
      this._picker.el,
      this._mentions.el,
      this._notice,
      this._replyBar.el,
      this._email.el,
      h('div', { class: 'composer__modes', attrs: { role: 'group', 'aria-label': l10n.t('Message kind') } }, this._replyTab, this._noteTab),
      (this._box = h('div', { class: 'composer__box' }, this._input, this._sendButton)),
      this._signature,
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
    this._replyBar.set(null);
    this._input.value = draft?.text ?? '';
    this._vars = vars;
    this._picker.setResponses(responses);
    this.setCanReply(canReply, draft?.private ?? false);
  }

  setCanReply(canReply: boolean, isPrivate = this._private): void {
    this._canReply = canReply;
    this._replyTab.disabled = !canReply;
    this._notice.hidden = canReply;
    this._noticeText.textContent = canReply ? '' : replyWindowNotice(this._channel);
    this._noticeOpen.hidden = canReply || !templatesReopen(this._channel) || !this._callbacks.openInBrowser;
    this._setPrivate(isPrivate || !canReply, false);
  }

  /** The signature appended to replies (empty: none), from the profile when the setting is on. */
  setSignature(signature: string | null | undefined): void {
    this._signatureText = signature ? cleanSignature(signature) : '';
    this._signature.textContent = this._signatureText ? `${SIGNATURE_DELIMITER}\n${this._signatureText}` : '';
    this._syncSignature();
  }

  private _syncSignature(): void {
    this._signature.hidden = !this._signatureText || this._private;
    // Cc and Bcc belong to e-mail replies; a note goes to nobody.
    this._email.setVisible(this._channel === 'Channel::Email' && !this._private);
  }

  /** The conversation's channel (`Channel::Whatsapp`, …): what a closed reply window is explained with. */
  setChannel(channel: string | null | undefined): void {
    if ((channel ?? null) !== this._channel) this._email.clear();
    this._channel = channel ?? null;
    this._syncSignature();
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
    this._mentions.update();
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

  /** The next message quotes `m` (its bubble's Reply). */
  replyTo(m: WireMessage): void {
    this._replyBar.set(m);
    this._input.focus();
  }

  /** Who `@` offers in private notes. */
  setMentionables(agents: readonly Mentionable[]): void {
    this._mentions.setAgents(agents);
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
    this._mentions.setEnabled(isPrivate);
    this._syncSignature();
    this._replyTab.setAttribute('aria-pressed', String(!isPrivate));
    this._noteTab.setAttribute('aria-pressed', String(isPrivate));
    this._input.placeholder = isPrivate ? l10n.t('Private note: only agents see this') : l10n.t('Reply to the customer…');
    this._input.setAttribute('aria-label', isPrivate ? l10n.t('Private note') : l10n.t('Reply'));
    this._renderLabels();
    if (byUser) {
      if (changed) this._callbacks.draftChanged(this._draft());
      this._input.focus();
    }
  }

  /** The send key, in the send button's tooltip and label and in the hint under the box. */
  private _renderLabels(): void {
    const sendKey = this._sendOnEnter ? 'Enter' : `${SEND_MOD.label}+Enter`;
    this._sendButton.setAttribute('aria-label', this._private ? l10n.t('Add private note') : l10n.t('Send reply'));
    this._sendButton.title = this._private ? l10n.t('Add private note ({0})', sendKey) : l10n.t('Send reply ({0})', sendKey);
    this._sendButton.setAttribute('aria-keyshortcuts', this._sendOnEnter ? 'Enter' : `${SEND_MOD.aria}+Enter`);
    const newLine = this._sendOnEnter ? 'Shift+Enter' : 'Enter';
    const text = this._private
      ? l10n.t('{0} to send · {1} for a new line · / for canned responses · @ to mention an agent · {2}: reply or note', sendKey, newLine, TOGGLE_KEY.label)
      : l10n.t('{0} to send · {1} for a new line · / for canned responses · {2}: reply or note', sendKey, newLine, TOGGLE_KEY.label);
    if (this._hint.textContent !== text) this._hint.textContent = text;
  }

  private _onKeyDown(e: KeyboardEvent): void {
    // Keys that finish an IME composition belong to the IME.
    if (e.isComposing) return;
    if (this._picker.handleKey(e) || this._mentions.handleKey(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Escape' && this._replyBar.target !== undefined) {
      e.preventDefault();
      this._replyBar.set(null);
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
    this._mentions.update();
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
    const typed = this._input.value.trim();
    if (!typed && !this._callbacks.hasAttachments?.()) return;
    // Replies only: Chatwoot's dashboard never signs a private note.
    const content = typed && this._signatureText && !this._private ? appendSignature(typed, this._signatureText) : typed;
    this._picker.close();
    this._mentions.close();
    const recipients = this._email.visible ? this._email.values() : {};
    if (!recipients) return;
    const inReplyTo = this._replyBar.target;
    this._callbacks.send(content, this._private, { ...(inReplyTo === undefined ? {} : { inReplyTo }), ...recipients });
    this._replyBar.set(null);
    this._email.clear();
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
