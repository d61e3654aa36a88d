/**
 * Places in source files that messages name: `src/app.ts:42`, `/srv/app/src/orders.js:10:5`
 * (a Node stack frame), `File "app/models.py", line 12` (a Python traceback), `src/app.ts(42,5)`
 * (tsc). Pure text scanning: whether the file exists in the agent's workspace is the host's to
 * say, and only then does the chat turn a reference into a link.
 */

export interface CodeRef {
  /** Where the linked text starts in the scanned text, and its length. */
  readonly index: number;
  readonly length: number;
  /** As written; the host resolves it within the workspace folders. */
  readonly path: string;
  /** 1-based, as every tool prints them. */
  readonly line: number;
  readonly column?: number;
}

/** A file name needs an extension that starts with a letter, so times ("10:30") and versions never match. */
const FILE = String.raw`(?:[A-Za-z]:[\\/]|\.?[\\/])?(?:[\w@+~-][\w.@+~-]*[\\/])*[\w@+~-][\w.@+~-]*\.[A-Za-z][A-Za-z0-9]{0,9}`;

const REF = new RegExp(
  [
    String.raw`File "([^"\n]{1,500})", line (\d{1,7})`, // 1,2: Python
    // 3-7: path:line[:column] or path(line,column); not inside a word, a URL (`//host:8080`) or a longer path.
    String.raw`(?<![\w.\\/@:~-])(${FILE})(?::(\d{1,7})(?::(\d{1,5}))?|\((\d{1,7}),(\d{1,5})\))(?!\w)`,
  ].join('|'),
  'g',
);

/** A cheap first look: most messages name no file and skip the full scan. */
const MAYBE = /\.[A-Za-z][A-Za-z0-9]{0,9}(?::\d|\(\d|", line \d)/;

export function mayHaveCodeRefs(text: string): boolean {
  return MAYBE.test(text);
}

export function findCodeRefs(text: string): CodeRef[] {
  if (!mayHaveCodeRefs(text)) return [];
  const refs: CodeRef[] = [];
  REF.lastIndex = 0;
  for (let m = REF.exec(text); m; m = REF.exec(text)) {
    if (m[1] !== undefined) {
      const path = m[1];
      refs.push({ index: m.index + 'File "'.length, length: path.length, path, line: Number(m[2]) });
    } else {
      const path = m[3];
      const line = Number(m[4] ?? m[6]);
      const column = m[5] ?? m[7];
      if (line < 1 || /(^|[\\/])\.\.([\\/]|$)/.test(path)) continue;
      refs.push({ index: m.index, length: m[0].length, path, line, ...(column !== undefined && Number(column) > 0 ? { column: Number(column) } : {}) });
    }
  }
  return refs;
}
