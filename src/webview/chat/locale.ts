/**
 * VS Code's display language in a webview app: the host puts it and its translations in the
 * page (src/views/chat/html.ts); the app reads them before it renders anything, so every
 * `l10n.t` afterwards finds the bundle and every date is formatted for that language.
 */
import * as l10n from '@vscode/l10n';
import type { WebviewLocale } from '../../protocol/webviewLocale';

let language: string | undefined;

/**
 * The page's locale, checked as any data the app reads: a language tag Intl accepts and a flat
 * object of strings. Anything else is left out (English text, the browser's date format).
 */
export function parseLocale(json: string | null | undefined): { language?: string; bundle?: Record<string, string> } {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : null;
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const { language: lang, bundle } = raw as Partial<Record<keyof WebviewLocale, unknown>>;
  const out: { language?: string; bundle?: Record<string, string> } = {};
  if (typeof lang === 'string' && lang) {
    try {
      out.language = Intl.getCanonicalLocales(lang)[0];
    } catch {
      // Not a language tag: the browser's own formats.
    }
  }
  if (typeof bundle === 'object' && bundle !== null && !Array.isArray(bundle)) {
    // No prototype: a message such as "constructor" must not find Object's.
    const strings = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(bundle)) if (typeof value === 'string') strings[key] = value;
    out.bundle = strings;
  }
  return out;
}

/** Reads the page's locale and configures `l10n` with it; call once, before the first render. */
// Structural rather than `Document`: this module's parser is unit-tested in Node, without the DOM.
export function applyPageLocale(doc: { getElementById(id: string): { textContent: string | null } | null }): void {
  const locale = parseLocale(doc.getElementById('l10n')?.textContent);
  language = locale.language;
  if (locale.bundle) l10n.config({ contents: locale.bundle });
}

/** The language dates and times are formatted for; undefined: the browser's default. */
export function displayLanguage(): string | undefined {
  return language;
}
