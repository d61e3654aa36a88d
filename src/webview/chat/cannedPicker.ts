/**
 * The `/` picker: while the composer holds a single `/word`, a listbox of matching canned
 * responses opens above it. Arrow keys move, Enter or Tab inserts, Escape closes; the textarea
 * keeps focus throughout (the options are announced through aria-activedescendant).
 */
import * as l10n from '@vscode/l10n';
import type { WireCannedResponse } from '../../protocol/chatProtocol';
import { h } from './dom';

const MAX_SHOWN = 8;
const TRIGGER = /^\/(\S*)$/;

export class CannedPicker {
  readonly el: HTMLElement;
  private _responses: readonly WireCannedResponse[] = [];
  private _shown: WireCannedResponse[] = [];
  private _active = 0;
  /** Escape closes the picker until the query changes. */
  private _dismissedFor: string | null = null;

  constructor(
    private readonly _input: HTMLTextAreaElement,
    private readonly _insert: (response: WireCannedResponse) => void,
  ) {
    this.el = h('div', { class: 'canned', attrs: { id: 'canned-list', role: 'listbox', 'aria-label': l10n.t('Canned responses'), hidden: true } });
    // mousedown, not click: the textarea must not lose focus when an option is picked.
    this.el.addEventListener('mousedown', (e) => {
      const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
      if (!option) return;
      e.preventDefault();
      const r = this._shown[Number(option.dataset.index)];
      if (r) this._choose(r);
    });
    _input.setAttribute('aria-controls', 'canned-list');
    _input.setAttribute('aria-autocomplete', 'list');
    // A textarea keeps its textbox role (ARIA in HTML allows no other), and a textbox may not carry
    // aria-expanded; aria-haspopup and the active option are what it may say.
    _input.setAttribute('aria-haspopup', 'listbox');
  }

  setResponses(responses: readonly WireCannedResponse[]): void {
    this._responses = responses;
    this.update();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /** Re-reads the composer: opens, filters or closes. */
  update(): void {
    const m = TRIGGER.exec(this._input.value);
    if (!m || m[0] === this._dismissedFor) {
      if (!m) this._dismissedFor = null;
      this.close();
      return;
    }
    this._dismissedFor = null;
    this._shown = filter(this._responses, m[1]);
    this._active = 0;
    if (!this._shown.length) {
      this.close();
      return;
    }
    this._renderOptions();
    this.el.hidden = false;
  }

  close(): void {
    this.el.hidden = true;
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
        const r = this._shown[this._active];
        if (r) this._choose(r);
        return true;
      }
      case 'Escape':
        this._dismissedFor = this._input.value;
        this.close();
        return true;
      default:
        return false;
    }
  }

  private _choose(r: WireCannedResponse): void {
    this.close();
    this._insert(r);
  }

  private _renderOptions(): void {
    this.el.replaceChildren(
      ...this._shown.map((r, i) =>
        h(
          'div',
          { class: 'canned__option', attrs: { id: `canned-${i}`, role: 'option', 'data-index': i, 'aria-selected': 'false' } },
          h('span', { class: 'canned__code', text: `/${r.short_code}` }),
          h('span', { class: 'canned__content', text: r.content.replace(/\s+/g, ' ') }),
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
    this._input.setAttribute('aria-activedescendant', `canned-${this._active}`);
  }
}

/** Short-code prefix matches first, then other short-code matches, then content matches (as Chatwoot ranks them). */
function filter(all: readonly WireCannedResponse[], query: string): WireCannedResponse[] {
  const q = query.toLowerCase();
  const rank = (r: WireCannedResponse): number => {
    const code = r.short_code.toLowerCase();
    if (code.startsWith(q)) return 0;
    if (code.includes(q)) return 1;
    if (r.content.toLowerCase().includes(q)) return 2;
    return 3;
  };
  return all
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.r.short_code.localeCompare(b.r.short_code))
    .slice(0, MAX_SHOWN)
    .map((x) => x.r);
}
