import * as l10n from '@vscode/l10n';

/**
 * What went wrong between VS Code and the installation when a proxy or a certificate is to blame,
 * and the one setting (or step) that fixes it. REST errors come from VS Code's patched fetch
 * (undici: the system error sits in `cause`; a proxy that answers CONNECT with anything but 200
 * becomes "Proxy response (407) !== 200 when HTTP Tunneling"), cable errors from `ws` ("Unexpected
 * server response: 407"). docs/networks.md says what was measured.
 */
export type NetworkAdviceKind =
  /** The proxy wants credentials (HTTP 407). */
  | 'proxy-auth'
  /** The proxy answered, but would not connect us (502, 403, …). */
  | 'proxy-refused'
  /** The proxy itself could not be reached (refused, reset, unknown host). */
  | 'proxy-unreachable'
  /** The certificate is signed by an authority this machine does not trust (or by itself). */
  | 'certificate-untrusted'
  | 'certificate-expired'
  /** The certificate names another host. */
  | 'certificate-host';

export interface NetworkAdvice {
  readonly kind: NetworkAdviceKind;
  /** For people: what happened and what to change. */
  readonly message: string;
  /** The VS Code setting to change, when one does it. */
  readonly setting?: string;
}

export interface NetworkContext {
  /** `host:port` of the installation, as messages name it. */
  readonly host: string;
  /** The proxy VS Code uses (`http.proxy`, else the environment's), if any: only then can a refused connection be the proxy's. */
  readonly proxy?: string;
}

const UNTRUSTED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

interface Seen {
  readonly codes: string[];
  readonly messages: string[];
  readonly status?: number;
}

/** Codes, messages and any `status` along an error's `cause` chain (bounded: chains can loop). */
function walk(error: unknown): Seen {
  const codes: string[] = [];
  const messages: string[] = [];
  let status: number | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; message?: unknown; status?: unknown; cause?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.message === 'string') messages.push(e.message);
    if (status === undefined && typeof e.status === 'number') status = e.status;
    current = e.cause;
  }
  return { codes, messages, status };
}

/** A proxy URL fit for a message: `http.proxy` may carry a user name and password. */
function withoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return proxy.replace(/\/\/[^@/]*@/, '//');
  }
}

/** The status a proxy answered, read from undici's tunnelling error or ws's refused upgrade. */
function proxyStatus(seen: Seen): number | undefined {
  for (const message of seen.messages) {
    const tunnel = /Proxy response \((\d{3})\)/.exec(message);
    if (tunnel) return Number(tunnel[1]);
    // Only a proxy answers 407; any other status on a refused upgrade may be the server's own.
    if (/Unexpected server response: 407\b/.test(message)) return 407;
  }
  return undefined;
}

/**
 * The advice for a network error, or undefined when neither a proxy nor a certificate is to
 * blame (the error's own message then says enough).
 */
export function networkAdvice(error: unknown, context: NetworkContext): NetworkAdvice | undefined {
  const seen = walk(error);
  const { host } = context;
  const named = context.proxy && withoutCredentials(context.proxy);
  const proxy = named || l10n.t('the proxy');
  const status = proxyStatus(seen);
  if (status === 407) {
    return {
      kind: 'proxy-auth',
      message: l10n.t('The proxy {0} asks for credentials (HTTP 407): set http.proxyAuthorization.', proxy),
      setting: 'http.proxyAuthorization',
    };
  }
  if (status !== undefined) {
    return {
      kind: 'proxy-refused',
      message: l10n.t('The proxy {0} would not connect to {1} (HTTP {2}): check http.proxy and http.noProxy.', proxy, host, status),
      setting: 'http.proxy',
    };
  }
  const code = seen.codes.find((c) => UNTRUSTED.has(c) || c === 'CERT_HAS_EXPIRED' || c === 'ERR_TLS_CERT_ALTNAME_INVALID');
  if (code === 'CERT_HAS_EXPIRED') {
    return {
      kind: 'certificate-expired',
      message: l10n.t('The certificate of {0} has expired (or this computer\'s clock is wrong).', host),
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      kind: 'certificate-host',
      message: l10n.t('The certificate of {0} is for another host name: sign in with the name it names.', host),
      setting: 'chatwoot.baseUrl',
    };
  }
  if (code !== undefined) {
    return {
      kind: 'certificate-untrusted',
      message: l10n.t('VS Code does not trust the certificate of {0}: add its authority to the system certificate store (http.systemCertificates), then reload the window.', host),
      setting: 'http.systemCertificates',
    };
  }
  // VS Code's agent (which `ws` goes through) reports a proxy it cannot connect to in words, with no code.
  const agentFailed = seen.messages.some((m) => m.includes('Failed to establish a socket connection to proxies'));
  const unreachable = agentFailed ? 'ECONNREFUSED' : seen.codes.find((c) => UNREACHABLE.has(c));
  if (unreachable !== undefined && named) {
    return {
      kind: 'proxy-unreachable',
      message: l10n.t('Could not go through the proxy {0} ({1}): check http.proxy.', named, unreachable),
      setting: 'http.proxy',
    };
  }
  return undefined;
}
