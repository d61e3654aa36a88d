import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { connectionState, signedInToStandIn, signOutAndStop } from '../helpers/host/extension';
import { clickNotificationButton } from '../helpers/host/window';
import { within } from '../helpers/wait';
import { FakeChatwoot } from '../server';

// Chatwoot answers 401 for a revoked token and for refusals that are not about the token at all
// (app/controllers/concerns/request_exception_handler.rb answers Pundit's NotAuthorizedError with
// render_unauthorized); proxies in front of it add passing ones. Only a refused profile signs out.
suite('A 401 from a REST call', () => {
  let api: ExtensionApi;
  let server: FakeChatwoot;

  suiteSetup(async () => {
    ({ api, server } = await signedInToStandIn());
  });

  suiteTeardown(async () => {
    await signOutAndStop(api, server);
  });

  const AVAILABILITY = '/api/v1/profile/availability';
  /** The profile requests since `mark`; other features' requests are not this test's business. */
  const profileRequests = (mark: number) =>
    server.control
      .happenings(mark)
      .flatMap((h) => (h.kind === 'request' && h.path.startsWith('/api/v1/profile') ? [`${h.method} ${h.path} ${h.status}`] : []));

  test('a passing 401 re-checks the token with the profile and keeps the agent signed in', async () => {
    await connectionState(api, 'connected');
    const mark = server.control.mark();
    server.control.failNext(1, 401, AVAILABILITY);
    const setting = api.statusItem.setAvailability('busy');
    // The report waits for the user; dismissing it is what a user does.
    await clickNotificationButton('your access token is still valid', 'Show Log');
    await setting;
    assert.deepEqual(
      profileRequests(mark),
      [`POST ${AVAILABILITY} 401`, 'GET /api/v1/profile 200'],
      'one refused write, then one profile check',
    );
    assert.equal(api.session.current?.baseUrl, server.url, 'still signed in');
    assert.equal(await api.tokens.get(server.url), server.demoToken, 'the token is kept');
    assert.equal(api.connection.state.kind, 'connected');
  });

  test('a 401 with a revoked token signs out once the profile is refused too', async () => {
    await connectionState(api, 'connected');
    const mark = server.control.mark();
    server.control.revokeAccessToken(server.demoUserId);
    const signedOut = within(
      new Promise<void>((resolve) => {
        const sub = api.session.onDidChange((s) => {
          if (s === undefined) {
            sub.dispose();
            resolve();
          }
        });
      }),
      'sign-out',
      20000,
    );
    // Not awaited: the sign-out notice waits for the user.
    void api.statusItem.setAvailability('offline');
    await signedOut;
    assert.deepEqual(profileRequests(mark), [`POST ${AVAILABILITY} 401`, 'GET /api/v1/profile 401']);
    assert.equal(await api.tokens.get(server.url), undefined, 'the token is gone');
  });
});
