import * as vscode from 'vscode';
import { LOG_CHANNEL_NAME } from './constants';
import { RedactingLogger, Redactor } from './common/log';

/** The one log channel of the extension, and the redacting root logger every component derives from. */
export function createLogging(): { channel: vscode.LogOutputChannel; logger: RedactingLogger; redactor: Redactor } {
  const channel = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
  const redactor = new Redactor();
  return { channel, redactor, logger: new RedactingLogger(channel, redactor) };
}
