/**
 * Bounds a list kept oldest first (an insertion-ordered record's keys, a queue): the newest `max`
 * are kept, the rest dropped, so the caller can let go of what they hold.
 */
export function trimOldest<T>(items: readonly T[], max: number): { readonly kept: T[]; readonly dropped: T[] } {
  const cut = Math.max(0, items.length - Math.max(0, max));
  return { kept: items.slice(cut), dropped: items.slice(0, cut) };
}
