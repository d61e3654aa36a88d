/**
 * The listbox the composer's pickers (`/` canned responses, `@` mentions) open above it. The
 * textarea keeps focus throughout: arrow keys move, Enter or Tab picks, Escape closes, and the
 * active option is announced through aria-activedescendant. Each picker says when it opens,
 * what it lists and what picking inserts.
 */
import { h } from './dom';

export interface ListboxOptions<T> {
  /** The list's id; its options are `<optionPrefix>-<index>`. */
  readonly id: string;
  readonly optionPrefix: string;
  readonly className: string;
  readonly label: string;
  /** An option's content. */
  render(item: T): Node[];
  /** Enter, Tab or a click picked `item` (the list is already closed). */
  choose(item: T): void;
  /** Escape closed the list. */
  dismissed(): void;
}

export class Listbox<T> {
  readonly el: HTMLElement;
  private _shown: readonly T[] = [];
  private _active = 0;

  constructor(
    private readonly _input: HTMLTextAreaElement,
    private readonly _options: ListboxOptions<T>,
  ) {
    this.el = h('div', { class: _options.className, attrs: { id: _options.id, role: 'listbox', 'aria-label': _options.label, hidden: true } });
    // mousedown, not click: the textarea must not lose focus when an option is picked.
    this.el.addEventListener('mousedown', (e) => {
      const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
      if (!option) return;
      e.preventDefault();
      this._choose(Number(option.dataset.index));
    });
    // Every picker's list: only one is ever open.
    _input.setAttribute('aria-controls', `${_input.getAttribute('aria-controls') ?? ''} ${_options.id}`.trim());
    _input.setAttribute('aria-autocomplete', 'list');
    // A textarea keeps its textbox role (ARIA in HTML allows no other), and a textbox may not carry
    // aria-expanded; aria-haspopup and the active option are what it may say.
    _input.setAttribute('aria-haspopup', 'listbox');
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Lists `items` with the first active, or closes when there are none. */
  show(items: readonly T[]): void {
    this._shown = items;
    this._active = 0;
    if (!items.length) {
      this.close();
      return;
    }
    const prefix = this._options.optionPrefix;
    this.el.replaceChildren(
      ...items.map((item, i) => h('div', { class: 'canned__option', attrs: { id: `${prefix}-${i}`, role: 'option', 'data-index': i, 'aria-selected': 'false' } }, ...this._options.render(item))),
    );
    this._renderActive();
    this.el.hidden = false;
  }

  close(): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this._input.removeAttribute('aria-activedescendant');
  }

  /** Handles the list's keys; returns true when the key was consumed. */
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
      case 'Tab':
        if (e.shiftKey) return false;
        this._choose(this._active);
        return true;
      case 'Escape':
        this._options.dismissed();
        this.close();
        return true;
      default:
        return false;
    }
  }

  private _choose(index: number): void {
    const item = this._shown[index];
    if (item === undefined) return;
    this.close();
    this._options.choose(item);
  }

  private _renderActive(): void {
    this.el.querySelectorAll<HTMLElement>('[role="option"]').forEach((o, i) => {
      const active = i === this._active;
      o.setAttribute('aria-selected', String(active));
      o.classList.toggle('canned__option--active', active);
      if (active) o.scrollIntoView({ block: 'nearest' });
    });
    this._input.setAttribute('aria-activedescendant', `${this._options.optionPrefix}-${this._active}`);
  }
}
