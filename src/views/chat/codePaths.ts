/**
 * How a file path named in a chat message is looked up in the workspace (codeLinks.ts does the
 * looking). Pure: the rules that keep the lookup inside the workspace folders live here, tested
 * without a host.
 */

export interface CodePath {
  /** `/srv/app/src/orders.js`, `C:\app\x.cs`: compared with the folders' own paths first. */
  readonly absolute: boolean;
  /** The path's parts, without `.`; never `..`. */
  readonly segments: readonly string[];
}

/** A segment is a plain file or folder name: nothing a glob or a shell reads specially. */
const SEGMENT = /^[\w@+~ .-]+$/;
export function parseCodePath(raw: string): CodePath | undefined {
  if (!raw || raw.length > 1000) return undefined;
  const drive = /^[A-Za-z]:[\\/]/.test(raw);
  const absolute = drive || raw.startsWith('/') || raw.startsWith('\\');
  const segments = (drive ? raw.slice(3) : raw).split(/[\\/]+/).filter((s) => s && s !== '.');
  if (!segments.length || segments.some((s) => s === '..' || !SEGMENT.test(s) || /^\s|\s$/.test(s))) return undefined;
  return { absolute, segments };
}

/** The glob that finds every workspace file with the path's file name, wherever it lies. */
export function fileNameGlob(path: CodePath): string {
  return `**/${path.segments[path.segments.length - 1]}`;
}

/**
 * Which of the files with that name (`candidates`, each as its workspace-relative parts) the path
 * means: the one sharing the longest tail with it, so `/srv/app/src/orders.js` from a server's
 * stack trace is `src/orders.js` in the agent's checkout. Undefined when two share the longest
 * tail: guessing could open the wrong file.
 */
export function bestTailMatch(path: CodePath, candidates: readonly (readonly string[])[]): number | undefined {
  let best: number | undefined;
  let bestLength = 0;
  let tie = false;
  candidates.forEach((c, i) => {
    let n = 0;
    while (n < c.length && n < path.segments.length && c[c.length - 1 - n] === path.segments[path.segments.length - 1 - n]) n++;
    if (n > bestLength) {
      best = i;
      bestLength = n;
      tie = false;
    } else if (n === bestLength && n > 0) tie = true;
  });
  return tie ? undefined : best;
}

/** Whether `file` is `folder` or below it; both absolute and normalised, compared segment-wise. */
export function isInside(folder: string, file: string, caseInsensitive: boolean): boolean {
  const norm = (p: string) => {
    const s = p.replace(/\\/g, '/').replace(/\/+$/, '');
    return caseInsensitive ? s.toLowerCase() : s;
  };
  const f = norm(folder);
  const p = norm(file);
  return p === f || p.startsWith(`${f}/`);
}
