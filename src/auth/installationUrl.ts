import * as l10n from '@vscode/l10n';
import { StorageKeys } from '../constants';

/**
 * What the user typed as their installation's address, checked and normalised. Installations
 * live at any address (cloud, self-hosted, white-labelled), sometimes under a sub-path.
 */
export type InstallationUrlResult =
  | { ok: true; baseUrl: string; origin: string; insecure: boolean }
  | { ok: false; error: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function parseInstallationUrl(input: string): InstallationUrlResult {
  const text = input.trim();
  if (!text) return { ok: false, error: l10n.t('Enter the address of your Chatwoot installation, e.g. https://chat.example.com') };
  let url: URL;
  try {
    // People paste "chat.example.com" without a scheme; https is the only sensible guess.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, error: l10n.t('"{0}" is not a valid address. Use the form https://chat.example.com', text) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: l10n.t('Only http and https addresses are supported, not {0}', url.protocol.replace(':', '')) };
  }
  if (url.username || url.password) return { ok: false, error: l10n.t('Leave user name and password out of the address; sign in with your access token instead') };
  // Anything after the installation root (a pasted dashboard link) is not part of the base.
  const path = url.pathname.replace(/\/app(\/.*)?$/, '').replace(/\/+$/, '');
  const baseUrl = `${url.origin}${path}`;
  return { ok: true, baseUrl, origin: url.origin, insecure: url.protocol === 'http:' && !LOOPBACK.test(url.hostname) };
}

/** The key a token is stored under: one per installation, so switching installations keeps both. */
export function secretKeyFor(baseUrl: string): string {
  return `${StorageKeys.accessTokenPrefix}${baseUrl}`;
}
