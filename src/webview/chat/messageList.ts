/**
 * The scrolling message list: keeps the messages and the agent's unsent replies in order, groups
 * them by day, and owns scrolling. It stays pinned to the bottom only while the reader is there;
 * otherwise new messages raise a "new messages" pill. Reaching the top asks for an older page and
 * keeps the reader's place when it arrives. Elements are reused by key, so re-renders keep focus.
 */
import * as l10n from '@vscode/l10n';
import type { OutboxItem, WireMessage } from '../../protocol/chatProtocol';
import { h, icon, iconButton } from './dom';
import { dayKey, dayLabel } from './format';
import { fillTimeTitle, renderMessage, renderPending, senderName, sideOf, type BubbleActions } from './messageView';
import { fillQuote, inReplyToOf, renderQuote } from './replyQuote';

export interface MessageListCallbacks extends BubbleActions {
  loadOlder(beforeId: number): void;
  /** The agent chose Reply on a message's bubble: the next message quotes it. */
  replyTo?(message: WireMessage): void;
}

/** Cloned into each bubble that can be replied to; its clicks are handled by the list. */
let replyButton: HTMLElement | undefined;

/** Close enough to the edge to count as "at the bottom" / "at the top" (px). */
const EDGE = 48;
/**
 * A first render builds only this many of the newest rows: more than a tall view shows, with its
 * margin. The older ones are built in idle time right after the first frame, newest first, this
 * many at a time, above the reader's place. Building every row of a 1,000-message conversation
 * before the first frame was most of its cost.
 */
const FIRST_ROWS = 100;
const OLDER_ROWS = 100;
/** An idle callback runs at the latest this long after it was asked for, even on a busy page. */
const IDLE_TIMEOUT_MS = 100;
/** How long a message found by search stays highlighted. */
const FOUND_MS = 2_000;
/** Consecutive bubbles of one sender closer than this share one name label. */
const GROUP_GAP_MS = 5 * 60 * 1000;

/** One row of the list as last rendered, in order. */
interface Entry {
  readonly key: string;
  /** Unix ms, for day groups and sender grouping. */
  readonly at: number;
  readonly day: string;
  /** Consecutive rows with the same group share one sender label; null never groups. */
  readonly group: string | null;
  source: WireMessage | OutboxItem;
  el: HTMLElement;
}

export class MessageList {
  readonly el: HTMLElement;
  private readonly _scroller: HTMLElement;
  private readonly _items: HTMLElement;
  private readonly _older: HTMLButtonElement;
  private readonly _olderStatus: HTMLElement;
  private readonly _pill: HTMLButtonElement;
  private _messages = new Map<number, WireMessage>();
  private _pending = new Map<string, OutboxItem>();
  /** Rows by key; kept across renders so that unchanged messages keep their nodes. */
  private _rendered = new Map<string, Entry>();
  /** The rows in the order they are in the DOM (day separators aside). */
  private _order: Entry[] = [];
  /**
   * One container per day (its separator, then its rows). Appending then lays out only the last
   * day rather than every row of the conversation: with one flat list, layout was linear in the
   * number of messages, about 1 µs a row for every new message.
   */
  private _days = new Map<string, HTMLElement>();
  private _hasOlder = false;
  private _loadingOlder = false;
  /** A message to scroll to once an older page brings it (`reveal`). */
  private _revealing: number | null = null;
  private _foundTimer: ReturnType<typeof setTimeout> | undefined;
  private _atBottom = true;
  private _unseen = 0;
  private _agentName = l10n.t('You');
  /** A quoted message being looked for in older pages. */
  private _seeking: number | null = null;
  /** How many of the oldest messages have no row yet (a first render builds the newest first). */
  private _unbuilt = 0;
  private _idle: number | undefined;

  constructor(private readonly _callbacks: MessageListCallbacks) {
    this._older = h('button', { class: 'text-button older__button', attrs: { type: 'button' } }, icon('history'), l10n.t('Load older messages'));
    this._older.addEventListener('click', () => this._requestOlder());
    this._olderStatus = h('span', { class: 'older__status', attrs: { role: 'status' } });
    this._items = h('div', { class: 'messages__items' });
    this._scroller = h(
      'div',
      // A log is polite by default and would read out every bubble added, a whole page when a
      // conversation opens; the Announcer says one line per new message instead.
      { class: 'messages', attrs: { role: 'log', 'aria-label': l10n.t('Messages'), 'aria-live': 'off', tabindex: 0 } },
      h('div', { class: 'older' }, this._older, this._olderStatus),
      this._items,
    );
    this._pill = h('button', { class: 'new-pill', attrs: { type: 'button', hidden: true } });
    this._pill.addEventListener('click', () => this.scrollToBottom());
    this.el = h('div', { class: 'messages-pane' }, this._scroller, this._pill);

    this._scroller.addEventListener('scroll', () => this._onScroll(), { passive: true });
    // Anything that grows the list after layout would push the newest message out of view: an
    // image that loads, a font, a row whose estimated height (content-visibility in chat.css) is
    // replaced by its real one as it comes into view.
    this._items.addEventListener('load', () => this._atBottom && this.scrollToBottom(), true);
    new ResizeObserver(() => this._atBottom && this.scrollToBottom()).observe(this._items);
    this._items.addEventListener('click', (e) => this._onClick(e));
    this._items.addEventListener('mouseover', (e) => fillTimeTitle(e.target));
    this._items.addEventListener('focusin', (e) => fillTimeTitle(e.target));
  }

