import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import WebSocket from 'ws';
import { AnyBody, ApiClient } from '../../../src/api/client';
import { ApiError } from '../../../src/api/errors';
import { diagnoseNetworkError, NetworkContext } from '../../../src/api/networkErrors';
import { FakeClock } from '../../helpers/fakeClock';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/tls');
const HOST = 'chat.example.com';

/** The shape VS Code's fetch rejects with when the proxy answers CONNECT with `status` (undici's RequestAbortedError in fetch's TypeError). */
function tunnelError(status: number): Error {
  const aborted = Object.assign(new Error(`Proxy response (${status}) !== 200 when HTTP Tunneling`), { code: 'UND_ERR_ABORTED' });
  return new TypeError('fetch failed', { cause: aborted });
}

function systemError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

const advise = (error: unknown, context: NetworkContext = { host: HOST }) => diagnoseNetworkError(error, context).advice;

/** What the REST client rejects with for the installation `baseUrl`. */
function apiFailure(baseUrl: string, options: { fetch?: typeof fetch; proxy?: () => string } = {}): Promise<ApiError> {
  const api = new ApiClient({ baseUrl, token: 't', clock: new FakeClock(), maxRetries: 0, ...options });
  return api.request({ method: 'GET', path: '/api/v1/profile', schema: AnyBody }).then(
    () => assert.fail('expected the request to fail'),
    (e: unknown) => (assert.ok(e instanceof ApiError, String(e)), e),
  );
}

async function closedPort(): Promise<number> {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}

