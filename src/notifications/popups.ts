import * as vscode from 'vscode';
import { Severity } from './notificationText';

/**
 * The one seam over `vscode.window.show*Message` for Chatwoot notifications: tests observe
 * what would pop up (and pick an action) by replacing `show` for the duration of a test.
 */
export const popups = {
  show(severity: Severity, message: string, ...actions: string[]): Thenable<string | undefined> {
    return severity === 'warning'
      ? vscode.window.showWarningMessage(message, ...actions)
      : vscode.window.showInformationMessage(message, ...actions);
  },
};
