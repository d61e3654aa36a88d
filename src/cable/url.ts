import { DEFAULT_MOUNT_PATH } from './protocol';

/**
 * Where the cable lives for an installation. Chatwoot mounts it at `/cable` on the same origin
 * (docs/chatwoot-events.md §1); `override` serves installations that proxy it elsewhere. Any path prefix of the
 * base URL (a Chatwoot served under `/support/`) is kept.
 */
export function cableUrl(baseUrl: string, override?: string): URL {
  if (override) {
    const url = new URL(override);
    if (url.protocol === 'http:') url.protocol = 'ws:';
    else if (url.protocol === 'https:') url.protocol = 'wss:';
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new TypeError(`cable URL must be ws:, wss:, http: or https:, not ${url.protocol}`);
    }
    return url;
  }
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`installation URL must be http: or https:, not ${base.protocol}`);
  }
  const url = new URL(base.href);
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = base.pathname.replace(/\/+$/, '') + DEFAULT_MOUNT_PATH;
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}

/**
 * The Origin a browser on the installation's own pages would send. Stock Chatwoot doesn't check it,
 * but forks and proxies that re-enable Rails' origin check reject other values (docs/user-needs.md §2, #1451).
 */
export function installationOrigin(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
