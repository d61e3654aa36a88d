import { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { getProfile } from '../api/profile';

/**
 * Tells a revoked access token from any other 401. A 401 alone does not mean "signed out": a proxy
 * or load balancer in front of Chatwoot can answer one in passing, and Chatwoot answers some
 * permission refusals with 401 (docs/chatwoot-rest.md §13). `GET /api/v1/profile` needs nothing
 * but a valid token, so only its own 401 proves the token is gone. Calls made while a check is in
 * flight share it: a burst of refused requests costs one profile request. One per REST client.
 */
export class TokenCheck {
  private _inFlight: Promise<boolean> | undefined;

  constructor(private readonly _api: ApiClient) {}

  /** True only when the profile is refused as unauthorized too; any other outcome keeps the session. */
  isRevoked(): Promise<boolean> {
    this._inFlight ??= getProfile(this._api)
      .then(
        () => false,
        (e: unknown) => e instanceof ApiError && e.kind === 'unauthorized',
      )
      .finally(() => {
        this._inFlight = undefined;
      });
    return this._inFlight;
  }
}