  /** A new conversation: everything is replaced and the view starts at the newest message. */
  reset(messages: readonly WireMessage[], hasOlder: boolean, pending: readonly OutboxItem[], agentName: string): void {
    this._messages = new Map(messages.map((m) => [m.id, m]));
    this._pending = new Map(pending.map((p) => [p.echoId, p]));
    this._rendered.clear();
    this._order = [];
    this._days.clear();
    this._unbuilt = 0;
    this._items.replaceChildren();
    this._hasOlder = hasOlder;
    this._loadingOlder = false;
    this._revealing = null;
    this._agentName = agentName;
    this._olderStatus.textContent = '';
    this._seeking = null;
    this._render(this._messages.size - FIRST_ROWS);
    this.scrollToBottom();
    this._fillViewport();
  }

  /** An older page arrived: add it above without moving what the reader is looking at. */
  prepend(messages: readonly WireMessage[], hasOlder: boolean, error?: string): void {
    // Measured before anything changes, the "loading" line above included: this is what the reader sees.
    // On screen rather than by offsetTop, which counts from the row's day group (it contains layout).
    const anchor = this._items.querySelector<HTMLElement>('.msg, .activity');
    const offset = anchor ? this._viewTop(anchor) : 0;
    this._loadingOlder = false;
    this._hasOlder = hasOlder;
    this._olderStatus.textContent = error ? l10n.t("Couldn't load older messages: {0}", error) : '';
    let added = 0;
    for (const m of messages) {
      if (!this._messages.has(m.id)) added++;
      this._messages.set(m.id, m);
    }
    this._render();
    this._fillQuotes();
    if (anchor) this._scroller.scrollTop += this._viewTop(anchor) - offset;
    if (this._revealing !== null) {
      // Still looking: this page either holds the message or brings the next older one nearer.
      const id = this._revealing;
      this._revealing = null;
      if (!error) this.reveal(id);
      return;
    }
    if (added) this._fillViewport();
    if (this._seeking !== null) this.showMessage(this._seeking);
  }

  /**
   * Scrolls to a message and highlights it for a moment; a message older than the loaded ones
   * is fetched first, one older page at a time, until it is here or the conversation has no
   * older messages (then the view stays where it was).
   */
  reveal(messageId: number): void {
    if (this._unbuilt) {
      this._render();
      afterLayout(() => this.reveal(messageId));
      return;
    }
    const row = this._items.querySelector<HTMLElement>(`[data-id="${messageId}"]`);
    if (!row) {
      const oldest = this._oldestId();
      if (this._hasOlder && oldest !== null && messageId < oldest) {
        this._revealing = messageId;
        this._requestOlder();
      }
      return;
    }
    row.scrollIntoView({ block: 'center' });
    this._atBottom = this._isAtBottom();
    for (const old of this._items.querySelectorAll('.msg--found')) old.classList.remove('msg--found');
    row.classList.add('msg--found');
    clearTimeout(this._foundTimer);
    this._foundTimer = setTimeout(() => row.classList.remove('msg--found'), FOUND_MS);
  }

  /**
   * New or changed messages; a message carrying a pending reply's echo id replaces that reply.
   * The live case, a message newer than all others or a change to one already shown, touches
   * only its own row, so the cost per message does not grow with the conversation; anything else
   * (an out-of-order message, a confirmed reply) re-renders the list, reusing unchanged rows.
   * Returns the messages that were not shown before.
   */
  upsert(messages: readonly WireMessage[]): WireMessage[] {
    const wasAtBottom = this._isAtBottom();
    const fresh: WireMessage[] = [];
    let full = false;
    for (const m of messages) {
      if (m.echo_id !== null && m.echo_id !== undefined && this._pending.delete(String(m.echo_id))) full = true;
      const known = this._messages.has(m.id);
      if (!known) fresh.push(m);
      this._messages.set(m.id, m);
      if (!full) full = !(known ? this._replaceRow(m) : this._appendRow(m));
    }
    if (full) this._render();
    if (fresh) this._fillQuotes();
    if (wasAtBottom) this.scrollToBottom();
    else if (fresh.length) this._showPill(fresh.length);
    return fresh;
  }

