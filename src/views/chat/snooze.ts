import * as vscode from 'vscode';

/** Unix seconds to snooze until, `null` for "until the next reply", undefined when cancelled. */
export async function pickSnoozeUntil(now = new Date()): Promise<number | null | undefined> {
  const at = (d: Date) => Math.floor(d.getTime() / 1000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const nextWeek = new Date(now);
  nextWeek.setDate(now.getDate() + ((8 - now.getDay()) % 7 || 7));
  nextWeek.setHours(9, 0, 0, 0);
  const items = [
    { label: 'Until the next reply', until: null },
    { label: 'For 1 hour', description: new Date(now.getTime() + 3600_000).toLocaleTimeString(), until: at(new Date(now.getTime() + 3600_000)) },
    { label: 'Until tomorrow', description: tomorrow.toLocaleString(), until: at(tomorrow) },
    { label: 'Until next week', description: nextWeek.toLocaleString(), until: at(nextWeek) },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Snooze conversation', placeHolder: 'Snooze until…' });
  return picked ? picked.until : undefined;
}
