import * as l10n from '@vscode/l10n';

/**
 * The rows Go to Conversation and `Chatwoot: Search…` share, free of `vscode` so each list is
 * tested in plain Node: a separator over a section, and a notice (a failed search, no matches)
 * that the quick pick's own filter must not hide.
 */
export type SectionRow = { readonly kind: 'separator'; readonly label: string } | { readonly kind: 'notice'; readonly label: string; readonly detail: string };

export function isSectionRow(row: { readonly kind: string }): row is SectionRow {
  return row.kind === 'separator' || row.kind === 'notice';
}

/** One notice per search that failed, first in the list. */
export function failureNotices(failures: readonly string[]): SectionRow[] {
  return failures.map((failure) => ({ kind: 'notice', label: `$(warning) ${l10n.t('Search failed')}`, detail: failure }));
}
