/**
 * The `@` picker of private notes: while the word before the caret is `@query`, a listbox of the
 * account's agents whose name matches opens above the composer. Arrow keys move, Enter or Tab
 * inserts the mention's markup in place of `@query`, Escape closes; the textarea keeps focus
 * throughout (the options are announced through aria-activedescendant, as in the `/` picker).
 * Only notes mention: Chatwoot notifies mentioned agents of private notes alone.
 */
import * as l10n from '@vscode/l10n';
import { h } from './dom';
import { filterMentionables, mentionMarkup, type Mentionable } from './mentions';

const MAX_SHOWN = 8;
/** `@` at the start or after a space, then the query up to the caret. */
const TRIGGER = /(?:^|\s)@([^\s@[\]()]{0,40})$/;
const LIST_ID = 'mention-list';

export class MentionPicker {
  readonly el: HTMLElement;
  private _agents: readonly Mentionable[] = [];
  private _shown: Mentionable[] = [];
  private _active = 0;
  private _enabled = false;
  /** Escape closes the picker until the text before the caret changes. */
  private _dismissedFor: string | null = null;

  constructor(
    private readonly _input: HTMLTextAreaElement,
    /** After an insertion: the composer saves the draft. */
    private readonly _inserted: () => void,
  ) {
    this.el = h('div', { class: 'canned mention-list', attrs: { id: LIST_ID, role: 'listbox', 'aria-label': l10n.t('Mention an agent'), hidden: true } });
    // mousedown, not click: the textarea must not lose focus when an option is picked.
    this.el.addEventListener('mousedown', (e) => {
      const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
      if (!option) return;
      e.preventDefault();
      const a = this._shown[Number(option.dataset.index)];
      if (a) this._choose(a);
    });
    // The `/` picker's list and this one: only one is ever open.
    _input.setAttribute('aria-controls', `${_input.getAttribute('aria-controls') ?? ''} ${LIST_ID}`.trim());
  }

  setAgents(agents: readonly Mentionable[]): void {
    this._agents = agents;
    if (this.isOpen) this.update();
  }

  /** Notes only: a reply has no mentions. */
  setEnabled(enabled: boolean): void {
    this._enabled = enabled;
    this.update();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Re-reads the text before the caret: opens, filters or closes. */
  update(): void {
    const before = this._before();
    const m = this._enabled && before !== null ? TRIGGER.exec(before) : null;
    if (!m || before === this._dismissedFor) {
      if (!m) this._dismissedFor = null;
      this.close();
      return;
    }
    this._dismissedFor = null;
    this._shown = filterMentionables(this._agents, m[1], MAX_SHOWN);
    this._active = 0;
    if (!this._shown.length) {
      this.close();
      return;
    }
    this._renderOptions();
    this.el.hidden = false;
    this._input.setAttribute('aria-expanded', 'true');
  }

  close(): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this._input.setAttribute('aria-expanded', 'false');
    this._input.removeAttribute('aria-activedescendant');
  }

  /** Handles the picker's keys; returns true when the key was consumed. */
  handleKey(e: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const n = this._shown.length;
        this._active = (this._active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        this._renderActive();
        return true;
      }
      case 'Enter':
      case 'Tab': {
        if (e.shiftKey) return false;
        const a = this._shown[this._active];
        if (a) this._choose(a);
        return true;
      }
      case 'Escape':
        this._dismissedFor = this._before();
        this.close();
        return true;
      default:
        return false;
    }
  }

  /** The text before the caret, or null while a range is selected. */
  private _before(): string | null {
    const input = this._input;
    if (input.selectionStart !== input.selectionEnd) return null;
    return input.value.slice(0, input.selectionStart);
  }

  private _choose(a: Mentionable): void {
    const input = this._input;
    const before = this._before() ?? '';
    const m = TRIGGER.exec(before);
    this.close();
    if (!m) return;
    const start = before.length - m[1].length - 1;
    const after = input.value.slice(input.selectionEnd);
    const insert = `${mentionMarkup(a)}${after.startsWith(' ') ? '' : ' '}`;
    input.setRangeText(insert, start, input.selectionEnd, 'end');
    this._inserted();
  }

  private _renderOptions(): void {
    this.el.replaceChildren(
      ...this._shown.map((a, i) =>
        h(
          'div',
          { class: 'canned__option', attrs: { id: `mention-${i}`, role: 'option', 'data-index': i, 'aria-selected': 'false' } },
          h('span', { class: 'canned__code', text: `@${a.name}` }),
        ),
      ),
    );
    this._renderActive();
  }

  private _renderActive(): void {
    this.el.querySelectorAll<HTMLElement>('[role="option"]').forEach((o, i) => {
      const active = i === this._active;
      o.setAttribute('aria-selected', String(active));
      o.classList.toggle('canned__option--active', active);
      if (active) o.scrollIntoView({ block: 'nearest' });
    });
    this._input.setAttribute('aria-activedescendant', `mention-${this._active}`);
  }
}
