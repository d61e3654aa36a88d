/**
 * A safe markdown subset for untrusted message content, rendered straight to DOM nodes.
 *
 * Supported: paragraphs and line breaks, `**bold**`/`__bold__`, `*italic*`/`_italic_`,
 * `~~strike~~`, `` `code` ``, fenced code blocks, `[text](url)`, `<url>` and bare URLs,
 * bulleted and numbered lists, `>` quotes, backslash escapes, Chatwoot's `[@Name](mention://…)`
 * (a chip showing the name). Everything else, including any
 * HTML and entities, stays literal text: nothing here ever parses markup, so no input can create
 * an element this file does not create itself. Links are made only for http, https and mailto.
 */
import { h } from './dom';
import { safeLinkUrl } from './links';
import { isMentionUri, mentionLabel } from './mentions';

/** Quotes inside quotes, emphasis inside emphasis: a bound keeps hostile input cheap. */
const MAX_DEPTH = 8;
/**
 * Unclosed emphasis makes the inline scan quadratic in the worst case; past this length a message
 * (a pasted log, say) is shown as plain text rather than risk freezing the view.
 */
const MAX_MARKDOWN_CHARS = 20_000;

/**
 * One line with none of the characters an inline construct starts with (`:` for bare URLs, `@`
 * kept out for mail links) and that is not a list item is one paragraph as it stands; most chat
 * messages are like that ("Order #1042 - thanks!"), and skip the parser. Fences and quotes
 * need characters excluded here.
 */
const NO_INLINE = /^[^\r\n*_~`[\]<>\\:@]*$/;

export function isPlain(text: string): boolean {
  return NO_INLINE.test(text) && !LIST_ITEM.test(text);
}

export function renderMarkdown(text: string): DocumentFragment {
  if (text.length > MAX_MARKDOWN_CHARS) return renderPlainText(text);
  if (!isPlain(text)) return renderParsedMarkdown(text);
  const frag = document.createDocumentFragment();
  if (text.trim()) frag.appendChild(h('p', { text }));
  return frag;
}

/** The parser, also for plain text: a test holds renderMarkdown's shortcut to exactly its DOM. */
export function renderParsedMarkdown(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  renderBlocks(text.replace(/\r\n?/g, '\n').split('\n'), frag, 0);
  return frag;
}

/** Plain text (e-mail bodies): line breaks and bare links, nothing else is interpreted. */
export function renderPlainText(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  const re = new RegExp(BARE_URL, 'g');
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    appendText(frag, text.slice(last, m.index));
    frag.append(link(m[0], m[0]) ?? m[0]);
    last = m.index + m[0].length;
  }
  appendText(frag, text.slice(last));
  return frag;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w#+.-]*)[^`]*$/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BLANK = /^\s*$/;

function renderBlocks(lines: readonly string[], parent: Node, depth: number): void {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !isClosingFence(lines[i], marker)) body.push(lines[i++]);
      i++; // the closing fence; an unclosed block runs to the end, as in CommonMark
      const code = h('code', { text: body.join('\n') });
      if (fence[2]) code.dataset.lang = fence[2];
      parent.appendChild(h('pre', { class: 'md-code' }, code));
      continue;
    }
    if (BLANK.test(line)) {
      i++;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      i = renderList(lines, i, parent, depth);
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const inner: string[] = [];
      while (i < lines.length) {
        const m = QUOTE.exec(lines[i]);
        if (!m) break;
        inner.push(m[1]);
        i++;
      }
      const quote = h('blockquote');
      renderBlocks(inner, quote, depth + 1);
      parent.appendChild(quote);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !BLANK.test(lines[i]) && !FENCE.test(lines[i]) && !LIST_ITEM.test(lines[i]) && !QUOTE.test(lines[i])) {
      para.push(lines[i++]);
    }
    if (!para.length) para.push(lines[i++]); // a `>` line past the depth bound: keep it as text
    const p = h('p');
    renderInline(para.join('\n'), p, depth);
    parent.appendChild(p);
  }
}

