/**
 * Which URLs from message content may become clickable or be loaded. The host checks the scheme
 * again before opening anything; this side keeps `javascript:`, `data:`, `file:`, `command:` and
 * relative URLs from ever looking like links.
 */

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL if it may be a link, else null. */
export function safeLinkUrl(raw: string | null | undefined): string | null {
  const url = parse(raw);
  return url && LINK_SCHEMES.has(url.protocol) ? url.href : null;
}

/**
 * The URL if an `<img>` may load it. Only https: the CSP allows `https:` (and the extension's own
 * origin) for images, so anything else would be blocked anyway and reported as a violation.
 */
export function safeImageUrl(raw: string | null | undefined): string | null {
  const url = parse(raw);
  return url && url.protocol === 'https:' ? url.href : null;
}

/**
 * The origin of the installation the open conversation lives on. Chatwoot serves attachments from
 * the installation itself: `data_url` and `thumb_url` are Active Storage URLs under its
 * `/rails/active_storage/…`, which redirect to the file in its storage (Chatwoot:
 * app/models/concerns/attachmentable.rb, `url_for(file)`). Anything else (an Instagram story's
 * `external_url`, a fork's CDN, a URL a customer crafted) is another host, which would learn the
 * agent's address and when they read the conversation. Set by the app from the conversation's scope.
 */
let installationOrigin: string | null = null;

export function setInstallation(baseUrl: string | null): void {
  installationOrigin = parse(baseUrl)?.origin ?? null;
}

/** Whether an image at `url` may load without the agent asking: only from the installation. */
export function isInstallationUrl(url: string): boolean {
  return installationOrigin !== null && installationOrigin !== 'null' && parse(url)?.origin === installationOrigin;
}

function parse(raw: string | null | undefined): URL | null {
  if (!raw) return null;
  try {
    // No base URL: relative references are not links in a chat message.
    return new URL(raw.trim());
  } catch {
    return null;
  }
}
