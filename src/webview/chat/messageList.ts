/**
 * The scrolling message list: keeps the messages and the agent's unsent replies in order, groups
 * them by day, and owns scrolling. It stays pinned to the bottom only while the reader is there;
 * otherwise new messages raise a "new messages" pill. Reaching the top asks for an older page and
 * keeps the reader's place when it arrives. Elements are reused by key, so re-renders keep focus.
 */
import type { OutboxItem, WireMessage } from '../../shared/chatProtocol';
import { h, icon } from './dom';
import { dayKey, dayLabel } from './format';
import { renderMessage, renderPending, senderName, sideOf, type BubbleActions } from './messageView';

export interface MessageListCallbacks extends BubbleActions {
  loadOlder(beforeId: number): void;
}

/** Close enough to the edge to count as "at the bottom" / "at the top" (px). */
const EDGE = 48;
/** Consecutive bubbles of one sender closer than this share one name label. */
const GROUP_GAP_MS = 5 * 60 * 1000;

interface Rendered {
  readonly source: WireMessage | OutboxItem;
  readonly el: HTMLElement;
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
  private _rendered = new Map<string, Rendered>();
  private _days = new Map<string, HTMLElement>();
  private _hasOlder = false;
  private _loadingOlder = false;
  private _atBottom = true;
  private _unseen = 0;
  private _agentName = 'You';

  constructor(private readonly _callbacks: MessageListCallbacks) {
    this._older = h('button', { class: 'text-button older__button', attrs: { type: 'button' } }, icon('history'), 'Load older messages');
    this._older.addEventListener('click', () => this._requestOlder());
    this._olderStatus = h('span', { class: 'older__status', attrs: { role: 'status' } });
    this._items = h('div', { class: 'messages__items' });
    this._scroller = h(
      'div',
      { class: 'messages', attrs: { role: 'log', 'aria-label': 'Messages', tabindex: 0 } },
      h('div', { class: 'older' }, this._older, this._olderStatus),
      this._items,
    );
    this._pill = h('button', { class: 'new-pill', attrs: { type: 'button', hidden: true } });
    this._pill.addEventListener('click', () => this.scrollToBottom());
    this.el = h('div', { class: 'messages-pane' }, this._scroller, this._pill);

    this._scroller.addEventListener('scroll', () => this._onScroll(), { passive: true });
    // An image that loads after layout would push the newest message out of view.
    this._items.addEventListener('load', () => this._atBottom && this.scrollToBottom(), true);
  }

  /** A new conversation: everything is replaced and the view starts at the newest message. */
  reset(messages: readonly WireMessage[], hasOlder: boolean, pending: readonly OutboxItem[], agentName: string): void {
    this._messages = new Map(messages.map((m) => [m.id, m]));
    this._pending = new Map(pending.map((p) => [p.echoId, p]));
    this._rendered.clear();
    this._days.clear();
    this._items.replaceChildren();
    this._hasOlder = hasOlder;
    this._loadingOlder = false;
    this._agentName = agentName;
    this._olderStatus.textContent = '';
    this._render();
    this.scrollToBottom();
    this._fillViewport();
  }

  /** An older page arrived: add it above without moving what the reader is looking at. */
  prepend(messages: readonly WireMessage[], hasOlder: boolean, error?: string): void {
    this._loadingOlder = false;
    this._hasOlder = hasOlder;
    this._olderStatus.textContent = error ? `Couldn't load older messages: ${error}` : '';
    const anchor = this._items.querySelector<HTMLElement>('.msg, .activity');
    const offset = anchor ? anchor.offsetTop - this._scroller.scrollTop : 0;
    let added = 0;
    for (const m of messages) {
      if (!this._messages.has(m.id)) added++;
      this._messages.set(m.id, m);
    }
    this._render();
    if (anchor) this._scroller.scrollTop = anchor.offsetTop - offset;
    if (added) this._fillViewport();
  }

