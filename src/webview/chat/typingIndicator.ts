/**
 * "Jane is typing…". Each name clears itself 30 s after its last `on`, as Chatwoot's own clients
 * do (docs/chatwoot-rest.md §6), because an `off` can be lost when the other side closes its tab.
 */
import * as l10n from '@vscode/l10n';
import { h } from './dom';

const EXPIRY_MS = 30_000;

export class TypingIndicator {
  readonly el: HTMLElement;
  private readonly _timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    this.el = h('div', { class: 'typing', attrs: { role: 'status', 'aria-live': 'polite' } });
    this._render();
  }

  set(name: string, on: boolean): void {
    clearTimeout(this._timers.get(name));
    this._timers.delete(name);
    if (on) this._timers.set(name, setTimeout(() => this.set(name, false), EXPIRY_MS));
    this._render();
  }

  clear(): void {
    for (const t of this._timers.values()) clearTimeout(t);
    this._timers.clear();
    this._render();
  }

  private _render(): void {
    const names = [...this._timers.keys()];
    this.el.hidden = names.length === 0;
    const text =
      names.length === 0
        ? ''
        : names.length === 1
          ? l10n.t('{0} is typing…', names[0])
          : names.length === 2
            ? l10n.t('{0} and {1} are typing…', names[0], names[1])
            : l10n.t('Several people are typing…');
    if (this.el.textContent !== text) {
      this.el.replaceChildren(h('span', { class: 'typing__dots', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span')), h('span', { text }));
    }
  }
}
