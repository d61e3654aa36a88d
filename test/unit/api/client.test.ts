import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { ApiClient } from '../../../src/api/client';
import { ApiError, ApiErrorKind } from '../../../src/api/errors';
import { getProfile, setAvailability } from '../../../src/api/profile';
import { Redactor } from '../../../src/common/log';
import { API_TOKEN, profileBody } from '../../fixtures/profile';
import { FakeClock } from '../../helpers/fakeClock';
import { TestHttpServer } from '../../helpers/httpServer';
import { CapturingLogger } from '../../helpers/logs';

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

const TIMEOUT_MS = 5000;

suite('api/client', () => {
  let server: TestHttpServer;
  let clock: FakeClock;
  let logger: CapturingLogger;
  let redactor: Redactor;
  let client: ApiClient;
  const errors: ApiError[] = [];

  function makeClient(baseUrl: string, options: { maxRetries?: number } = {}): ApiClient {
    return new ApiClient({ baseUrl, token: API_TOKEN, clock, logger, redactor, timeoutMs: TIMEOUT_MS, ...options });
  }

  /** Lets each of the next `count` retry waits elapse as soon as the client starts it; resolves with their lengths. */
  async function elapseRetryWaits(count: number): Promise<number[]> {
    const waits: number[] = [];
    for (let i = 0; i < count; i++) {
      await clock.whenScheduled((ms) => ms !== TIMEOUT_MS);
      const ms = clock.nextTimerIn() as number;
      waits.push(ms);
      clock.advance(ms);
    }
    return waits;
  }

  async function failure(kind: ApiErrorKind, promise: Promise<unknown>): Promise<ApiError> {
    const error = await rejection(promise);
    errors.push(error);
    assert.equal(error.kind, kind, error.message);
    return error;
  }

  setup(async () => {
    server = await TestHttpServer.start();
    clock = new FakeClock();
    logger = new CapturingLogger();
    redactor = new Redactor();
    client = makeClient(server.baseUrl);
  });

  teardown(async () => {
    await server.close();
    // Whatever failed, the token never shows in an error or a log line.
    for (const error of errors.splice(0)) {
      assert.ok(!String(error.stack).includes(API_TOKEN), error.message);
      assert.ok(!JSON.stringify(error).includes(API_TOKEN));
    }
    assert.ok(!logger.all.includes(API_TOKEN));
  });

  test('GET /api/v1/profile with the api_access_token header; the parsed profile drops access_token', async () => {
    server.responder = () => ({ body: profileBody() });
    const profile = await getProfile(client);
    const [request] = server.requests;
    assert.equal(request.method, 'GET');
    assert.equal(request.url, '/api/v1/profile');
    assert.equal(request.headers.api_access_token, API_TOKEN);
    assert.equal(request.headers.accept, 'application/json');
    assert.equal(profile.pubsub_token, 'pubsub-token-fedcba9876543210');
    assert.equal(profile.accounts[0].availability, 'online');
    assert.equal((profile as Record<string, unknown>).access_token, undefined);
  });

  test('the token is registered with the redactor', () => {
    assert.equal(redactor.redact(`token=${API_TOKEN}`), 'token=[redacted]');
  });

  test('a path prefix of the installation URL is kept', async () => {
    server.responder = () => ({ body: profileBody() });
    await getProfile(makeClient(`${server.baseUrl}/support/`));
    assert.equal(server.requests[0].url, '/support/api/v1/profile');
  });

  test('POST /api/v1/profile/availability sends the documented body', async () => {
    server.responder = () => ({ body: profileBody() });
    await setAvailability(client, 1, 'busy');
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/api/v1/profile/availability');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), { profile: { account_id: 1, availability: 'busy' } });
  });

  test('401 "Invalid Access Token" → unauthorized', async () => {
    server.responder = () => ({ status: 401, body: { error: 'Invalid Access Token' } });
    const error = await failure('unauthorized', getProfile(client));
    assert.equal(error.status, 401);
    assert.match(error.message, /sign in again/);
  });

  test('401 from devise ("You need to sign in…") → unauthorized', async () => {
    server.responder = () => ({ status: 401, body: { errors: ['You need to sign in or sign up before continuing.'] } });
    await failure('unauthorized', getProfile(client));
  });

  test('401 "You are not authorized to do this action" → forbidden (stay signed in)', async () => {
    server.responder = () => ({ status: 401, body: { error: 'You are not authorized to do this action' } });
    const error = await failure('forbidden', getProfile(client));
    assert.match(error.message, /not authorized to do this action/);
  });

  test('403 → forbidden; 404 → not-found; 422 → unprocessable with the server message', async () => {
    server.responder = () => ({ status: 403, body: { error: 'nope' } });
    await failure('forbidden', getProfile(client));
    server.responder = () => ({ status: 404, body: { error: 'Resource could not be found' } });
    await failure('not-found', getProfile(client));
    server.responder = () => ({ status: 422, body: { error: 'Invalid email address' } });
    assert.equal((await failure('unprocessable', getProfile(client))).message, 'Invalid email address');
    server.responder = () => ({ status: 422, body: { message: 'Name is too long', attributes: ['name'] } });
    assert.equal((await failure('unprocessable', getProfile(client))).message, 'Name is too long');
  });

  test('429 (plain text) on a GET: waits out Retry-After on the clock, then retries once', async () => {
    let calls = 0;
    server.responder = () =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '2' }, body: 'Retry later' }
        : { body: profileBody() };
    const sleeping = clock.whenScheduled((ms) => ms === 2000);
    const result = getProfile(client);
    await sleeping;
    assert.equal(server.requests.length, 1);
    clock.advance(2000);
    assert.equal((await result).id, 1);
    assert.equal(server.requests.length, 2);
  });

  test('429 on a POST is not retried; retryAfterMs is reported', async () => {
    server.responder = () => ({ status: 429, headers: { 'retry-after': '3' }, body: 'Retry later' });
    const error = await failure('rate-limited', setAvailability(client, 1, 'online'));
    assert.equal(error.retryAfterMs, 3000);
    assert.equal(server.requests.length, 1);
  });

  test('429 without Retry-After, or with a long one, fails at once', async () => {
    server.responder = () => ({ status: 429, body: 'Retry later' });
    assert.equal((await failure('rate-limited', getProfile(client))).retryAfterMs, undefined);
    server.responder = () => ({ status: 429, headers: { 'retry-after': '120' }, body: 'Retry later' });
    assert.equal((await failure('rate-limited', getProfile(client))).retryAfterMs, 120_000);
    assert.equal(server.requests.length, 2);
  });

  test('5xx → server, whatever the body; a 500 is not retried', async () => {
    server.responder = () => ({ status: 500, headers: { 'content-type': 'text/html' }, body: '<html>Oops</html>' });
    const error = await failure('server', getProfile(client));
    assert.equal(error.status, 500);
    assert.ok(error.isTransient);
    assert.equal(server.requests.length, 1);
  });

  test('an HTML page → "this does not look like a Chatwoot server"', async () => {
    server.responder = () => ({ headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Welcome</title>' });
    const error = await failure('not-chatwoot', getProfile(client));
    assert.match(error.message, /does not look like a Chatwoot server/);
    assert.match(error.message, /text\/html/);
    server.responder = () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' });
    await failure('not-chatwoot', getProfile(client));
  });

  test('JSON of the wrong shape → invalid-response naming the path', async () => {
    server.responder = () => ({ body: profileBody({ pubsub_token: 42 }) });
    const error = await failure('invalid-response', getProfile(client));
    assert.match(error.message, /pubsub_token/);
  });

  test('no answer within the timeout → timeout', async () => {
    server.responder = () => ({ hang: true });
    const armed = clock.whenScheduled((ms) => ms === 5000);
    const result = getProfile(makeClient(server.baseUrl, { maxRetries: 0 }));
    await armed;
    clock.advance(5000);
    const error = await failure('timeout', result);
    assert.match(error.message, /did not answer within 5 s/);
  });

  test('a redirect is reported, not followed (it would carry the token elsewhere)', async () => {
    const elsewhere = await TestHttpServer.start();
    try {
      server.responder = () => ({ status: 301, headers: { location: `${elsewhere.baseUrl}/api/v1/profile` } });
      const error = await failure('http', getProfile(client));
      assert.match(error.message, /redirected/);
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await elsewhere.close();
    }
  });

  test('a server message echoing the token is redacted in the error', async () => {
    server.responder = () => ({ status: 422, body: { error: `token ${API_TOKEN} is weird` } });
    const error = await failure('unprocessable', getProfile(client));
    assert.equal(error.message, 'token [redacted] is weird');
  });

  test('an empty 200 is passed to the schema as undefined', async () => {
    server.responder = () => ({ status: 200 });
    const result = await client.request({ method: 'POST', path: '/x', schema: z.undefined() });
    assert.equal(result, undefined);
  });

  suite('retries', () => {
    test('a GET is retried on 502, 503 and 504 with growing jittered waits, then succeeds', async () => {
      const statuses = [502, 503, 504];
      server.responder = () => {
        const status = statuses.shift();
        return status ? { status, headers: { 'content-type': 'text/html' }, body: '<html>gateway</html>' } : { body: profileBody() };
      };
      const result = getProfile(client);
      // FakeClock's random() is 0.5: half of each bound 500, 1000, 2000 ms.
      assert.deepEqual(await elapseRetryWaits(3), [250, 500, 1000]);
      assert.equal((await result).id, 1);
      assert.equal(server.requests.length, 4);
      assert.match(logger.all, /GET \/api\/v1\/profile HTTP 502; retry 1 of 3 in 250 ms/);
    });

    test('a GET gives up after three retries', async () => {
      server.responder = () => ({ status: 503, body: { error: 'unavailable' } });
      const result = getProfile(client);
      await elapseRetryWaits(3);
      assert.equal((await failure('server', result)).status, 503);
      assert.equal(server.requests.length, 4);
    });

    test('a GET whose connection is dropped is asked again', async () => {
      let calls = 0;
      server.responder = () => (++calls === 1 ? { drop: true } : { body: profileBody() });
      const result = getProfile(client);
      await elapseRetryWaits(1);
      assert.equal((await result).id, 1);
      assert.equal(server.requests.length, 2);
      assert.match(logger.all, /GET \/api\/v1\/profile Cannot reach 127\.0\.0\.1:\d+: .*; retry 1 of 3/);
    });

    test('a GET that times out is asked again', async () => {
      let calls = 0;
      server.responder = () => (++calls === 1 ? { hang: true } : { body: profileBody() });
      const result = getProfile(client);
      await server.whenReceived(1);
      clock.advance(TIMEOUT_MS);
      await elapseRetryWaits(1);
      assert.equal((await result).id, 1);
      assert.equal(server.requests.length, 2);
      assert.match(logger.all, /timed out; retry 1 of 3/);
    });

    test('a POST that meets a 502 or a dropped connection is sent exactly once', async () => {
      server.responder = () => ({ status: 502, body: 'Bad Gateway' });
      await failure('server', setAvailability(client, 1, 'busy'));
      assert.equal(server.requests.length, 1);
      server.responder = () => ({ drop: true });
      await failure('network', setAvailability(client, 1, 'busy'));
      assert.equal(server.requests.length, 2);
      assert.equal(clock.pendingTimers, 0);
    });

    test('Retry-After on a 503 is waited out exactly on the clock before asking again', async () => {
      let calls = 0;
      server.responder = () =>
        ++calls === 1 ? { status: 503, headers: { 'retry-after': '3' }, body: { error: 'maintenance' } } : { body: profileBody() };
      const sleeping = clock.whenScheduled((ms) => ms === 3000);
      const result = getProfile(client);
      await sleeping;
      clock.advance(2999);
      assert.equal(server.requests.length, 1);
      clock.advance(1);
      assert.equal((await result).id, 1);
      assert.equal(server.requests.length, 2);
      assert.match(logger.all, /HTTP 503; retry 1 of 3 in 3000 ms as the server asked/);
    });

    test('a Retry-After longer than maxRetryAfterMs fails at once, saying how long', async () => {
      server.responder = () => ({ status: 503, headers: { 'retry-after': '60' }, body: { error: 'maintenance' } });
      const error = await failure('server', getProfile(client));
      assert.equal(error.retryAfterMs, 60_000);
      assert.match(error.message, /HTTP 503\)\. Try again in 60 s\./);
      assert.equal(server.requests.length, 1);
      assert.equal(clock.pendingTimers, 0);
    });

    test('a cancelled GET is not retried, and a retry wait ends when the signal aborts', async () => {
      server.responder = () => ({ hang: true });
      const inFlight = new AbortController();
      const request = client.request({ method: 'GET', path: '/api/v1/profile', schema: z.unknown(), signal: inFlight.signal });
      await server.whenReceived(1);
      inFlight.abort();
      await failure('cancelled', request);
      assert.equal(server.requests.length, 1);
      assert.equal(clock.pendingTimers, 0);

      server.responder = () => ({ status: 502, body: 'Bad Gateway' });
      const waiting = new AbortController();
      const retry = clock.whenScheduled((ms) => ms !== TIMEOUT_MS);
      const second = client.request({ method: 'GET', path: '/api/v1/profile', schema: z.unknown(), signal: waiting.signal });
      await retry;
      waiting.abort();
      await failure('cancelled', second);
      assert.equal(server.requests.length, 2);
      assert.equal(clock.pendingTimers, 0);
    });
  });
});
