import * as vscode from 'vscode';
import { Event } from '../common/event';
import { isSectionRow, SectionRow } from './quickPickRows';

/** A search that runs as the agent types (`LiveQuery`, `LiveSearch`): debounced, stale answers dropped. */
export interface LiveSource {
  readonly onDidChange: Event<unknown>;
  readonly isBusy: boolean;
  setQuery(value: string): void;
  dispose(): void;
}

/** A quick pick item; `target` is what picking it resolves with (separators and notices have none). */
export interface LiveItem<T> extends vscode.QuickPickItem {
  readonly target?: T;
}

export interface LivePickOptions<R extends { readonly kind: string }, T> {
  readonly title: string;
  readonly placeholder: string;
  /** Let VS Code's filter also match descriptions and details. */
  readonly matchAll?: boolean;
  /** Owned by the quick pick: disposed when it hides. */
  readonly live: LiveSource;
  /** The rows for the text typed, asked again whenever it or the live search's outcome changes. */
  rows(value: string): readonly R[];
  /** The item of one of the caller's own rows. */
  item(row: Exclude<R, SectionRow>): LiveItem<T>;
}

function sectionItem<T>(row: SectionRow): LiveItem<T> {
  return row.kind === 'separator' ? { label: row.label, kind: vscode.QuickPickItemKind.Separator } : { label: row.label, detail: row.detail, alwaysShow: true };
}

/**
 * Shows a quick pick whose typed text feeds `live` and whose items follow its outcome (busy
 * while it searches), until the agent picks an item with a target (resolved) or leaves
 * (undefined); then disposes the quick pick, its listeners and `live`.
 */
export function showLivePick<R extends { readonly kind: string }, T>(options: LivePickOptions<R, T>): Promise<T | undefined> {
  const { live } = options;
  const quickPick = vscode.window.createQuickPick<LiveItem<T>>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeholder;
  if (options.matchAll) quickPick.matchOnDescription = quickPick.matchOnDetail = true;
  const render = () => {
    quickPick.items = options.rows(quickPick.value).map((row) => (isSectionRow(row) ? sectionItem<T>(row) : options.item(row as Exclude<R, SectionRow>)));
    quickPick.busy = live.isBusy;
  };
  const subscriptions: vscode.Disposable[] = [live];
  return new Promise<T | undefined>((resolve) => {
    subscriptions.push(
      live.onDidChange(render),
      quickPick.onDidChangeValue((value) => {
        live.setQuery(value);
        render();
      }),
      quickPick.onDidAccept(() => {
        const target = quickPick.selectedItems[0]?.target;
        if (target === undefined) return;
        resolve(target);
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        resolve(undefined);
        for (const s of subscriptions) s.dispose();
        quickPick.dispose();
      }),
    );
    render();
    quickPick.show();
  });
}