suite('api/networkErrors', () => {
  let server: https.Server;
  let port: number;

  suiteSetup(async () => {
    // A TLS stand-in whose certificate is signed by the test CA, which this process does not trust.
    server = https.createServer({ key: fs.readFileSync(path.join(FIXTURES, 'server-key.pem')), cert: fs.readFileSync(path.join(FIXTURES, 'server.pem')) }, (_req, res) => res.end('{}'));
    server.on('upgrade', (_req, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  suiteTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('each code: a TLS or a connection failure, its reason in words, and who is to blame', () => {
    const table: [code: string | undefined, tls: boolean, reason: RegExp, advice?: string][] = [
      ['CERT_HAS_EXPIRED', true, /^its certificate has expired$/, 'certificate-expired'],
      ['CERT_NOT_YET_VALID', true, /not valid yet \(check the clock\)/],
      ['DEPTH_ZERO_SELF_SIGNED_CERT', true, /^its certificate is self-signed$/, 'certificate-untrusted'],
      ['SELF_SIGNED_CERT_IN_CHAIN', true, /chain contains a self-signed/, 'certificate-untrusted'],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', true, /could not be verified/, 'certificate-untrusted'],
      ['UNABLE_TO_GET_ISSUER_CERT', true, /issuer is unknown/, 'certificate-untrusted'],
      ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', true, /issuer is not trusted on this machine/, 'certificate-untrusted'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', true, /for a different host name/, 'certificate-host'],
      ['ERR_SSL_WRONG_VERSION_NUMBER', true, /does not speak HTTPS on that port \(try http:\/\/\)/],
      ['EPROTO', true, /does not speak HTTPS/],
      ['ERR_SSL_SOMETHING_NEW', true, /^the TLS handshake failed \(ERR_SSL_SOMETHING_NEW\)$/],
      ['ECONNREFUSED', false, /^the connection was refused$/],
      ['ENOTFOUND', false, /^the host name could not be resolved$/],
      ['EAI_AGAIN', false, /DNS is not answering/],
      ['ECONNRESET', false, /^the connection was reset$/],
      ['EHOSTUNREACH', false, /^the host is unreachable$/],
      ['ENETUNREACH', false, /^the network is unreachable$/],
      ['ETIMEDOUT', false, /^the connection timed out$/],
      ['UND_ERR_CONNECT_TIMEOUT', false, /^the connection timed out$/],
      ['UND_ERR_SOCKET', false, /closed unexpectedly/],
      ['EWHATEVER', false, /^network error EWHATEVER$/],
      // A code that is one of Object's own properties is still unknown.
      ['constructor', false, /^network error constructor$/],
      [undefined, false, /^network error$/],
    ];
    for (const [code, tls, reason, advice] of table) {
      const diagnosis = diagnoseNetworkError(code === undefined ? new TypeError('fetch failed') : systemError(code), { host: HOST });
      assert.equal(diagnosis.code, code);
      assert.equal(diagnosis.tls, tls, String(code));
      assert.match(diagnosis.reason, reason);
      assert.equal(diagnosis.advice?.kind, advice, String(code));
    }
    assert.match(advise(systemError('CERT_HAS_EXPIRED'))?.message ?? '', /has expired \(or this computer's clock is wrong\)/);
    assert.equal(advise(systemError('ERR_TLS_CERT_ALTNAME_INVALID'))?.setting, 'chatwoot.baseUrl');
  });

  test('an untrusted certificate: the REST error says so, and its advice names the system store and http.systemCertificates', async () => {
    const error = await apiFailure(`https://127.0.0.1:${port}`);
    assert.equal(error.kind, 'tls');
    assert.match(error.message, /^Could not open a secure connection to 127\.0\.0\.1:\d+: its certificate could not be verified\.$/);
    assert.equal(error.advice?.kind, 'certificate-untrusted');
    assert.equal(error.advice?.setting, 'http.systemCertificates');
    assert.match(error.advice.message, /127\.0\.0\.1:\d+.*system certificate store.*http\.systemCertificates/);
  });

  test('the same from the cable socket (ws)', async () => {
    const wsError = await new Promise<Error>((resolve) => new WebSocket(`wss://127.0.0.1:${port}/cable`).on('error', resolve));
    assert.equal(advise(wsError)?.kind, 'certificate-untrusted');
  });

  test('https to a plain-http port: a TLS error suggesting http://', async () => {
    const plain = http.createServer((_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const error = await apiFailure(`https://127.0.0.1:${(plain.address() as AddressInfo).port}`);
      assert.equal(error.kind, 'tls');
      assert.match(error.message, /secure connection.*try http:\/\//);
      assert.equal(error.advice, undefined);
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });

  test('a REST error reads a proxy answer from fetch\'s error chain, and names the proxy the client is given', async () => {
    const error = await apiFailure(`https://${HOST}`, { fetch: () => Promise.reject(tunnelError(407)), proxy: () => 'http://proxy.corp:3128' });
    assert.equal(error.kind, 'network');
    assert.equal(error.advice?.kind, 'proxy-auth');
    assert.match(error.advice.message, /proxy\.corp:3128/);
  });

  test('a proxy asking for credentials names http.proxyAuthorization, from fetch and from ws', () => {
    const advice = advise(tunnelError(407), { host: HOST, proxy: 'http://proxy.corp:3128' });
    assert.equal(advice?.kind, 'proxy-auth');
    assert.equal(advice?.setting, 'http.proxyAuthorization');
    assert.match(advice.message, /proxy\.corp:3128.*http\.proxyAuthorization/);
    assert.equal(advise(new Error('Unexpected server response: 407'))?.kind, 'proxy-auth');
    // Any other refused upgrade may be the installation's own reverse proxy: no advice about http.proxy.
    assert.equal(advise(new Error('Unexpected server response: 502'), { host: HOST, proxy: 'http://proxy.corp:3128' }), undefined);
  });

  test("a proxy's 502 to CONNECT says it would not connect, and names http.proxy and http.noProxy", () => {
    const advice = advise(tunnelError(502), { host: HOST, proxy: 'http://proxy.corp:3128' });
    assert.equal(advice?.kind, 'proxy-refused');
    assert.equal(advice?.setting, 'http.proxy');
    assert.match(advice.message, /chat\.example\.com \(HTTP 502\).*http\.proxy and http\.noProxy/);
    // VS Code's own re-thrown 407 (after asking for credentials in vain) reads "?.==".
    assert.equal(advise(new TypeError('fetch failed', { cause: new Error('Proxy response (407) ?.== 200 when HTTP Tunneling') }))?.kind, 'proxy-auth');
  });

  test('a refused connection: "Cannot reach", blaming the proxy only when one is set', async () => {
    const port = await closedPort();
    const error = await apiFailure(`http://127.0.0.1:${port}`, { proxy: () => `http://127.0.0.1:${port}` });
    assert.equal(error.kind, 'network');
    assert.equal(error.code, 'ECONNREFUSED');
    assert.match(error.message, /^Cannot reach 127\.0\.0\.1:\d+: the connection was refused\.$/);
    assert.equal(error.advice?.kind, 'proxy-unreachable');
    assert.match(error.advice.message, /ECONNREFUSED.*http\.proxy/);
    assert.equal((await apiFailure(`http://127.0.0.1:${port}`)).advice, undefined, 'without a proxy the error says enough');
    assert.equal(advise(systemError('ECONNRESET'), { host: HOST, proxy: 'http://p:1' })?.kind, 'proxy-unreachable');
    assert.equal(advise(systemError('ETIMEDOUT'), { host: HOST, proxy: 'http://p:1' }), undefined, 'a timeout may be the installation\'s');
    // The cable's socket goes through VS Code's agent, which says so in words (measured in the host).
    const agent = new Error('Failed to establish a socket connection to proxies: PROXY 127.0.0.1:36641');
    assert.equal(advise(agent, { host: HOST, proxy: 'http://127.0.0.1:36641' })?.kind, 'proxy-unreachable');
  });

  test('the proxy is named without the user name and password http.proxy may carry', () => {
    for (const error of [tunnelError(407), tunnelError(502), systemError('ECONNREFUSED')]) {
      const message = advise(error, { host: HOST, proxy: 'http://alice:s3cret@proxy.corp:3128' })?.message ?? '';
      assert.ok(message.includes('http://proxy.corp:3128'), message);
      assert.ok(!message.includes('s3cret') && !message.includes('alice'), message);
    }
  });

  test('errors that are neither the proxy nor a certificate get no advice', () => {
    assert.equal(advise(new Error('Invalid Access Token'), { host: HOST, proxy: 'http://p:1' }), undefined);
    assert.equal(advise(undefined), undefined);
    assert.equal(advise(systemError('ENOTFOUND')), undefined);
  });
});
