/**
 * The snooze choices of the list and when each ends. "Tomorrow" and "next week" mean the start of
 * a working day in the agent's own time zone (09:00), as Chatwoot's dashboard offers them.
 */
export type SnoozeOption = 'nextReply' | 'oneHour' | 'tomorrow' | 'nextWeek';

export const SNOOZE_OPTIONS: ReadonlyArray<{ readonly id: SnoozeOption; readonly label: string; readonly detail: string }> = [
  { id: 'nextReply', label: 'Until next reply', detail: 'Reopens when the contact writes again' },
  { id: 'oneHour', label: 'For 1 hour', detail: '' },
  { id: 'tomorrow', label: 'Until tomorrow', detail: '09:00 tomorrow' },
  { id: 'nextWeek', label: 'Until next week', detail: '09:00 next Monday' },
];

const WORKDAY_START_HOUR = 9;

/** Unix seconds the snooze ends, or undefined for "until the next reply" (no `snoozed_until`). */
export function snoozeUntil(option: SnoozeOption, nowMs: number): number | undefined {
  const now = new Date(nowMs);
  switch (option) {
    case 'nextReply':
      return undefined;
    case 'oneHour':
      return Math.floor(nowMs / 1000) + 3600;
    case 'tomorrow': {
      const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, WORKDAY_START_HOUR);
      return Math.floor(d.getTime() / 1000);
    }
    case 'nextWeek': {
      // Days until the next Monday (getDay: 0 Sunday … 6 Saturday); a Monday means a week on.
      const days = ((8 - now.getDay()) % 7) || 7;
      const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, WORKDAY_START_HOUR);
      return Math.floor(d.getTime() / 1000);
    }
  }
}
