/**
 * The `@` picker of private notes: while the word before the caret is `@query`, a listbox of the
 * account's agents whose name matches opens above the composer (`listbox.ts`: keys, focus,
 * announcements); picking inserts the mention's markup in place of `@query`.
 * Only notes mention: Chatwoot notifies mentioned agents of private notes alone.
 */
import * as l10n from '@vscode/l10n';
import { h } from './dom';
import { Listbox } from './listbox';
import { filterMentionables, mentionMarkup, type Mentionable } from './mentions';

const MAX_SHOWN = 8;
/** `@` at the start or after a space, then the query up to the caret. */
const TRIGGER = /(?:^|\s)@([^\s@[\]()]{0,40})$/;

export class MentionPicker {
  private readonly _list: Listbox<Mentionable>;
  private _agents: readonly Mentionable[] = [];
  private _enabled = false;
  /** Escape closes the picker until the text before the caret changes. */
  private _dismissedFor: string | null = null;

  constructor(
    private readonly _input: HTMLTextAreaElement,
    /** After an insertion: the composer saves the draft. */
    private readonly _inserted: () => void,
  ) {
    this._list = new Listbox(_input, {
      id: 'mention-list',
      optionPrefix: 'mention',
      className: 'canned mention-list',
      label: l10n.t('Mention an agent'),
      render: (a) => [h('span', { class: 'canned__code', text: `@${a.name}` })],
      choose: (a) => this._choose(a),
      dismissed: () => (this._dismissedFor = this._before()),
    });
  }

  get el(): HTMLElement {
    return this._list.el;
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
    return this._list.isOpen;
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
    this._list.show(filterMentionables(this._agents, m[1], MAX_SHOWN));
  }

  close(): void {
    this._list.close();
  }

  /** Handles the picker's keys; returns true when the key was consumed. */
  handleKey(e: KeyboardEvent): boolean {
    return this._list.handleKey(e);
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
    if (!m) return;
    const start = before.length - m[1].length - 1;
    const after = input.value.slice(input.selectionEnd);
    const insert = `${mentionMarkup(a)}${after.startsWith(' ') ? '' : ' '}`;
    input.setRangeText(insert, start, input.selectionEnd, 'end');
    this._inserted();
  }
}
