import * as l10n from '@vscode/l10n';
import { Clock } from './clock';
import { Disposable, toDisposable } from './dispose';
import { Emitter, Event } from './event';
import { Logger } from './log';

/** One server search a LiveQuery runs: what it is called in a failure sentence, and how to run it. */
export interface QueryPart<T> {
  /** "Message", "Customer", …: the failure reads "<what> search failed: …". */
  readonly what: string;
  run(query: string, signal: AbortSignal): Promise<T>;
}

export type QueryParts<R> = { readonly [K in keyof R]: QueryPart<R[K]> };

/** What the latest query has so far: the answers in, the searches still out, what failed. */
export interface QueryOutcome<R> {
  readonly query: string;
  readonly results: Partial<R>;
  readonly pending: { readonly [K in keyof R]: boolean };
  /** One sentence per search that failed, for the user; the details are in the log. */
  readonly failures: readonly string[];
}

export interface LiveQueryOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Quiet time after a keystroke before the server is asked. */
  readonly debounceMs?: number;
  /** Shorter queries are not sent: they match too much to be useful. */
  readonly minLength?: number;
  /** A request that failed because it was aborted: not a failure worth saying. */
  readonly isCancelled: (error: unknown) => boolean;
}

export const LIVE_QUERY_DEFAULTS = {
  // Long enough to skip the keystrokes of a word typed at speed, short enough to feel live;
  // Chatwoot's search endpoints are also rate-limited per account.
  debounceMs: 300,
  minLength: 2,
} as const;

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs several server searches in parallel for the latest query only, as a quick pick's text
 * changes: typing restarts a debounce timer, and a new query aborts the requests of the one
 * before, so a slow answer to an old query never replaces the results of a newer one. Results
 * are published as each search answers. Go to Conversation (`LiveSearch`) and `Chatwoot:
 * Search…` both run on it.
 */
export class LiveQuery<R extends object> extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<QueryOutcome<R> | undefined>());
  /** A new outcome, or undefined when the query became too short to send. */
  readonly onDidChange: Event<QueryOutcome<R> | undefined> = this._onDidChange.event;
  private readonly _debounceMs: number;
  private readonly _minLength: number;
  private _timer: ReturnType<Clock['setTimeout']> | undefined;
  private _current: AbortController | undefined;
  private _outcome: QueryOutcome<R> | undefined;

  constructor(
    private readonly _parts: QueryParts<R>,
    private readonly _options: LiveQueryOptions,
  ) {
    super();
    this._debounceMs = _options.debounceMs ?? LIVE_QUERY_DEFAULTS.debounceMs;
    this._minLength = _options.minLength ?? LIVE_QUERY_DEFAULTS.minLength;
    this._register(toDisposable(() => this._stop()));
  }

  /** The latest query's results so far; undefined before the first search or for a short query. */
  get outcome(): QueryOutcome<R> | undefined {
    return this._outcome;
  }

  /** Whether a search is waiting for its debounce or for the server. */
  get isBusy(): boolean {
    return this._timer !== undefined || (this._outcome !== undefined && Object.values<boolean>(this._outcome.pending).some((p) => p));
  }

  /** The text changed: search it once typing pauses. */
  setQuery(value: string): void {
    if (this.isDisposed) return;
    this._stop();
    const query = value.trim();
    if (query.length < this._minLength) {
      this._publish(undefined);
      return;
    }
    this._timer = this._options.clock.setTimeout(() => {
      this._timer = undefined;
      void this.search(query);
    }, this._debounceMs);
  }

  /** Searches at once (superseding any query in flight); resolves when every search settled. */
  async search(value: string): Promise<QueryOutcome<R>> {
    const query = value.trim();
    this._stop();
    const controller = new AbortController();
    this._current = controller;
    const current = () => this._current === controller && !this.isDisposed;
    const keys = Object.keys(this._parts) as Array<keyof R>;
    let outcome: QueryOutcome<R> = {
      query,
      results: {},
      pending: Object.fromEntries(keys.map((k) => [k, true])) as QueryOutcome<R>['pending'],
      failures: [],
    };
    const settle = <K extends keyof R>(key: K, change: Partial<Pick<QueryOutcome<R>, 'results' | 'failures'>>) => {
      outcome = { ...outcome, ...change, pending: { ...outcome.pending, [key]: false } };
      if (current()) this._publish(outcome);
    };
    this._publish(outcome);
    await Promise.all(
      keys.map((key) => {
        const part = this._parts[key];
        return part.run(query, controller.signal).then(
          (answer) => settle(key, { results: { ...outcome.results, [key]: answer } }),
          (error: unknown) => {
            if (this._options.isCancelled(error) || !current()) return settle(key, {});
            const sentence = l10n.t('{0} search failed: {1}', part.what, describeFailure(error));
            this._options.logger.warn(`search (${query.length} characters): ${sentence}`);
            settle(key, { failures: [...outcome.failures, sentence] });
          },
        );
      }),
    );
    if (this._current === controller) this._current = undefined;
    return outcome;
  }

  private _publish(outcome: QueryOutcome<R> | undefined): void {
    this._outcome = outcome;
    this._onDidChange.fire(outcome);
  }

  /** Cancels the pending debounce and aborts the requests in flight. */
  private _stop(): void {
    if (this._timer !== undefined) {
      this._options.clock.clearTimeout(this._timer);
      this._timer = undefined;
    }
    this._current?.abort();
    this._current = undefined;
  }
}