function isClosingFence(line: string, marker: string): boolean {
  const t = line.trim();
  return t.length >= marker.length && t[0] === marker[0] && /^(`+|~+)$/.test(t);
}

/** One list: consecutive items of the same kind; indented lines continue the item above. */
function renderList(lines: readonly string[], start: number, parent: Node, depth: number): number {
  const first = LIST_ITEM.exec(lines[start]);
  if (!first) return start + 1;
  const ordered = /\d/.test(first[1]);
  const list = ordered ? h('ol') : h('ul');
  const n = parseInt(first[1], 10);
  if (ordered && n !== 1) list.setAttribute('start', String(n));
  let i = start;
  while (i < lines.length) {
    const m = LIST_ITEM.exec(lines[i]);
    if (!m || /\d/.test(m[1]) !== ordered) break;
    const body = [m[2]];
    i++;
    while (i < lines.length && /^\s+\S/.test(lines[i]) && !LIST_ITEM.test(lines[i])) body.push(lines[i++].trim());
    const li = h('li');
    renderInline(body.join('\n'), li, depth);
    list.appendChild(li);
  }
  parent.appendChild(list);
  return i;
}

const BARE_URL = String.raw`(?<![\w/@])(?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,:;'!?)\]}*_~]`;

// Alternatives, tried at each position in this order; the first match at the earliest position wins.
// Sticky: nextInline tries it only where INLINE_START says one of them can begin.
const INLINE = new RegExp(
  [
    String.raw`\\([!-\/:-@\[-\x60{-~])`, // 1: backslash escape of ASCII punctuation
    String.raw`(\x60+)([^\x60]|[^\x60][\s\S]*?[^\x60])\2(?!\x60)`, // 2,3: code span
    String.raw`\[((?:\\[^\n]|[^\]\n\\]){1,1000})\]\(\s*<?([^\s()<>]+)>?\s*\)`, // 4,5: [text](url); the text may escape `]`
    String.raw`<((?:https?:\/\/|mailto:)[^\s<>]+)>`, // 6: <url>
    `(${BARE_URL})`, // 7: bare url
    String.raw`\*\*(?=\S)([\s\S]*?\S)\*\*`, // 8: **bold**
    String.raw`(?<!\w)__(?=\S)([\s\S]*?\S)__(?!\w)`, // 9: __bold__
    String.raw`~~(?=\S)([\s\S]*?\S)~~`, // 10: ~~strike~~
    String.raw`\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)`, // 11: *italic*
    String.raw`(?<!\w)_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)`, // 12: _italic_
    // 13, 14: a mention whose URI holds spaces (older dashboards wrote the name unencoded)
    String.raw`\[((?:\\[^\n]|[^\]\n\\]){1,1000})\]\((mention:\/\/(?:user|team)\/\d+\/[^)\n]{0,1000})\)`,
  ].join('|'),
  'y',
);
/**
 * Where an INLINE alternative can begin: each starts with one of these characters or a URL
 * scheme. Trying the twelve alternatives (and their lookbehinds) only there rather than at every
 * position is what keeps a long message cheap; the match found is the same.
 */
const INLINE_START = /[\\\x60[<*_~]|https?:\/\/|mailto:/g;

/** INLINE's first match at or after `from`, as a global search would find it. */
function nextInline(text: string, from: number): RegExpExecArray | null {
  INLINE_START.lastIndex = from;
  for (let start = INLINE_START.exec(text); start; start = INLINE_START.exec(text)) {
    INLINE.lastIndex = start.index;
    const m = INLINE.exec(text);
    if (m) return m;
    INLINE_START.lastIndex = start.index + 1;
  }
  return null;
}

function renderInline(text: string, parent: Node, depth: number, inLink = false): void {
  let last = 0;
  for (let m = nextInline(text, 0); m; m = nextInline(text, last)) {
    appendText(parent, text.slice(last, m.index));
    last = m.index + m[0].length;
    const deeper = depth < MAX_DEPTH;
    if (m[1] !== undefined) {
      appendText(parent, m[1]);
    } else if (m[3] !== undefined) {
      // CommonMark strips one space on each side when both are present (`` ` `x` ` ``).
      const code = /^ [\s\S]*\S[\s\S]* $/.test(m[3]) ? m[3].slice(1, -1) : m[3];
      parent.appendChild(h('code', { text: code.replace(/\n/g, ' ') }));
    } else if ((m[4] !== undefined && m[5] !== undefined && isMentionUri(m[5])) || m[13] !== undefined) {
      // Chatwoot's @mention markup: a chip with the name as text, never a link.
      parent.appendChild(h('span', { class: 'mention', text: mentionLabel(m[4] ?? m[13] ?? '') }));
    } else if (m[4] !== undefined && m[5] !== undefined) {
      const a = inLink ? null : link(m[5], null);
      if (a && deeper) {
        renderInline(m[4], a, depth + 1, true);
        parent.appendChild(a);
      } else {
        // Not a safe link: show the source, so the reader sees where it would have gone.
        appendText(parent, m[0]);
      }
    } else if (m[6] !== undefined || m[7] !== undefined) {
      const url = (m[6] ?? m[7]) as string;
      parent.appendChild((!inLink && link(url, url)) || document.createTextNode(m[0]));
    } else {
      const inner = m[8] ?? m[9] ?? m[10] ?? m[11] ?? m[12] ?? '';
      const tag = m[8] !== undefined || m[9] !== undefined ? 'strong' : m[10] !== undefined ? 's' : 'em';
      if (!deeper) {
        appendText(parent, m[0]);
        continue;
      }
      const el = h(tag);
      renderInline(inner, el, depth + 1, inLink);
      parent.appendChild(el);
    }
  }
  appendText(parent, text.slice(last));
}

/** An anchor for a safe URL, or null. Clicks are routed to the host by the app (see main.ts). */
function link(url: string, text: string | null): HTMLAnchorElement | null {
  const href = safeLinkUrl(url);
  if (!href) return null;
  const a = h('a', { attrs: { href, title: href, rel: 'noopener noreferrer' } });
  if (text !== null) a.textContent = text;
  return a;
}

function appendText(parent: Node, text: string): void {
  if (!text) return;
  const parts = text.split('\n');
  parts.forEach((part, i) => {
    if (i > 0) parent.appendChild(document.createElement('br'));
    if (part) parent.appendChild(document.createTextNode(part));
  });
}
