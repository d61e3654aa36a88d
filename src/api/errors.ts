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
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly code: string | undefined;
  readonly request: string | undefined;

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
  }

  /** Whether retrying the same request later can succeed. */
  get isTransient(): boolean {
    return (
      this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate-limited'
    );
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

const TLS_EXPLANATIONS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (check the clock)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain contains a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT: 'its certificate issuer is unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate issuer is not trusted on this machine',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for a different host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak HTTPS on that port (try http://)',
  EPROTO: 'it does not speak HTTPS on that port (try http://)',
};

const NETWORK_EXPLANATIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS is not answering)',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
};

/** The first `code` in an error's cause chain; undici puts the system error in `cause`. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** Turns a fetch rejection into a network or TLS ApiError with a message a user can act on. */
export function transportError(error: unknown, host: string, request: string): ApiError {
  const code = errorCode(error);
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) {
    const why = TLS_EXPLANATIONS[code] ?? `the TLS handshake failed (${code})`;
    return new ApiError('tls', `Could not open a secure connection to ${host}: ${why}.`, { code, request });
  }
  const why = (code && NETWORK_EXPLANATIONS[code]) ?? (code ? `network error ${code}` : 'network error');
  return new ApiError('network', `Cannot reach ${host}: ${why}.`, { code, request });
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
  const wait = failure.retryAfterMs === undefined ? undefined : `Try again in ${Math.ceil(failure.retryAfterMs / 1000)} s.`;
  if (status === 429) {
    return new ApiError('rate-limited', `${host} is limiting requests (HTTP 429).${wait ? ` ${wait}` : ''}`, {
      ...details,
      retryAfterMs: failure.retryAfterMs,
    });
  }
  if (status >= 500) {
    return new ApiError('server', `${host} had a server error (HTTP ${status}). ${wait ?? 'Try again later.'}`, {
      ...details,
      retryAfterMs: failure.retryAfterMs,
    });
  }
  if (status >= 300 && status < 400) {
    // Not followed: fetch would forward the api_access_token header to wherever Location points.
    return new ApiError(
      'http',
      `${host} redirected the request (HTTP ${status}); check the installation URL (http or https, path).`,
      details,
    );
  }
  if (!isJson) return notChatwoot(host, failure.contentType, details);
  const message = serverMessage(json);
  if (status === 401) {
    if (message !== undefined && FORBIDDEN_401.test(message)) {
      return new ApiError('forbidden', `Not allowed: ${message}.`, details);
    }
    return new ApiError(
      'unauthorized',
      `${host} did not accept the access token (${message ?? 'HTTP 401'}). It may have been revoked; sign in again.`,
      details,
    );
  }
  if (status === 403) return new ApiError('forbidden', `Not allowed: ${message ?? 'HTTP 403'}.`, details);
  if (status === 404) return new ApiError('not-found', `Not found: ${message ?? request}.`, details);
  if (status === 422) return new ApiError('unprocessable', message ?? 'The server refused the request (HTTP 422).', details);
  return new ApiError('http', `${host} answered HTTP ${status}${message ? `: ${message}` : ''}.`, details);
}

export function notChatwoot(host: string, contentType: string, details: ApiErrorDetails = {}): ApiError {
  const got = contentType ? contentType.split(';')[0].trim() : 'a non-JSON body';
  return new ApiError(
    'not-chatwoot',
    `${host} answered with ${got}, not the JSON a Chatwoot API returns: this does not look like a Chatwoot server. Check the installation URL.`,
    details,
  );
}
