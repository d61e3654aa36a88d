import * as l10n from '@vscode/l10n';
import { NetworkAdvice, diagnoseNetworkError } from './networkErrors';

/**
 * Every way a Chatwoot REST call can fail, as one error type whose `kind` tells the caller what to
 * do. The split that matters most: Chatwoot answers 401 both for a revoked token and for a mere
 * authorization refusal (docs/chatwoot-rest.md §13); only the first means "signed out". Messages are written
 * for people and never contain the access token.
 */
export type ApiErrorKind =
  /** The token is unknown or revoked: sign in again. */
  | 'unauthorized'
  /** Authenticated, but not allowed to do this (401 "You are not authorized…", 403). Stay signed in. */
  | 'forbidden'
  | 'not-found'
  /** 422: the server refused the input; `message` says why. */
  | 'unprocessable'
  /** 429; `retryAfterMs` when the server said. */
  | 'rate-limited'
  /** 5xx. */
  | 'server'
  /** Any other HTTP status, and redirects (which would carry the token to another address). */
  | 'http'
  /** Unreachable: DNS, refused, reset. */
  | 'network'
  /** The TLS handshake failed: certificate expired, self-signed, wrong host, not TLS at all. */
  | 'tls'
  | 'timeout'
  /** The caller aborted the request (its AbortSignal); nobody waits for the answer any more. */
  | 'cancelled'
  /** Something answered, but not a Chatwoot API (an HTML page, a login portal, a wrong base URL). */
  | 'not-chatwoot'
  /** JSON, but not the shape this client relies on. */
  | 'invalid-response';

export interface ApiErrorDetails {
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The transport's error code (ECONNREFUSED, CERT_HAS_EXPIRED, …) for network and TLS errors. */
  readonly code?: string;
  /** `METHOD /path` of the request, for logs. */
  readonly request?: string;
  /** For network and TLS errors: the setting that fixes it, when a proxy or a certificate is to blame. */
  readonly advice?: NetworkAdvice;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly code: string | undefined;
  readonly request: string | undefined;
  readonly advice: NetworkAdvice | undefined;

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    details: ApiErrorDetails = {},
  ) {
    super(message);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.code = details.code;
    this.request = details.request;
    this.advice = details.advice;
  }

  /** Whether retrying the same request later can succeed. */
  get isTransient(): boolean {
    return (
      this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate-limited'
    );
  }
}

/** Turns a fetch rejection into a network or TLS ApiError with a message a user can act on, and advice when a proxy or a certificate is to blame. */
export function transportError(error: unknown, host: string, request: string, proxy?: string): ApiError {
  const { code, tls, reason, advice } = diagnoseNetworkError(error, { host, proxy });
  if (tls) return new ApiError('tls', l10n.t('Could not open a secure connection to {0}: {1}.', host, reason), { code, request, advice });
  return new ApiError('network', l10n.t('Cannot reach {0}: {1}.', host, reason), { code, request, advice });
}

/**
 * Parses `Retry-After`: delta seconds or an HTTP date. Chatwoot's rack-attack sets none
 * (docs/chatwoot-rest.md §12), but proxies in front of it do.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function serverMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string') return record.error;
  if (typeof record.message === 'string') return record.message;
  if (Array.isArray(record.errors) && typeof record.errors[0] === 'string') return record.errors[0];
  return undefined;
}

// Pundit refusals and bot-token limits (docs/chatwoot-rest.md §0, §13): 401s that do not mean "signed out".
const FORBIDDEN_401 = /not authorized to do this action|not authorized for bots/i;

export interface HttpFailure {
  readonly status: number;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  readonly json: unknown;
  readonly isJson: boolean;
  readonly contentType: string;
  readonly retryAfterMs: number | undefined;
  readonly host: string;
  readonly request: string;
}

/** Classifies a non-2xx response. */
export function httpError(failure: HttpFailure): ApiError {
  const { status, json, isJson, host, request } = failure;
  const details: ApiErrorDetails = { status, request };
  const wait = failure.retryAfterMs === undefined ? undefined : l10n.t('Try again in {0} s.', Math.ceil(failure.retryAfterMs / 1000));
  if (status === 429) {
    return new ApiError('rate-limited', l10n.t('{0} is limiting requests (HTTP 429).', host) + (wait ? ` ${wait}` : ''), {
      ...details,
      retryAfterMs: failure.retryAfterMs,
    });
  }
  if (status >= 500) {
    return new ApiError('server', `${l10n.t('{0} had a server error (HTTP {1}).', host, status)} ${wait ?? l10n.t('Try again later.')}`, {
      ...details,
      retryAfterMs: failure.retryAfterMs,
    });
  }
  if (status >= 300 && status < 400) {
    // Not followed: fetch would forward the api_access_token header to wherever Location points.
    return new ApiError(
      'http',
      l10n.t('{0} redirected the request (HTTP {1}); check the installation URL (http or https, path).', host, status),
      details,
    );
  }
  if (!isJson) return notChatwoot(host, failure.contentType, details);
  const message = serverMessage(json);
  if (status === 401) {
    if (message !== undefined && FORBIDDEN_401.test(message)) {
      return new ApiError('forbidden', l10n.t('Not allowed: {0}.', message), details);
    }
    return new ApiError(
      'unauthorized',
      l10n.t('{0} did not accept the access token ({1}). It may have been revoked; sign in again.', host, message ?? 'HTTP 401'),
      details,
    );
  }
  if (status === 403) return new ApiError('forbidden', l10n.t('Not allowed: {0}.', message ?? 'HTTP 403'), details);
  if (status === 404) return new ApiError('not-found', l10n.t('Not found: {0}.', message ?? request), details);
  if (status === 422) return new ApiError('unprocessable', message ?? l10n.t('The server refused the request (HTTP 422).'), details);
  return new ApiError('http', message ? l10n.t('{0} answered HTTP {1}: {2}.', host, status, message) : l10n.t('{0} answered HTTP {1}.', host, status), details);
}

export function notChatwoot(host: string, contentType: string, details: ApiErrorDetails = {}): ApiError {
  const got = contentType ? contentType.split(';')[0].trim() : l10n.t('a non-JSON body');
  return new ApiError(
    'not-chatwoot',
    l10n.t('{0} answered with {1}, not the JSON a Chatwoot API returns: this does not look like a Chatwoot server. Check the installation URL.', host, got),
    details,
  );
}
