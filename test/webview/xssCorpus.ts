/**
 * The XSS corpus the webview apps are held to (xss.test.ts for the chat, contact.test.ts for the
 * Contact view), and the page-side check of everything it forbids.
 */

export const PAYLOADS: readonly string[] = [
  // script and event-handler tags
  '<script>window.__pwned = 1</script>',
  '<SCRIPT SRC=https://evil.test/x.js></SCRIPT>',
  '<img src=x onerror="window.__pwned = 1">',
  '<img src=x onerror=alert(1)>',
  '<svg onload="window.__pwned = 1"></svg>',
  '<svg><script>window.__pwned = 1</script></svg>',
  '<body onload="window.__pwned = 1">',
  '<details open ontoggle="window.__pwned = 1">x</details>',
  '<video><source onerror="window.__pwned = 1"></video>',
  '<a href="https://example.com" onclick="window.__pwned = 1" onmouseover="window.__pwned = 1">hover</a>',
  // frames and plugins
  '<iframe src="javascript:window.__pwned = 1"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
  '<object data="javascript:window.__pwned = 1"></object>',
  '<embed src="javascript:window.__pwned = 1">',
  // javascript:, data: and vbscript: links, markdown and raw
  '[x](javascript:alert(1))',
  '[click](javascript:window.__pwned=1)',
  '<a href="javascript:window.__pwned = 1">click</a>',
  'javascript:window.__pwned=1',
  '<javascript:window.__pwned=1>',
  '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  'data:text/html,<script>window.__pwned=1</script>',
  '<a href="data:text/html,<script>window.__pwned=1</script>">data</a>',
  '[x](vbscript:msgbox(1))',
  'vbscript:msgbox(1)',
  // style injection
  '<style>body { background: url("javascript:window.__pwned=1") } * { display: none }</style>',
  '<p style="background:url(javascript:window.__pwned=1)">styled</p>',
  '<div style="width: expression(window.__pwned=1)">ie</div>',
  // entity tricks
  '&lt;script&gt;window.__pwned = 1&lt;/script&gt;',
  '[x](&#106;avascript:window.__pwned=1)',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__pwned=1">ent</a>',
  '[x](java&#x09;script:window.__pwned=1)',
  // obfuscated schemes
  '[x](java\tscript:window.__pwned=1)',
  '[x](JaVaScRiPt:window.__pwned=1)',
  '[x](\u0000javascript:window.__pwned=1)',
  '[x]( \u0001javascript:window.__pwned=1 )',
  '[x](\u202ejavascript:window.__pwned=1)',
  '[x](ｊａｖａｓｃｒｉｐｔ:window.__pwned=1)',
  '[x](javascript\n:window.__pwned=1)',
  // markdown images, attribute breaking
  '![x](https://img.test/a.png" onerror="window.__pwned=1)',
  '![x](x onerror=window.__pwned=1)',
  '"><img src=x onerror=window.__pwned=1>',
  "'><svg/onload=window.__pwned=1>",
  '[x](https://example.com" onmouseover="window.__pwned=1)',
  '<https://example.com/"onmouseover="window.__pwned=1>',
  // other dangerous elements
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<form action="javascript:window.__pwned=1"><button>go</button></form>',
  '<button formaction="javascript:window.__pwned=1">go</button>',
  '<base href="javascript:window.__pwned=1//">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<svg><a xlink:href="javascript:window.__pwned=1"><text y="20">x</text></a></svg>',
  '<x:script xmlns:x="http://www.w3.org/1999/xhtml">window.__pwned=1</x:script>',
  // template literals and template injection
  '${window.__pwned = 1}',
  '`${alert(1)}`',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '{{constructor}}{{__proto__}}',
  // nested markdown trying to build tags
  '[<img src=x onerror=window.__pwned=1>](https://example.com)',
  '**<b**>bold</b> <scr<script>ipt>window.__pwned=1</scr</script>ipt>',
  '[a](https://example.com)<img src=x onerror=window.__pwned=1>[b](https://example.com)',
  '`<img src=x onerror=window.__pwned=1>`',
  '<<script>script>window.__pwned=1<</script>/script>',
];

/** Runs in the page: everything the corpus forbids, as readable findings. */
export function findProblems(baseline: Record<string, number>): string[] {
  const d = (globalThis as unknown as { document: DocumentLike }).document;
  const problems: string[] = [];
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'srcdoc', 'poster', 'data', 'background', 'ping', 'cite', 'codebase', 'lowsrc']);
  for (const el of Array.from(d.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${el.localName}> has ${a.name}`);
      if (name === 'style') problems.push(`<${el.localName}> has a style attribute`);
      if (URL_ATTRS.has(name) || a.localName.toLowerCase() === 'href') {
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u2000-\u200f\u2028-\u202f\ufeff]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(v)) problems.push(`<${el.localName} ${a.name}="${a.value}">`);
      }
    }
  }
  for (const [tag, n] of Object.entries(baseline)) {
    const now = d.querySelectorAll(tag).length;
    if (now !== n) problems.push(`${now} <${tag}> elements, ${n} before any content`);
  }
  for (const img of Array.from(d.querySelectorAll('img'))) {
    if (!/^https:\/\//.test(img.getAttribute('src') ?? '')) problems.push(`<img src="${img.getAttribute('src')}">`);
  }
  for (const a of Array.from(d.querySelectorAll('a'))) {
    if (!/^(https?:\/\/|mailto:)/.test(a.getAttribute('href') ?? '')) problems.push(`<a href="${a.getAttribute('href')}">`);
  }
  return problems;
}

export interface DocumentLike {
  querySelectorAll(s: string): ArrayLike<ElementLike>;
}
interface ElementLike {
  localName: string;
  attributes: ArrayLike<{ name: string; localName: string; value: string }>;
  getAttribute(name: string): string | null;
}

/** Kinds of element content must never create; their counts must not change. */
export const WATCHED = ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'base', 'meta', 'link', 'form', 'svg', 'math', 'template', 'video', 'audio', 'source', 'details', 'input', 'textarea', 'select'];

