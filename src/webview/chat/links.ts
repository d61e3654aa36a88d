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

function parse(raw: string | null | undefined): URL | null {
  if (!raw) return null;
  try {
    // No base URL: relative references are not links in a chat message.
    return new URL(raw.trim());
  } catch {
    return null;
  }
}
