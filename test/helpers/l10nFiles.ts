// The translation files as the l10n tests read them: the English source of truth and one file
// per shipped language, for the runtime bundles (l10n/) and the manifest (package.nls*.json).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../../..');

/** The display languages we ship besides English (VS Code's language ids, lower case). */
export const LANGUAGES = ['pt-br', 'es'] as const;

/** A bundle entry: the extractor writes `{ message, comment }` where a translator comment was given. */
export type Entry = string | { message: string; comment?: string[] };
export type Messages = Record<string, Entry>;

export function message(entry: Entry): string {
  return typeof entry === 'string' ? entry : entry.message;
}

/** A missing file reads as no messages: the extractor writes no bundle while no string is wrapped. */
export function readMessages(relative: string): Messages {
  const file = path.join(root, relative);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Messages) : {};
}

export const bundlePath = (language?: string): string =>
  language ? `l10n/bundle.l10n.${language}.json` : 'l10n/bundle.l10n.json';
export const nlsPath = (language?: string): string =>
  language ? `package.nls.${language}.json` : 'package.nls.json';

/**
 * What a translation must carry over unchanged: `{0}` / `{name}` placeholders, Markdown link
 * targets (commands, URLs) and `#setting.id#` references, each as a sorted multiset.
 */
export function invariants(text: string): { placeholders: string[]; links: string[]; settings: string[] } {
  const all = (re: RegExp) => [...text.matchAll(re)].map((m) => m[0]).sort();
  return {
    placeholders: all(/\{[^{}\s]+\}/g),
    links: all(/\]\([^)\s]+\)/g),
    settings: all(/#[a-z][\w.]*\.[\w.]+#/gi),
  };
}

/** Every `.ts` file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}
