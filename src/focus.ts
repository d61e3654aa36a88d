import * as vscode from 'vscode';
import { Event } from './common/event';

/** Window focus as the heartbeat and notifications need it; pure modules depend on this shape only. */
export interface FocusSource {
  readonly focused: boolean;
  readonly onDidChangeFocus: Event<boolean>;
}

/** The one seam over `vscode.window.state`: tests blur the real window, or substitute this. */
export const windowFocus: FocusSource = {
  get focused() {
    return vscode.window.state.focused;
  },
  onDidChangeFocus: (listener, thisArgs, disposables) => {
    let last = vscode.window.state.focused;
    return vscode.window.onDidChangeWindowState((s) => {
      if (s.focused !== last) {
        last = s.focused;
        listener.call(thisArgs, s.focused);
      }
    }, undefined, disposables as vscode.Disposable[] | undefined);
  },
};
