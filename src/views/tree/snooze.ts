import * as l10n from '@vscode/l10n';

/**
 * The snooze choices of the list and when each ends. "Tomorrow" and "next week" mean the start of
 * a working day in the agent's own time zone (09:00), as Chatwoot's dashboard offers them.
 */
export type SnoozeOption = 'nextReply' | 'oneHour' | 'tomorrow' | 'nextWeek';

export const SNOOZE_OPTION_IDS: readonly SnoozeOption[] = ['nextReply', 'oneHour', 'tomorrow', 'nextWeek'];

/** The choices as the snooze picker shows them (translated when asked, not at load). */
export function snoozeOptions(): ReadonlyArray<{ readonly id: SnoozeOption; readonly label: string; readonly detail: string }> {
  return [
    { id: 'nextReply', label: l10n.t('Until next reply'), detail: l10n.t('Reopens when the contact writes again') },
    { id: 'oneHour', label: l10n.t('For 1 hour'), detail: '' },
    { id: 'tomorrow', label: l10n.t('Until tomorrow'), detail: l10n.t('09:00 tomorrow') },
    { id: 'nextWeek', label: l10n.t('Until next week'), detail: l10n.t('09:00 next Monday') },
  ];
}

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