  /** New or changed messages; a message carrying a pending reply's echo id replaces that reply. */
  upsert(messages: readonly WireMessage[]): void {
    const wasAtBottom = this._isAtBottom();
    let fresh = 0;
    for (const m of messages) {
      if (m.echo_id !== null && m.echo_id !== undefined) this._pending.delete(String(m.echo_id));
      if (!this._messages.has(m.id)) fresh++;
      this._messages.set(m.id, m);
    }
    this._render();
    if (wasAtBottom) this.scrollToBottom();
    else if (fresh) this._showPill(fresh);
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

  removePending(echoId: string): void {
    if (this._pending.delete(echoId)) this._render();
  }

  pending(): OutboxItem[] {
    return [...this._pending.values()];
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
    const oldest = this._oldestId();
    if (!this._hasOlder || this._loadingOlder || oldest === null) return;
    this._loadingOlder = true;
    this._olderStatus.textContent = 'Loading older messages…';
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
    this._pill.replaceChildren(icon('arrow-down'), `${this._unseen} new message${this._unseen === 1 ? '' : 's'}`);
    this._pill.setAttribute('aria-label', `${this._unseen} new messages; jump to the latest`);
    this._pill.hidden = false;
  }

  private _hidePill(): void {
    this._unseen = 0;
    this._pill.hidden = true;
  }

  private _syncOlder(): void {
    this._older.hidden = !this._hasOlder || this._loadingOlder;
  }

  private _render(): void {
    this._syncOlder();
    const now = Date.now();
    const entries: { key: string; at: number; source: WireMessage | OutboxItem; group: string | null }[] = [];
    const sorted = [...this._messages.values()].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
    for (const m of sorted) {
      const side = sideOf(m);
      entries.push({ key: `m${m.id}`, at: m.created_at * 1000, source: m, group: side === 'activity' ? null : `${side}|${m.sender_type ?? ''}|${m.sender?.id ?? senderName(m)}` });
    }
    for (const p of this._pending.values()) {
      // Pending replies sit after everything Chatwoot has confirmed, in the order they were sent.
      entries.push({ key: `p${p.echoId}`, at: p.createdAt, source: p, group: `${p.private ? 'note' : 'out'}|self` });
    }

    const nodes: HTMLElement[] = [];
    const keep = new Set<string>();
    let lastDay: string | null = null;
    let prev: { group: string | null; at: number } | null = null;
    for (const e of entries) {
      const day = dayKey(e.at);
      if (day !== lastDay) {
        nodes.push(this._daySeparator(day, e.at, now));
        lastDay = day;
        prev = null;
      }
      keep.add(e.key);
      let r = this._rendered.get(e.key);
      if (!r || r.source !== e.source) {
        const el = 'echoId' in e.source ? renderPending(e.source, this._agentName, this._callbacks) : renderMessage(e.source, this._callbacks);
        r = { source: e.source, el };
        this._rendered.set(e.key, r);
      }
      const continued = prev !== null && e.group !== null && prev.group === e.group && e.at - prev.at < GROUP_GAP_MS;
      r.el.classList.toggle('msg--cont', continued);
      nodes.push(r.el);
      prev = { group: e.group, at: e.at };
    }
    for (const key of [...this._rendered.keys()]) if (!keep.has(key)) this._rendered.delete(key);
    reconcile(this._items, nodes);
  }

  private _daySeparator(day: string, at: number, now: number): HTMLElement {
    let el = this._days.get(day);
    if (!el) {
      el = h('div', { class: 'day', attrs: { role: 'separator' } }, h('span', { class: 'day__label' }));
      this._days.set(day, el);
    }
    const label = dayLabel(at, now);
    el.setAttribute('aria-label', label);
    const span = el.firstElementChild;
    if (span && span.textContent !== label) span.textContent = label;
    return el;
  }
}

/** Makes `parent`'s children exactly `nodes`, moving only what is out of place. */
function reconcile(parent: HTMLElement, nodes: readonly Node[]): void {
  let cursor = parent.firstChild;
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
