import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { describeIssues } from '../common/schemaIssues';
import { BackoffPolicy, backoffDelay } from '../common/backoff';
import { Clock, systemClock } from '../common/clock';
import { Logger, Redactor } from '../common/log';
import { ApiError, httpError, notChatwoot, parseRetryAfter, transportError } from './errors';

/** Accepts a 200 with or without a body, for endpoints whose response differs between versions. */
export const AnyBody = z.unknown();

/** Any zod schema: zod/mini's, or (in tests) full zod's, which share one core. */
export type Schema = z.core.$ZodType;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface ApiRequest<S extends Schema> {
  readonly method: HttpMethod;
  /** Absolute path below the installation, e.g. `/api/v1/profile`. */
  readonly path: string;
  /** Arrays become Rails-style `key[]=a&key[]=b`; undefined and null are left out. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Validates the response; an empty body is passed as `undefined`. */
  readonly schema: S;
  /** Aborts the request (a query the user has typed past); it then fails with kind `cancelled`. */
  readonly signal?: AbortSignal;
  /** A body that is not JSON (a file upload), streamed with its length known; replaces `body`. */
  readonly upload?: RawUpload;
}

export interface RawUpload {
  readonly contentType: string;
  readonly length: number;
  body(): ReadableStream<Uint8Array>;
  /** An upload takes longer than the usual request: its own bound. */
  readonly timeoutMs?: number;
}

export interface ApiClientOptions {
  /** The installation, e.g. `https://chat.example.com` (a path prefix is kept). */
  readonly baseUrl: string;
  /** The user's access token; registered with the redactor at once. */
  readonly token: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly redactor?: Redactor;
  /** Per request, including reading the body. */
  readonly timeoutMs?: number;
  /**
   * Longest Retry-After a GET waits out before asking again; a longer one fails at once. Writes
   * are never retried: a reply that did reach the server must not be sent twice.
   */
  readonly maxRetryAfterMs?: number;
  /** How often a GET is asked again after a network error, a timeout, 502/503/504 or a Retry-After. */
  readonly maxRetries?: number;
  /** Waits between those retries when the server names none. */
  readonly retryBackoff?: BackoffPolicy;
  readonly fetch?: typeof fetch;
  /** The proxy VS Code sends requests through, read at each failure only to name it in ApiError's advice. */
  readonly proxy?: () => string | undefined;
}

export const API_DEFAULTS = {
  timeoutMs: 20_000,
  maxRetryAfterMs: 10_000,
  maxRetries: 3,
  // Bounds of 0.5, 1 and 2 s: a proxy's 502 while the app restarts, or a dropped keep-alive
  // connection, is over by then; anything longer is an outage the caller reports.
  retryBackoff: { baseMs: 500, capMs: 4_000 },
} as const;

// Gateway errors: the proxy in front of Chatwoot could not reach it (restart, deploy, overload);
// the request most likely never ran. A 500 is Chatwoot's own failure and repeats (§13).
const RETRIED_STATUSES = new Set([502, 503, 504]);

/** Mark our own aborts apart from any other rejection. */
const TIMEOUT = Symbol('timeout');
const CANCELLED = Symbol('cancelled');

interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * The REST transport: builds URLs below the installation, sends the `api_access_token` header,
 * bounds every request with a timeout, retries reads that met a passing failure (never writes;
 * docs/chatwoot-rest.md §14), validates JSON with zod, and turns every failure into one ApiError. One instance per signed-in installation; the per-resource modules (profile.ts,
 * conversations.ts, …) are thin typed functions over it.
 */
export class ApiClient {
  private readonly _base: URL;
  private readonly _clock: Clock;
  private readonly _timeoutMs: number;
  private readonly _maxRetryAfterMs: number;
  private readonly _maxRetries: number;
  private readonly _backoff: BackoffPolicy;
  private readonly _fetch: typeof fetch;

  constructor(private readonly _options: ApiClientOptions) {
    this._base = new URL(_options.baseUrl);
    if (this._base.protocol !== 'http:' && this._base.protocol !== 'https:') {
      throw new TypeError(`installation URL must be http: or https:, not ${this._base.protocol}`);
    }
    _options.redactor?.addSecret(_options.token);
    this._clock = _options.clock ?? systemClock;
    this._timeoutMs = _options.timeoutMs ?? API_DEFAULTS.timeoutMs;
    this._maxRetryAfterMs = _options.maxRetryAfterMs ?? API_DEFAULTS.maxRetryAfterMs;
    this._maxRetries = _options.maxRetries ?? API_DEFAULTS.maxRetries;
    this._backoff = _options.retryBackoff ?? API_DEFAULTS.retryBackoff;
    this._fetch = _options.fetch ?? fetch;
  }

  get baseUrl(): string {
    return this._base.href;
  }

  async request<S extends Schema>(req: ApiRequest<S>): Promise<z.infer<S>> {
    const label = `${req.method} ${req.path}`;
    const retries = req.method === 'GET' ? this._maxRetries : 0;
    for (let attempt = 1; ; attempt++) {
      let raw: RawResponse;
      try {
        raw = await this._send(req, label);
      } catch (error) {
        const isTransport = error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout');
        if (!isTransport || attempt > retries) throw error;
        await this._retryWait(req, label, attempt, retries, undefined, error.kind === 'timeout' ? 'timed out' : error.message);
        continue;
      }
      // Any refusal may say when to ask again; a redirect's Retry-After is about following it, which we never do.
      const failed = raw.status >= 400;
      const retryAfter = failed ? parseRetryAfter(raw.headers.get('retry-after'), this._clock.now()) : undefined;
      if (retryAfter !== undefined && retryAfter > this._maxRetryAfterMs) {
        this._options.logger?.warn(`${label}: HTTP ${raw.status} asks to wait ${Math.ceil(retryAfter / 1000)} s, longer than ${this._maxRetryAfterMs / 1000} s; not retrying`);
      } else if (attempt <= retries && (retryAfter !== undefined || RETRIED_STATUSES.has(raw.status))) {
        await this._retryWait(req, label, attempt, retries, retryAfter, `HTTP ${raw.status}`);
        continue;
      }
      return this._interpret(req, label, raw);
    }
  }

