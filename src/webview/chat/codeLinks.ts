/**
 * Turns the file references in shown messages (`src/app.ts:42`, stack frames, tracebacks) into
 * links that open the file in the agent's editor. The webview finds candidates (codeRefs.ts) and
 * asks the host which of them name a file in the open workspace; only those become links. A click
 * asks the host to open it, and the host checks again: the webview is never trusted with a path.
 */
import * as l10n from '@vscode/l10n';
import type { FromWebview } from '../../protocol/chatProtocol';
import { findCodeRefs, mayHaveCodeRefs } from './codeRefs';
import { h } from './dom';

const REF = 'code-ref';
const LINK = 'code-link';
/** Bounds what a message full of paths can make the host look up. */
const MAX_PATHS_PER_ASK = 50;

export class CodeLinks {
  /** Paths the host answered for: true when they name a workspace file. */
  private readonly _known = new Map<string, boolean>();
  private readonly _asked = new Set<string>();
  private readonly _observer: MutationObserver;

  constructor(
    private readonly _root: HTMLElement,
    private readonly _post: (message: FromWebview) => void,
  ) {
    // Rows arrive from many places (first page, older pages, live messages, older rows built in
    // idle time); watching the list catches them all.
    this._observer = new MutationObserver((records) => this._onMutations(records));
    this._observer.observe(_root, { childList: true, subtree: true });
    const open = (e: Event) => {
      const ref = e.target instanceof Element ? e.target.closest(`.${LINK}`) : null;
      if (!(ref instanceof HTMLElement)) return;
      if (e instanceof KeyboardEvent && e.key !== 'Enter') return;
      e.preventDefault();
      const { path, line, column } = ref.dataset;
      if (!path || !line) return;
      this._post({ type: 'openCodeRef', path, line: Number(line), ...(column ? { column: Number(column) } : {}) });
    };
    _root.addEventListener('click', open);
    _root.addEventListener('keydown', open);
  }

  /** The host's answer to `resolveCodeRefs`: which of the paths asked about name a workspace file. */
  resolved(asked: readonly string[], found: readonly string[]): void {
    const hits = new Set(found);
    for (const path of asked) this._known.set(path, hits.has(path));
    for (const el of this._root.querySelectorAll<HTMLElement>(`.${REF}:not(.${LINK})`)) {
      if (el.dataset.path && hits.has(el.dataset.path)) makeLink(el);
    }
  }

  private _onMutations(records: MutationRecord[]): void {
    const toAsk = new Set<string>();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) {
          if (!node.closest(`.${REF}`)) this._scan(node, toAsk);
        } else if (node instanceof Text && isMessageText(node)) {
          this._scanText(node, toAsk);
        }
      }
    }
    // What this scan changed is not new content.
    this._observer.takeRecords();
    const paths = [...toAsk].slice(0, MAX_PATHS_PER_ASK);
    if (paths.length) this._post({ type: 'resolveCodeRefs', paths });
  }

  private _scan(el: Element, toAsk: Set<string>): void {
    if (!mayHaveCodeRefs(el.textContent ?? '')) return;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (isMessageText(n as Text) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
    });
    const texts: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    for (const t of texts) this._scanText(t, toAsk);
  }

  private _scanText(node: Text, toAsk: Set<string>): void {
    const text = node.data;
    const refs = findCodeRefs(text);
    if (!refs.length) return;
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const r of refs) {
      if (r.index > last) frag.append(text.slice(last, r.index));
      const el = h('span', { class: REF, text: text.slice(r.index, r.index + r.length), attrs: { 'data-path': r.path, 'data-line': r.line, 'data-column': r.column } });
      const known = this._known.get(r.path);
      if (known) makeLink(el);
      else if (known === undefined && !this._asked.has(r.path)) {
        this._asked.add(r.path);
        toAsk.add(r.path);
      }
      frag.append(el);
      last = r.index + r.length;
    }
    if (last < text.length) frag.append(text.slice(last));
    node.replaceWith(frag);
  }
}

/** Message text only (not names, times or buttons), and not already a link of either kind. */
function isMessageText(node: Text): boolean {
  const parent = node.parentElement;
  return !!parent && !parent.closest(`a, .${REF}`) && !!parent.closest('.msg__content');
}

function makeLink(el: HTMLElement): void {
  const { path, line, column } = el.dataset;
  el.classList.add(LINK);
  el.setAttribute('role', 'link');
  el.tabIndex = 0;
  el.title = column ? l10n.t('Open {0} at line {1}, column {2}', path ?? '', line ?? '', column) : l10n.t('Open {0} at line {1}', path ?? '', line ?? '');
}
