import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { plainText } from '../common/plainText';
import { Profile } from '../model/profile';
import { parseInstallationUrl } from './installationUrl';
import { Session } from './session';

/** Fetches the profile with a candidate token; throws an error whose message a user can act on. */
export type ProfileCheck = (baseUrl: string, token: string) => Promise<Profile>;

const tokenHelp = () => vscode.l10n.t('In Chatwoot, open Profile Settings (your avatar, bottom left) and copy the Access Token at the bottom of the page.');

/**
 * `Chatwoot: Sign In`: asks for the installation and the access token, checks the token with
 * the profile API before storing anything, then picks the account. A failed check keeps the
 * address, so the user only retypes what was wrong.
 */
export async function runSignIn(session: Session, checkProfile: ProfileCheck, log: { warn(m: string): void }): Promise<boolean> {
  let baseUrl = await askBaseUrl(session.configuredBaseUrl() ?? '');
  while (baseUrl) {
    const token = await askToken(baseUrl);
    if (!token) return false;
    let profile: Profile;
    try {
      profile = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking your access token with {0}…', baseUrl) },
        () => checkProfile(baseUrl!, token),
      );
    } catch (e) {
      const message = plainText(e instanceof Error ? e.message : String(e));
      log.warn(`sign-in to ${baseUrl} failed: ${message}`);
      // A proxy or a certificate is fixed in a setting, not by retyping the address or the token.
      const advice = e instanceof ApiError ? e.advice : undefined;
      const tryAgain = vscode.l10n.t('Try Again');
      const changeAddress = vscode.l10n.t('Change Address');
      const openSettings = vscode.l10n.t('Open Settings');
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('Chatwoot sign-in failed: {0}', advice ? advice.message : message),
        tryAgain,
        changeAddress,
        ...(advice?.setting ? [openSettings] : []),
      );
      if (choice === openSettings && advice?.setting) {
        void vscode.commands.executeCommand('workbench.action.openSettings', advice.setting);
        return false;
      }
      if (choice === changeAddress) baseUrl = await askBaseUrl(baseUrl);
      else if (choice !== tryAgain) return false;
      continue;
    }
    const accountId = await pickAccount(profile, session.rememberedAccount(baseUrl));
    if (accountId === undefined) return false;
    await session.signIn(baseUrl, token, profile, accountId);
    return true;
  }
  return false;
}

async function askBaseUrl(value: string): Promise<string | undefined> {
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Chatwoot: Sign In (1/2) — installation address'),
    prompt: vscode.l10n.t('The address you open Chatwoot at, e.g. https://app.chatwoot.com or https://chat.example.com'),
    value,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseInstallationUrl(text);
      if (!parsed.ok) return parsed.error;
      if (parsed.insecure) {
        return { message: vscode.l10n.t('Plain http sends your access token unencrypted; use https unless this is a trusted network.'), severity: vscode.InputBoxValidationSeverity.Warning };
      }
      return undefined;
    },
  });
  if (input === undefined) return undefined;
  const parsed = parseInstallationUrl(input);
  return parsed.ok ? parsed.baseUrl : undefined;
}

function askToken(baseUrl: string): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Chatwoot: Sign In (2/2) — access token for {0}', baseUrl),
      prompt: tokenHelp(),
      placeHolder: vscode.l10n.t('Access token'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Paste your access token. {0}', tokenHelp())),
    })
    .then((t) => t?.trim() || undefined);
}

async function pickAccount(profile: Profile, remembered: number | undefined): Promise<number | undefined> {
  if (profile.accounts.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('This Chatwoot user belongs to no account, so there is no inbox to show.'));
    return undefined;
  }
  if (profile.accounts.length === 1) return profile.accounts[0].id;
  return pickFrom(profile, remembered ?? profile.account_id ?? undefined, vscode.l10n.t('Choose the Chatwoot account to work in'));
}

/** The account quick pick shared by sign-in and `Chatwoot: Switch Account`. */
export async function pickFrom(profile: Profile, current: number | undefined, title: string): Promise<number | undefined> {
  const items = profile.accounts.map((a) => ({
    label: a.name,
    description: a.id === current ? (a.role ? vscode.l10n.t('{0} · current', a.role) : vscode.l10n.t('current')) : (a.role ?? undefined),
    detail: vscode.l10n.t('Account {0}', a.id),
    id: a.id,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Account'), ignoreFocusOut: true });
  return picked?.id;
}
