import type { ExtensionApi } from '../../../src/extension';
import { within } from '../wait';

export type Shown = { severity: string; message: string; actions: string[] };

/** Records every pop-up through the one seam, and still shows it for real. */
export function recordPopups(api: ExtensionApi): { shown: Shown[]; next: () => Promise<Shown>; restore: () => void } {
  // The extension's own instance: the bundle does not share modules with the tests.
  const popups = api.popups;
  const original = popups.show;
  const shown: Shown[] = [];
  const waiters: Array<(s: Shown) => void> = [];
  popups.show = (severity, message, ...actions) => {
    const s = { severity, message, actions };
    shown.push(s);
    waiters.shift()?.(s);
    return original(severity, message, ...actions);
  };
  return {
    shown,
    next: () => within(new Promise<Shown>((resolve) => waiters.push(resolve)), 'a pop-up', 15000),
    restore: () => (popups.show = original),
  };
}
