import { Profile } from '../model/profile';
import { Availability } from '../model/user';
import { ApiClient } from './client';

/**
 * `GET /api/v1/profile`: who the token belongs to, its accounts, and the pubsub token the cable
 * needs. Fetched at sign-in and on every cable (re)connect, because the pubsub token rotates.
 */
export function getProfile(client: ApiClient): Promise<Profile> {
  return client.request({ method: 'GET', path: '/api/v1/profile', schema: Profile });
}

/** Sets the agent's own availability in one account; answers with the updated profile. */
export function setAvailability(client: ApiClient, accountId: number, availability: Availability): Promise<Profile> {
  return client.request({
    method: 'POST',
    path: '/api/v1/profile/availability',
    body: { profile: { account_id: accountId, availability } },
    schema: Profile,
  });
}

/** The account a session works in: the profile's active account when it is one of the user's, else the first. */
export function defaultAccountId(profile: Profile): number | undefined {
  const active = profile.accounts.find((a) => a.id === profile.account_id);
  return (active ?? profile.accounts[0])?.id;
}
