/**
 * The one way this app builds DOM. Content is set only through `textContent`/`append` of text,
 * never parsed as HTML, and attributes never include `style` or event handlers: the page's CSP
 * forbids inline styles and handlers, and customers' text must never become markup.
 */

type AttrValue = string | number | boolean | null | undefined;
export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly text?: string;
  /** `false`, `null` and `undefined` leave the attribute out; `true` sets it empty. */
  readonly attrs?: Readonly<Record<string, AttrValue>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  const attrs = props.attrs;
  if (attrs) for (const name in attrs) setAttr(el, name, attrs[name]);
  if (props.text !== undefined) el.textContent = props.text;
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function setAttr(el: Element, name: string, value: AttrValue): void {
  // A guard rather than a convention: a slip here would be an injection point.
  if (/^on/i.test(name) || name.toLowerCase() === 'style') throw new Error(`refusing attribute ${name}`);
  if (value === false || value === null || value === undefined) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? '' : String(value));
}

/** A codicon glyph; decorative, so hidden from screen readers (the control carries the label). */
export function icon(name: string, extraClass = ''): HTMLElement {
  return h('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button with a codicon and either visible text or (icon-only) an aria-label and tooltip. */
export function iconButton(iconName: string, label: string, opts: { text?: string; class?: string } = {}): HTMLButtonElement {
  const b = h(
    'button',
    { class: opts.class ?? 'icon-button', attrs: { type: 'button', title: label, 'aria-label': opts.text ? null : label } },
    icon(iconName),
  );
  if (opts.text) b.append(h('span', { text: opts.text }));
  return b;
}
