/** Formatting of dates, sizes and names for display. Locale comes from the webview (VS Code's UI language). */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Local calendar day, used to group messages. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function dayLabel(ms: number, nowMs: number): string {
  const startOfToday = new Date(nowMs);
  startOfToday.setHours(0, 0, 0, 0);
  const diff = startOfToday.getTime() - new Date(ms).setHours(0, 0, 0, 0);
  if (diff === 0) return 'Today';
  // Round: days around a daylight-saving change are 23 or 25 hours long.
  if (Math.round(diff / DAY_MS) === 1) return 'Yesterday';
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date(nowMs).getFullYear();
  return d.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: sameYear ? undefined : 'numeric' });
}

export function timeLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function fullDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
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
  'Channel::WebWidget': 'Website',
  'Channel::Email': 'Email',
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
  return CHANNELS[channel] ?? channel.replace(/^Channel::/, '');
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
