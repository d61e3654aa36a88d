/** Formatting of dates, sizes and names for display, in VS Code's display language (locale.ts). */
import * as l10n from '@vscode/l10n';
import { displayLanguage } from './locale';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `toLocale*String` builds a new formatter on every call, which made formatting most of the cost
 * of rendering a long conversation (three labels per message); these are built once, on first use.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(displayLanguage(), options)));
  return f;
}

/** Local calendar day, used to group messages. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function dayLabel(ms: number, nowMs: number): string {
  const startOfToday = new Date(nowMs);
  startOfToday.setHours(0, 0, 0, 0);
  const diff = startOfToday.getTime() - new Date(ms).setHours(0, 0, 0, 0);
  if (diff === 0) return relativeDay(0);
  // Round: days around a daylight-saving change are 23 or 25 hours long.
  if (Math.round(diff / DAY_MS) === 1) return relativeDay(-1);
  const sameYear = new Date(ms).getFullYear() === new Date(nowMs).getFullYear();
  return sameYear
    ? formatter('day', { weekday: 'long', month: 'long', day: 'numeric' }).format(ms)
    : formatter('dayYear', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(ms);
}

let relative: Intl.RelativeTimeFormat | undefined;

/** "Today", "Yesterday" (`hoje`, `ontem`…): Intl's word for the day, capitalised as a heading. */
function relativeDay(days: number): string {
  relative ??= new Intl.RelativeTimeFormat(displayLanguage(), { numeric: 'auto' });
  const word = relative.format(days, 'day');
  return word.charAt(0).toLocaleUpperCase(displayLanguage()) + word.slice(1);
}

export function timeLabel(ms: number): string {
  if (fastTime === undefined) fastTime = learnTimeFormat();
  return fastTime ? fastTime(new Date(ms)) : formatter('time', TIME).format(ms);
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
let fastTime: ((d: Date) => string) | null | undefined;

/**
 * Every message shows its time, and even a cached Intl formatter costs microseconds a call: the
 * locale's pattern (order, separators, AM/PM words, padding) is learned once from Intl and filled
 * in with the hour and minute. It is used only when it reproduces Intl for every half hour of a
 * day, and only for Latin digits; otherwise Intl formats each label.
 */
function learnTimeFormat(): ((d: Date) => string) | null {
  try {
    const intl = formatter('time', TIME);
    const { numberingSystem, hourCycle } = intl.resolvedOptions();
    if (numberingSystem !== 'latn') return null;
    const am = intl.formatToParts(new Date(2000, 0, 3, 9, 5));
    const pm = intl.formatToParts(new Date(2000, 0, 3, 21, 5));
    const pad = am.find((p) => p.type === 'hour')?.value.length === 2;
    const hourOf = (h: number): number => {
      switch (hourCycle) {
        case 'h11':
          return h % 12;
        case 'h12':
          return h % 12 || 12;
        case 'h24':
          return h || 24;
        default:
          return h;
      }
    };
    const format = (d: Date): string => {
      const h = hourOf(d.getHours());
      const m = d.getMinutes();
      let out = '';
      for (const p of d.getHours() < 12 ? am : pm) {
        out += p.type === 'hour' ? (pad && h < 10 ? `0${h}` : String(h)) : p.type === 'minute' ? (m < 10 ? `0${m}` : String(m)) : p.value;
      }
      return out;
    };
    for (let i = 0; i < 48; i++) {
      const d = new Date(2000, 0, 3, Math.floor(i / 2), (i % 2) * 30 + 7);
      if (format(d) !== intl.format(d)) return null;
    }
    return format;
  } catch {
    return null;
  }
}

/**
 * A page's first date formatter costs 40–60 ms (the browser loads its locale data), which the
 * first render of a conversation would otherwise pay; the app calls this while the host is still
 * fetching the conversation.
 */
export function warmUpFormatters(): void {
  const now = Date.now();
  timeLabel(now);
  dayLabel(now, now);
  dayLabel(now - 7 * DAY_MS, now);
}

export function fullDateTime(ms: number): string {
  return formatter('full', { dateStyle: 'full', timeStyle: 'short' }).format(ms);
}

export function fileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[u]}`;
}

/** ActiveStorage URLs end in the file name (`…/redirect/<key>/report.pdf`). */
export function fileNameFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}

const CHANNELS: Readonly<Record<string, string>> = {
  'Channel::Api': 'API',
  'Channel::Whatsapp': 'WhatsApp',
  'Channel::FacebookPage': 'Facebook',
  'Channel::Instagram': 'Instagram',
  'Channel::TwitterProfile': 'X (Twitter)',
  'Channel::TwilioSms': 'SMS',
  'Channel::Sms': 'SMS',
  'Channel::Telegram': 'Telegram',
  'Channel::Line': 'LINE',
};

export function channelLabel(channel: string | null | undefined): string | null {
  if (!channel) return null;
  // The two that are words rather than names, looked up when drawn.
  if (channel === 'Channel::WebWidget') return l10n.t('Website');
  if (channel === 'Channel::Email') return l10n.t('Email');
  return CHANNELS[channel] ?? channel.replace(/^Channel::/, '');
}

/** A conversation's status as shown (Chatwoot's four; anything newer as written, capitalised). */
export function statusLabel(status: string): string {
  switch (status) {
    case 'open':
      return l10n.t({ message: 'Open', comment: ['A conversation status: not yet resolved'] });
    case 'resolved':
      return l10n.t('Resolved');
    case 'pending':
      return l10n.t('Pending');
    case 'snoozed':
      return l10n.t('Snoozed');
    default:
      return capitalize(status);
  }
}

/** A conversation's priority as shown. */
export function priorityLabel(priority: string): string {
  switch (priority) {
    case 'urgent':
      return l10n.t({ message: 'Urgent', comment: ['A conversation priority'] });
    case 'high':
      return l10n.t({ message: 'High', comment: ['A conversation priority'] });
    case 'medium':
      return l10n.t({ message: 'Medium', comment: ['A conversation priority'] });
    case 'low':
      return l10n.t({ message: 'Low', comment: ['A conversation priority'] });
    default:
      return capitalize(priority);
  }
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