  /**
   * Waits before retry number `attempt`: what the server's Retry-After said, else a jittered
   * backoff. Abandoned as `cancelled` the moment the caller's signal aborts.
   */
  private _retryWait(req: ApiRequest<Schema>, label: string, attempt: number, retries: number, retryAfterMs: number | undefined, reason: string): Promise<void> {
    const ms = retryAfterMs ?? backoffDelay(attempt, this._clock.random(), this._backoff);
    const asked = retryAfterMs === undefined ? '' : ' as the server asked';
    this._options.logger?.warn(`${label} ${reason}; retry ${attempt} of ${retries} in ${ms} ms${asked}`);
    const signal = req.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled(label));
      const onAbort = () => {
        this._clock.clearTimeout(timer);
        this._options.logger?.debug(`${label} cancelled while waiting to retry`);
        reject(cancelled(label));
      };
      const timer = this._clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private _url(path: string, query: ApiRequest<Schema>['query']): URL {
    const url = new URL(this._base.href);
    url.pathname = this._base.pathname.replace(/\/+$/, '') + path;
    url.search = '';
    url.hash = '';
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) url.searchParams.append(`${key}[]`, String(item));
      } else {
        url.searchParams.append(key, String(value));
      }
    }
    return url;
  }

  private async _send(req: ApiRequest<Schema>, label: string): Promise<RawResponse> {
    const url = this._url(req.path, req.query);
    const host = this._base.host;
    const controller = new AbortController();
    const cancel = () => controller.abort(CANCELLED);
    if (req.signal?.aborted) throw cancelled(label);
    req.signal?.addEventListener('abort', cancel, { once: true });
    const timer = this._clock.setTimeout(() => controller.abort(TIMEOUT), req.upload?.timeoutMs ?? this._timeoutMs);
    const started = this._clock.now();
    try {
      const headers: Record<string, string> = {
        api_access_token: this._options.token,
        accept: 'application/json',
      };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      const upload = req.upload;
      if (upload) {
        headers['content-type'] = upload.contentType;
        // Known up front, so the body goes with a length (not chunked), as a browser's FormData does.
        headers['content-length'] = String(upload.length);
      }
      const response = await this._fetch(url, {
        method: req.method,
        headers,
        body: upload ? upload.body() : req.body === undefined ? undefined : JSON.stringify(req.body),
        // A stream body must say it is sent whole before the response is read (fetch's rule).
        ...(upload ? { duplex: 'half' } : {}),
        signal: controller.signal,
        // A redirect would carry api_access_token to wherever Location points; report it instead.
        redirect: 'manual',
      });
      const text = await response.text();
      this._options.logger?.debug(`${label} → ${response.status} (${this._clock.now() - started} ms)`);
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason === CANCELLED) {
        this._options.logger?.debug(`${label} cancelled`);
        throw cancelled(label);
      }
      if (controller.signal.aborted && controller.signal.reason === TIMEOUT) {
        this._options.logger?.warn(`${label} timed out after ${this._timeoutMs} ms`);
        throw new ApiError('timeout', l10n.t('{0} did not answer within {1} s.', host, Math.round(this._timeoutMs / 1000)), {
          request: label,
        });
      }
      const apiError = transportError(error, host, label, this._options.proxy?.());
      this._options.logger?.warn(`${label} failed: ${apiError.message}`);
      throw apiError;
    } finally {
      this._clock.clearTimeout(timer);
      req.signal?.removeEventListener('abort', cancel);
    }
  }

  private _interpret<S extends Schema>(req: ApiRequest<S>, label: string, raw: RawResponse): z.infer<S> {
    const host = this._base.host;
    const contentType = raw.headers.get('content-type') ?? '';
    let json: unknown = undefined;
    let isJson = false;
    if (raw.text.trim() !== '') {
      try {
        json = JSON.parse(raw.text);
        isJson = true;
      } catch {
        isJson = false;
      }
    }
    if (raw.status < 200 || raw.status >= 300) {
      const error = httpError({
        status: raw.status,
        json,
        isJson,
        contentType,
        retryAfterMs: parseRetryAfter(raw.headers.get('retry-after'), this._clock.now()),
        host,
        request: label,
      });
      this._options.logger?.warn(`${label} failed: ${error.kind} (HTTP ${raw.status})`);
      throw this._redacted(error);
    }
    if (raw.text.trim() !== '' && !isJson) {
      throw notChatwoot(host, contentType, { status: raw.status, request: label });
    }
    const parsed = z.safeParse(req.schema, json);
    if (!parsed.success) {
      const problem = describeIssues(parsed.error);
      this._options.logger?.warn(`${label}: unexpected response shape: ${problem}`);
      throw new ApiError('invalid-response', l10n.t('Unexpected response from {0} for {1}: {2}.', host, label, problem), {
        status: raw.status,
        request: label,
      });
    }
    return parsed.data;
  }

  /** Server-provided text ends up in messages; make sure no registered secret rides along. */
  private _redacted(error: ApiError): ApiError {
    const redactor = this._options.redactor;
    if (!redactor) return error;
    const message = redactor.redact(error.message);
    if (message === error.message) return error;
    return new ApiError(error.kind, message, error);
  }
}

function cancelled(label: string): ApiError {
  return new ApiError('cancelled', `${label} was cancelled.`, { request: label });
}
