import * as l10n from '@vscode/l10n';

/**
 * What went wrong between VS Code and the installation, read once from an error's `cause` chain:
 * the reason in words (the REST error's message) and, when a proxy or a certificate is to blame,
 * the one setting (or step) that fixes it. REST errors come from VS Code's patched fetch (undici:
 * the system error sits in `cause`; a proxy that answers CONNECT with anything but 200 becomes
 * "Proxy response (407) !== 200 when HTTP Tunneling"), cable errors from `ws` ("Unexpected server
 * response: 407"). docs/networks.md says what was measured.
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

export interface NetworkDiagnosis {
  /** The first code in the cause chain (ECONNREFUSED, CERT_HAS_EXPIRED, …). */
  readonly code: string | undefined;
  /** The TLS handshake failed (rather than the connection). */
  readonly tls: boolean;
  /** Why, in words, to follow "Cannot reach host: " or "Could not open a secure connection to host: ". */
  readonly reason: string;
  readonly advice: NetworkAdvice | undefined;
}

interface Code {
  readonly tls?: true;
  /** Who is to blame when this code is seen: a certificate, or (with a proxy set) the proxy. */
  readonly blame?: 'certificate-untrusted' | 'certificate-expired' | 'certificate-host' | 'proxy-unreachable';
  /** Called when the error is read, so in the display language. */
  reason(): string;
}

const untrusted = { tls: true, blame: 'certificate-untrusted' } as const;
const unreachable = { blame: 'proxy-unreachable' } as const;
const wrongProtocol = () => l10n.t('it does not speak HTTPS on that port (try http://)');
const timedOut = () => l10n.t('the connection timed out');

/** The codes we put in words; a Map, so that no code can find Object's own properties. */
const CODES = new Map<string, Code>(
  Object.entries({
    CERT_HAS_EXPIRED: { tls: true, blame: 'certificate-expired', reason: () => l10n.t('its certificate has expired') },
    CERT_NOT_YET_VALID: { tls: true, reason: () => l10n.t('its certificate is not valid yet (check the clock)') },
    DEPTH_ZERO_SELF_SIGNED_CERT: { ...untrusted, reason: () => l10n.t('its certificate is self-signed') },
    SELF_SIGNED_CERT_IN_CHAIN: { ...untrusted, reason: () => l10n.t('its certificate chain contains a self-signed certificate') },
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: { ...untrusted, reason: () => l10n.t('its certificate could not be verified') },
    UNABLE_TO_GET_ISSUER_CERT: { ...untrusted, reason: () => l10n.t('its certificate issuer is unknown') },
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { ...untrusted, reason: () => l10n.t('its certificate issuer is not trusted on this machine') },
    ERR_TLS_CERT_ALTNAME_INVALID: { tls: true, blame: 'certificate-host', reason: () => l10n.t('its certificate is for a different host name') },
    ERR_SSL_WRONG_VERSION_NUMBER: { tls: true, reason: wrongProtocol },
    EPROTO: { tls: true, reason: wrongProtocol },
    ECONNREFUSED: { ...unreachable, reason: () => l10n.t('the connection was refused') },
    ENOTFOUND: { ...unreachable, reason: () => l10n.t('the host name could not be resolved') },
    EAI_AGAIN: { ...unreachable, reason: () => l10n.t('the host name could not be resolved (DNS is not answering)') },
    ECONNRESET: { ...unreachable, reason: () => l10n.t('the connection was reset') },
    EHOSTUNREACH: { ...unreachable, reason: () => l10n.t('the host is unreachable') },
    ENETUNREACH: { ...unreachable, reason: () => l10n.t('the network is unreachable') },
    ETIMEDOUT: { reason: timedOut },
    UND_ERR_CONNECT_TIMEOUT: { reason: timedOut },
    UND_ERR_SOCKET: { ...unreachable, reason: () => l10n.t('the connection was closed unexpectedly') },
  } satisfies Record<string, Code>),
);

/** Reads an error's `cause` chain (bounded: chains can loop) for its codes, and says what they mean. */
export function diagnoseNetworkError(error: unknown, context: NetworkContext): NetworkDiagnosis {
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.message === 'string') messages.push(e.message);
    current = e.cause;
  }
  const code = codes[0] || undefined;
  return { code, ...explain(code), advice: advice(codes, messages, context) };
}

function explain(code: string | undefined): { tls: boolean; reason: string } {
  if (code === undefined) return { tls: false, reason: l10n.t('network error') };
  const known = CODES.get(code);
  if (known) return { tls: known.tls === true, reason: known.reason() };
  if (/^ERR_(SSL|TLS)/.test(code)) return { tls: true, reason: l10n.t('the TLS handshake failed ({0})', code) };
  return { tls: false, reason: l10n.t('network error {0}', code) };
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
function proxyStatus(messages: readonly string[]): number | undefined {
  for (const message of messages) {
    const tunnel = /Proxy response \((\d{3})\)/.exec(message);
    if (tunnel) return Number(tunnel[1]);
    // Only a proxy answers 407; any other status on a refused upgrade may be the server's own.
    if (/Unexpected server response: 407\b/.test(message)) return 407;
  }
  return undefined;
}

/** Undefined when neither a proxy nor a certificate is to blame (the reason then says enough). */
function advice(codes: readonly string[], messages: readonly string[], { host, proxy: configured }: NetworkContext): NetworkAdvice | undefined {
  const named = configured && withoutCredentials(configured);
  const proxy = named || l10n.t('the proxy');
  const status = proxyStatus(messages);
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
  const blame = (code: string) => CODES.get(code)?.blame;
  switch (codes.map(blame).find((b) => b?.startsWith('certificate-'))) {
    case 'certificate-expired':
      return { kind: 'certificate-expired', message: l10n.t('The certificate of {0} has expired (or this computer\'s clock is wrong).', host) };
    case 'certificate-host':
      return {
        kind: 'certificate-host',
        message: l10n.t('The certificate of {0} is for another host name: sign in with the name it names.', host),
        setting: 'chatwoot.baseUrl',
      };
    case 'certificate-untrusted':
      return {
        kind: 'certificate-untrusted',
        message: l10n.t('VS Code does not trust the certificate of {0}: add its authority to the system certificate store (http.systemCertificates), then reload the window.', host),
        setting: 'http.systemCertificates',
      };
  }
  // VS Code's agent (which `ws` goes through) reports a proxy it cannot connect to in words, with no code.
  const agentFailed = messages.some((m) => m.includes('Failed to establish a socket connection to proxies'));
  const unreachableCode = agentFailed ? 'ECONNREFUSED' : codes.find((c) => blame(c) === 'proxy-unreachable');
  if (unreachableCode !== undefined && named) {
    return {
      kind: 'proxy-unreachable',
      message: l10n.t('Could not go through the proxy {0} ({1}): check http.proxy.', named, unreachableCode),
      setting: 'http.proxy',
    };
  }
  return undefined;
}
