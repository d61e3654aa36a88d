import { Logger } from '../../src/common/log';

/**
 * A Logger that keeps every call as given, with no redaction, so a test can prove the code under
 * test never hands a secret to the logger in the first place.
 */
export class CapturingLogger implements Logger {
  readonly lines: Array<{ level: string; text: string }> = [];

  private _push(level: string, message: string | Error, args: unknown[]): void {
    const text = [message, ...args].map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    this.lines.push({ level, text });
  }

  trace(message: string, ...args: unknown[]): void {
    this._push('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this._push('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this._push('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this._push('warn', message, args);
  }
  error(message: string | Error, ...args: unknown[]): void {
    this._push('error', message, args);
  }

  at(level: string): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.text);
  }

  /** Every line, for "never contains the token" checks. */
  get all(): string {
    return this.lines.map((l) => l.text).join('\n');
  }
}