  /**
   * Brings the message into view and focus (a quote was clicked). One that is not loaded is
   * looked for in older pages, one page per click; when there are none, the list says so.
   */
  showMessage(id: number): void {
    if (this._unbuilt) {
      this._render();
      afterLayout(() => this.showMessage(id));
      return;
    }
    const row = this._rendered.get(`m${id}`);
    if (row) {
      this._seeking = null;
      this._olderStatus.textContent = '';
      row.el.setAttribute('tabindex', '-1');
      row.el.scrollIntoView({ block: 'center' });
      row.el.focus({ preventScroll: true });
      row.el.classList.remove('msg--found');
      // Restarted on every visit, so a second click flashes it again.
      void row.el.offsetWidth;
      row.el.classList.add('msg--found');
      return;
    }
    if (!this._hasOlder) {
      this._seeking = null;
      this._olderStatus.textContent = l10n.t('The quoted message is not in this conversation’s history (it may have been deleted).');
      return;
    }
    this._seeking = id;
    this._requestOlder();
    if (this._loadingOlder) this._olderStatus.textContent = l10n.t('The quoted message is not loaded yet: loading older messages…');
  }

  private _onClick(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target : null;
    const quote = target?.closest<HTMLElement>('.msg__quote');
    if (quote) {
      this.showMessage(Number(quote.dataset.replyTo));
      return;
    }
    const reply = target?.closest('.msg__reply');
    const row = reply?.closest<HTMLElement>('.msg');
    const m = row ? this._messages.get(Number(row.dataset.id)) : undefined;
    if (m) this._callbacks.replyTo?.(m);
  }

  /** Quotes of messages that were not loaded when their reply was drawn, filled in once they are. */
  private _fillQuotes(): void {
    for (const q of this._items.querySelectorAll<HTMLElement>('.msg__quote--missing')) {
      const m = this._messages.get(Number(q.dataset.replyTo));
      if (m) fillQuote(q, m);
    }
  }

  addPending(item: OutboxItem): void {
    this._pending.set(item.echoId, item);
    this._render();
    // The agent's own reply always brings the view down to it.
    this.scrollToBottom();
  }

  updatePending(item: OutboxItem): void {
    if (!this._pending.has(item.echoId)) return;
    const wasAtBottom = this._isAtBottom();
    this._pending.set(item.echoId, item);
    this._render();
    if (wasAtBottom) this.scrollToBottom();
  }

  /** How far a pending reply's files have uploaded; its bubble keeps the bar until it is replaced. */
  setProgress(echoId: string, sent: number, total: number): void {
    const row = [...this._items.querySelectorAll<HTMLElement>('[data-echo-id]')].find((el) => el.getAttribute('data-echo-id') === echoId);
    const bar = row?.querySelector('progress');
    if (!bar || total <= 0) return;
    bar.max = total;
    bar.value = Math.min(sent, total);
    bar.setAttribute('aria-valuetext', l10n.t('{0}% uploaded', Math.floor((Math.min(sent, total) / total) * 100)));
  }

  removePending(echoId: string): void {
    if (this._pending.delete(echoId)) this._render();
  }

  pending(): OutboxItem[] {
    return [...this._pending.values()];
  }

  /** Where `el` is in the scroller's view, in px from its top edge. */
  private _viewTop(el: HTMLElement): number {
    return el.getBoundingClientRect().top - this._scroller.getBoundingClientRect().top;
  }

  scrollToBottom(): void {
    this._scroller.scrollTop = this._scroller.scrollHeight;
    this._atBottom = true;
    this._hidePill();
  }

  private _isAtBottom(): boolean {
    const s = this._scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight <= EDGE;
  }

  private _onScroll(): void {
    this._atBottom = this._isAtBottom();
    if (this._atBottom) this._hidePill();
    if (this._scroller.scrollTop <= EDGE) this._requestOlder();
  }

  private _requestOlder(): void {
    if (this._unbuilt) {
      // The rows above are only not built yet: building them is what the reader asked for.
      this._render();
      return;
    }
    const oldest = this._oldestId();
    if (!this._hasOlder || this._loadingOlder || oldest === null) return;
    this._loadingOlder = true;
    this._olderStatus.textContent = l10n.t('Loading older messages…');
    this._syncOlder();
    this._callbacks.loadOlder(oldest);
  }

