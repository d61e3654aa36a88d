import * as l10n from '@vscode/l10n';
import { Profile } from '../model/profile';

/** What the Accounts menu shows of the signed-in agent: who, in which account, on which installation. */
export interface AccountSummary {
  /** Stable while the agent stays signed in to the same account, so VS Code keeps its grants. */
  readonly id: string;
  readonly label: string;
}

export function accountSummary(baseUrl: string, accountId: number, profile: Profile | undefined): AccountSummary {
  // The host (and sub-path) names the installation; the scheme adds nothing a user reads.
  const installation = baseUrl.replace(/^https?:\/\//, '');
  const accountName = profile?.accounts.find((a) => a.id === accountId)?.name ?? l10n.t('account {0}', accountId);
  const who = profile ? (profile.available_name || profile.name) : undefined;
  return {
    id: `${baseUrl}#${accountId}`,
    label: `${who ? `${who} · ` : ''}${accountName} (${installation})`,
  };
}
