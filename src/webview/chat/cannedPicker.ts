/**
 * The `/` picker: while the composer holds a single `/word`, a listbox of matching canned
 * responses opens above it (`listbox.ts`: keys, focus, announcements); picking inserts one.
 */
import * as l10n from '@vscode/l10n';
import type { WireCannedResponse } from '../../protocol/chatProtocol';
import { h } from './dom';
import { Listbox } from './listbox';

const MAX_SHOWN = 8;
const TRIGGER = /^\/(\S*)$/;

export class CannedPicker {
  private readonly _list: Listbox<WireCannedResponse>;
  private _responses: readonly WireCannedResponse[] = [];
  /** Escape closes the picker until the query changes. */
  private _dismissedFor: string | null = null;

  constructor(
    private readonly _input: HTMLTextAreaElement,
    insert: (response: WireCannedResponse) => void,
  ) {
    this._list = new Listbox(_input, {
      id: 'canned-list',
      optionPrefix: 'canned',
      className: 'canned',
      label: l10n.t('Canned responses'),
      render: (r) => [h('span', { class: 'canned__code', text: `/${r.short_code}` }), h('span', { class: 'canned__content', text: r.content.replace(/\s+/g, ' ') })],
      choose: insert,
      dismissed: () => (this._dismissedFor = _input.value),
    });
  }

  get el(): HTMLElement {
    return this._list.el;
  }

  setResponses(responses: readonly WireCannedResponse[]): void {
    this._responses = responses;
    this.update();
  }

  get isOpen(): boolean {
    return this._list.isOpen;
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
    this._list.show(filter(this._responses, m[1]));
  }

  close(): void {
    this._list.close();
  }

  /** Handles the picker's keys; returns true when the key was consumed. */
  handleKey(e: KeyboardEvent): boolean {
    return this._list.handleKey(e);
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