  /** A short page cannot be scrolled, so reaching the top would never happen: load more now. */
  private _fillViewport(): void {
    if (this._scroller.scrollHeight <= this._scroller.clientHeight) this._requestOlder();
  }

  private _oldestId(): number | null {
    let oldest: number | null = null;
    for (const id of this._messages.keys()) if (oldest === null || id < oldest) oldest = id;
    return oldest;
  }

  private _showPill(count: number): void {
    this._unseen += count;
    const one = this._unseen === 1;
    this._pill.replaceChildren(icon('arrow-down'), one ? l10n.t('1 new message') : l10n.t('{0} new messages', this._unseen));
    this._pill.setAttribute('aria-label', one ? l10n.t('1 new message; jump to the latest') : l10n.t('{0} new messages; jump to the latest', this._unseen));
    this._pill.hidden = false;
  }

  private _hidePill(): void {
    this._unseen = 0;
    this._pill.hidden = true;
  }

  private _syncOlder(): void {
    this._older.hidden = !this._hasOlder || this._loadingOlder;
  }

  /** The row for a message or a pending reply, without its DOM node yet. */
  private _entry(source: WireMessage | OutboxItem, el: HTMLElement | null): Entry {
    if ('echoId' in source) {
      // Pending replies sit after everything Chatwoot has confirmed, in the order they were sent.
      const at = source.createdAt;
      return { key: `p${source.echoId}`, at, day: dayKey(at), group: `${source.private ? 'note' : 'out'}|self`, source, el: el as HTMLElement };
    }
    const at = source.created_at * 1000;
    const side = sideOf(source);
    const group = side === 'activity' ? null : `${side}|${source.sender_type ?? ''}|${source.sender?.id ?? senderName(source)}`;
    return { key: `m${source.id}`, at, day: dayKey(at), group, source, el: el as HTMLElement };
  }

  private _renderRow(source: WireMessage | OutboxItem): HTMLElement {
    if ('echoId' in source) return renderPending(source, this._agentName, this._callbacks);
    const el = renderMessage(source, this._callbacks);
    if (el.classList.contains('msg') && !el.classList.contains('msg--deleted')) this._addReplyParts(source, el);
    return el;
  }

  /** The quote of what this message replies to, and the Reply button. */
  private _addReplyParts(m: WireMessage, el: HTMLElement): void {
    const quoted = inReplyToOf(m);
    const bubble = el.querySelector('.msg__bubble');
    if (quoted !== null && bubble) {
      const label = bubble.querySelector(':scope > .msg__note-label');
      bubble.insertBefore(renderQuote(quoted, this._messages.get(quoted)), label ? label.nextSibling : bubble.firstChild);
    }
    if (!this._callbacks.replyTo) return;
    replyButton ??= iconButton('reply', l10n.t('Reply to this message'), { class: 'icon-button msg__reply' });
    el.appendChild(replyButton.cloneNode(true));
  }

  /** Whether `e` continues the run of `prev` (same sender, same day, close in time). */
  private static _continues(prev: Entry | undefined, e: Entry): boolean {
    return prev !== undefined && e.group !== null && prev.group === e.group && prev.day === e.day && e.at - prev.at < GROUP_GAP_MS;
  }

  /** Appends a message that is newer than every row; false when it is not the simple case. */
  private _appendRow(m: WireMessage): boolean {
    if (this._pending.size) return false;
    const last = this._order[this._order.length - 1];
    if (last && ('echoId' in last.source || m.created_at < last.source.created_at || (m.created_at === last.source.created_at && m.id < last.source.id))) return false;
    const e = this._entry(m, this._renderRow(m));
    e.el.classList.toggle('msg--cont', MessageList._continues(last, e));
    let group = this._items.lastElementChild;
    if (last?.day !== e.day) {
      group = this._dayGroup(e.day, e.at, Date.now());
      // A group kept from an earlier render may still hold rows that have left it.
      reconcile(group as HTMLElement, [group.firstElementChild as HTMLElement]);
      this._items.appendChild(group);
    }
    if (!group) return false;
    group.appendChild(e.el);
    this._order.push(e);
    this._rendered.set(e.key, e);
    return true;
  }

  /** Re-renders one changed message in place; false when its place or grouping would change. */
  private _replaceRow(m: WireMessage): boolean {
    const old = this._rendered.get(`m${m.id}`);
    if (!old || 'echoId' in old.source) return false;
    if (old.source === m) return true;
    const e = this._entry(m, null);
    if (e.at !== old.at || e.group !== old.group) return false;
    const el = this._renderRow(m);
    el.classList.toggle('msg--cont', old.el.classList.contains('msg--cont'));
    old.el.replaceWith(el);
    old.el = el;
    old.source = m;
    return true;
  }

