import * as l10n from '@vscode/l10n';

/**
 * Dates, times and ages in VS Code's display language rather than the operating system's
 * locale (what `toLocaleString()` with no argument would use). Pure modules cannot read
 * `vscode.env.language`, so activation hands it over once, as it configures `l10n` for strings.
 * Every formatter also takes the language explicitly, for tests.
 */
let current = 'en';

/** Called at activation with `vscode.env.language` ('en', 'pt-br', 'es', …). */
export function setDisplayLanguage(language: string): void {
  current = language;
}

/** VS Code's language id as a BCP 47 tag for Intl ('pt-br' → 'pt-BR'); English if it is not one. */
export function displayLocale(language = current): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'year';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

/** Whole seconds from `unixSeconds` to `nowMs`; a time slightly ahead of our clock counts as now. */
function elapsed(unixSeconds: number, nowMs: number): number {
  return Math.max(0, Math.floor(nowMs / 1000 - unixSeconds));
}

/** An age of at least a minute as a whole number of its largest unit. */
function largestUnit(seconds: number): [number, Unit] {
  if (seconds < HOUR) return [Math.floor(seconds / MINUTE), 'minute'];
  if (seconds < DAY) return [Math.floor(seconds / HOUR), 'hour'];
  if (seconds < WEEK) return [Math.floor(seconds / DAY), 'day'];
  if (seconds < YEAR) return [Math.floor(seconds / WEEK), 'week'];
  return [Math.floor(seconds / YEAR), 'year'];
}

// A tree repaints many rows at once: build each formatter once per locale and style.
const formatters = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** "now", "5m", "3h", "2d", "6w", "1y" in English ("agora", "5 min", "3 h" in pt-BR): short, for a row. */
export function age(unixSeconds: number, nowMs: number, language = current): string {
  const seconds = elapsed(unixSeconds, nowMs);
  const locale = displayLocale(language);
  if (seconds < MINUTE) {
    return cached(`${locale} auto`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(0, 'second');
  }
  const [n, unit] = largestUnit(seconds);
  return cached(`${locale} ${unit}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' })).format(n);
}

/**
 * "just now", then "5m ago" (narrow, for tooltips) or "5 minutes ago" (long, for screen readers);
 * "há 5 min." / "há 5 minutos" in pt-BR, "hace 5 min" / "hace 5 minutos" in Spanish.
 */
export function ago(unixSeconds: number, nowMs: number, style: 'narrow' | 'long', language = current): string {
  const seconds = elapsed(unixSeconds, nowMs);
  if (seconds < MINUTE) return l10n.t('just now');
  const locale = displayLocale(language);
  const [n, unit] = largestUnit(seconds);
  return cached(`${locale} ${style}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'always', style })).format(-n, unit);
}

/** Date and time of day, as the display language writes them. */
export function dateTime(ms: number, language = current): string {
  return new Date(ms).toLocaleString(displayLocale(language));
}

/** Time of day, as the display language writes it. */
export function timeOfDay(ms: number, language = current): string {
  return new Date(ms).toLocaleTimeString(displayLocale(language));
}
