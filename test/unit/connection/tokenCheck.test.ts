import * as assert from 'node:assert/strict';
import { ApiClient } from '../../../src/api/client';
import { TokenCheck } from '../../../src/connection/tokenCheck';
import { API_TOKEN, profileBody } from '../../fixtures/profile';
import { FakeClock } from '../../helpers/fakeClock';
import { TestHttpServer } from '../../helpers/httpServer';

suite('connection/tokenCheck', () => {
  let server: TestHttpServer;
  let check: TokenCheck;

  setup(async () => {
    server = await TestHttpServer.start();
    // No retries: a failed profile request settles at once on the fake clock.
    check = new TokenCheck(new ApiClient({ baseUrl: server.baseUrl, token: API_TOKEN, clock: new FakeClock(), maxRetries: 0 }));
  });

  teardown(() => server.close());

  const profileRequests = () => server.requests.filter((r) => r.method === 'GET' && r.url === '/api/v1/profile').length;

  test('revoked only when the profile is refused as unauthorized too', async () => {
    server.responder = () => ({ status: 401, body: { error: 'Invalid Access Token' } });
    assert.equal(await check.isRevoked(), true);
    server.responder = () => ({ body: profileBody() });
    assert.equal(await check.isRevoked(), false);
    // A permission refusal, a server error or no answer at all says nothing against the token.
    server.responder = () => ({ status: 401, body: { error: 'You are not authorized to do this action' } });
    assert.equal(await check.isRevoked(), false);
    server.responder = () => ({ status: 502, body: 'Bad Gateway' });
    assert.equal(await check.isRevoked(), false);
    server.responder = () => ({ drop: true });
    assert.equal(await check.isRevoked(), false);
    assert.equal(profileRequests(), 5);
  });

  test('concurrent 401s share one profile request; a later one asks again', async () => {
    server.responder = () => ({ status: 401, body: { error: 'Invalid Access Token' } });
    const verdicts = await Promise.all([check.isRevoked(), check.isRevoked(), check.isRevoked()]);
    assert.deepEqual(verdicts, [true, true, true]);
    assert.equal(profileRequests(), 1);
    server.responder = () => ({ body: profileBody() });
    assert.equal(await check.isRevoked(), false);
    assert.equal(profileRequests(), 2);
  });
});