  /**
   * Renders every row but those of the `unbuilt` oldest messages, which are built later in idle
   * time. Rows built above the ones shown keep the reader's place.
   */
  private _render(unbuilt = 0): void {
    this._syncOlder();
    const now = Date.now();
    const sources: (WireMessage | OutboxItem)[] = [...this._messages.values()].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
    sources.push(...this._pending.values());
    const from = Math.max(0, Math.min(unbuilt, this._messages.size));
    // Measured before anything changes, as prepend() does: on screen, not by offsetTop (see there).
    const anchor = from < this._unbuilt ? this._items.querySelector<HTMLElement>('.msg, .activity') : null;
    const offset = anchor ? this._viewTop(anchor) : 0;

    const order: Entry[] = [];
    const groups: { el: HTMLElement; rows: HTMLElement[] }[] = [];
    const keep = new Map<string, Entry>();
    // The newest unbuilt row still decides whether the first built one continues its run.
    let prev: Entry | undefined = from ? this._entry(sources[from - 1], null) : undefined;
    for (let i = from; i < sources.length; i++) {
      const source = sources[i];
      let e = this._entry(source, null);
      const had = this._rendered.get(e.key);
      if (had && had.source === source) e = had;
      else e.el = this._renderRow(source);
      if (prev?.day !== e.day || !groups.length) {
        const el = this._dayGroup(e.day, e.at, now);
        groups.push({ el, rows: [el.firstElementChild as HTMLElement] });
      }
      e.el.classList.toggle('msg--cont', MessageList._continues(prev, e));
      groups[groups.length - 1].rows.push(e.el);
      order.push(e);
      keep.set(e.key, e);
      prev = e;
    }
    this._rendered = keep;
    this._order = order;
    for (const g of groups) reconcile(g.el, g.rows);
    reconcile(
      this._items,
      groups.map((g) => g.el),
    );
    if (anchor) this._keepPlace(anchor, offset);
    this._unbuilt = from;
    if (this._idle !== undefined) cancelIdleCallback(this._idle);
    this._idle = from ? requestIdleCallback(() => this._buildOlder(), { timeout: IDLE_TIMEOUT_MS }) : undefined;
  }

  /**
   * Scrolls so that `anchor` is `offset` px from the view's top again. Right after many rows are
   * built above, the scroll height can lag a frame behind their layout (content-visibility in
   * chat.css) and clamp the scroll position: then it is set again on the next frames.
   */
  private _keepPlace(anchor: HTMLElement, offset: number, frames = 3): void {
    if (!anchor.isConnected) return;
    const want = this._scroller.scrollTop + this._viewTop(anchor) - offset;
    this._scroller.scrollTop = want;
    if (this._scroller.scrollTop < want - 1 && frames > 0) requestAnimationFrame(() => this._keepPlace(anchor, offset, frames - 1));
  }

  /** The next older rows of a first render, newest first. */
  private _buildOlder(): void {
    this._idle = undefined;
    this._render(this._unbuilt - OLDER_ROWS);
  }

  /** The day's container, its separator first, with the label brought up to date ("Today"…). */
  private _dayGroup(day: string, at: number, now: number): HTMLElement {
    let group = this._days.get(day);
    if (!group) {
      group = h('div', { class: 'day-group' }, h('div', { class: 'day', attrs: { role: 'separator' } }, h('span', { class: 'day__label' })));
      this._days.set(day, group);
    }
    const sep = group.firstElementChild as HTMLElement;
    const label = dayLabel(at, now);
    sep.setAttribute('aria-label', label);
    const span = sep.firstElementChild;
    if (span && span.textContent !== label) span.textContent = label;
    return group;
  }
}

/**
 * Runs `f` once rows just built have their layout: until a frame has passed, the scroll height
 * can lag behind it (content-visibility in chat.css) and clamp a scroll to them.
 */
function afterLayout(f: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(f));
}

/** Makes `parent`'s children exactly `nodes`, moving only what is out of place. */
function reconcile(parent: HTMLElement, nodes: readonly Node[]): void {
  if (!parent.firstChild) {
    // A first render: one insertion of a fragment rather than one per row.
    const frag = document.createDocumentFragment();
    for (const n of nodes) frag.appendChild(n);
    parent.appendChild(frag);
    return;
  }
  let cursor: ChildNode | null = parent.firstChild;
  for (const n of nodes) {
    if (n === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(n, cursor);
  }
  while (cursor) {
    const next: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}
