import * as vscode from 'vscode';
import { FocusSource } from './realtime/heartbeat';

export type { FocusSource };

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
    }, undefined, disposables);
  },
};

/** For `chatwoot.presence.mode = whileOpen`: counts as focused as long as VS Code is open. */
export const alwaysFocused: FocusSource = {
  focused: true,
  onDidChangeFocus: () => ({ dispose() {} }),
};
