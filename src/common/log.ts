/**
 * The logging surface pure modules depend on. The extension backs it with its one
 * LogOutputChannel; tests back it with an in-memory logger. Redaction happens here, in the
 * logger, so no caller can forget it.
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** The sink a Logger writes to; `vscode.LogOutputChannel` satisfies it structurally. */
export type LogSink = Logger;

const REDACTED = '[redacted]';

/**
 * Replaces every registered secret, and anything that looks like a token in a known
 * credential position, before a line leaves the process.
 */
export class Redactor {
  private readonly _secrets = new Set<string>();

  /** Registers a value that must never be logged verbatim (access tokens, pubsub tokens). */
  addSecret(value: string | undefined | null): void {
    // Very short strings would redact ordinary words; real tokens are long.
    if (value && value.length >= 8) this._secrets.add(value);
  }

  removeSecret(value: string | undefined | null): void {
    if (value) this._secrets.delete(value);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this._secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // Tokens in positions we know, even ones we were never told about. Both patterns name a
    // token, and most lines (one per realtime event at trace level) name none: skip the scans.
    if (!/token/i.test(out)) return out;
    return out
      .replace(/(api_access_token["']?\s*[:=]\s*["']?)[^"'\s,&}]+/gi, `$1${REDACTED}`)
      .replace(/(pubsub_token(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^"'\\\s,&}]+/gi, `$1${REDACTED}`);
  }
}

function render(arg: unknown): string {
  if (arg instanceof Error) return arg.stack ?? `${arg.name}: ${arg.message}`;
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

/** A Logger that tags every line with a component and redacts it before writing to the sink. */
export class RedactingLogger implements Logger {
  constructor(
    private readonly _sink: LogSink,
    private readonly _redactor: Redactor,
    private readonly _tag?: string,
  ) {}

  /** A logger for one component, e.g. `[cable]`, sharing this one's sink and secrets. */
  child(tag: string): RedactingLogger {
    return new RedactingLogger(this._sink, this._redactor, tag);
  }

  private _line(message: string | Error, args: unknown[]): string {
    const text = args.length === 0 && typeof message === 'string' ? message : [message, ...args].map(render).join(' ');
    return this._redactor.redact(this._tag ? `[${this._tag}] ${text}` : text);
  }

  trace(message: string, ...args: unknown[]): void {
    this._sink.trace(this._line(message, args));
  }
  debug(message: string, ...args: unknown[]): void {
    this._sink.debug(this._line(message, args));
  }
  info(message: string, ...args: unknown[]): void {
    this._sink.info(this._line(message, args));
  }
  warn(message: string, ...args: unknown[]): void {
    this._sink.warn(this._line(message, args));
  }
  error(message: string | Error, ...args: unknown[]): void {
    this._sink.error(this._line(message, args));
  }
}

/** Keeps lines in memory; for unit tests and for asserting that no secret was ever logged. */
export class MemoryLogSink implements LogSink {
  readonly lines: Array<{ level: string; text: string }> = [];
  trace(text: string): void {
    this.lines.push({ level: 'trace', text });
  }
  debug(text: string): void {
    this.lines.push({ level: 'debug', text });
  }
  info(text: string): void {
    this.lines.push({ level: 'info', text });
  }
  warn(text: string): void {
    this.lines.push({ level: 'warn', text });
  }
  error(text: string | Error): void {
    this.lines.push({ level: 'error', text: String(text) });
  }
}
