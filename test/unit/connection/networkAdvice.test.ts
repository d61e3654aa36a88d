import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import WebSocket from 'ws';
import { AnyBody, ApiClient } from '../../../src/api/client';
import { networkAdvice } from '../../../src/connection/networkAdvice';
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

suite('connection/networkAdvice', () => {
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

  test('an untrusted certificate from fetch names the system store and http.systemCertificates', async () => {
    const error = await fetch(`https://127.0.0.1:${port}/`).then(() => undefined, (e: unknown) => e);
    const advice = networkAdvice(error, { host: `127.0.0.1:${port}` });
    assert.equal(advice?.kind, 'certificate-untrusted');
    assert.equal(advice?.setting, 'http.systemCertificates');
    assert.match(advice.message, /127\.0\.0\.1:\d+.*system certificate store.*http\.systemCertificates/);
  });

  test('the same from the cable socket (ws), and through the REST client', async () => {
    const wsError = await new Promise<Error>((resolve) => new WebSocket(`wss://127.0.0.1:${port}/cable`).on('error', resolve));
    assert.equal(networkAdvice(wsError, { host: HOST })?.kind, 'certificate-untrusted');
    const api = new ApiClient({ baseUrl: `https://127.0.0.1:${port}`, token: 't', clock: new FakeClock(), maxRetries: 0 });
    const apiError = await api.request({ method: 'GET', path: '/api/v1/profile', schema: AnyBody }).then(() => undefined, (e: unknown) => e);
    assert.equal(networkAdvice(apiError, { host: HOST })?.setting, 'http.systemCertificates');
  });

  test("the REST client keeps fetch's error as the cause, where a proxy's answer is read", async () => {
    const api = new ApiClient({ baseUrl: `https://${HOST}`, token: 't', clock: new FakeClock(), maxRetries: 0, fetch: () => Promise.reject(tunnelError(407)) });
    const apiError = await api.request({ method: 'GET', path: '/api/v1/profile', schema: AnyBody }).then(() => undefined, (e: unknown) => e);
    assert.equal(networkAdvice(apiError, { host: HOST })?.kind, 'proxy-auth');
  });

  test('every untrusted-authority code reads the same; an expired or misnamed certificate reads apart', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']) {
      assert.equal(networkAdvice(systemError(code), { host: HOST })?.kind, 'certificate-untrusted', code);
    }
    const expired = networkAdvice(systemError('CERT_HAS_EXPIRED'), { host: HOST });
    assert.equal(expired?.kind, 'certificate-expired');
    assert.match(expired.message, /has expired/);
    const misnamed = networkAdvice(systemError('ERR_TLS_CERT_ALTNAME_INVALID'), { host: HOST });
    assert.equal(misnamed?.kind, 'certificate-host');
    assert.equal(misnamed?.setting, 'chatwoot.baseUrl');
  });

  test('a proxy asking for credentials names http.proxyAuthorization, from fetch and from ws', () => {
    const advice = networkAdvice(tunnelError(407), { host: HOST, proxy: 'http://proxy.corp:3128' });
    assert.equal(advice?.kind, 'proxy-auth');
    assert.equal(advice?.setting, 'http.proxyAuthorization');
    assert.match(advice.message, /proxy\.corp:3128.*http\.proxyAuthorization/);
    assert.equal(networkAdvice(new Error('Unexpected server response: 407'), { host: HOST })?.kind, 'proxy-auth');
    // Any other refused upgrade may be the installation's own reverse proxy: no advice about http.proxy.
    assert.equal(networkAdvice(new Error('Unexpected server response: 502'), { host: HOST, proxy: 'http://proxy.corp:3128' }), undefined);
  });

  test("a proxy's 502 to CONNECT says it would not connect, and names http.proxy and http.noProxy", () => {
    const advice = networkAdvice(tunnelError(502), { host: HOST, proxy: 'http://proxy.corp:3128' });
    assert.equal(advice?.kind, 'proxy-refused');
    assert.equal(advice?.setting, 'http.proxy');
    assert.match(advice.message, /chat\.example\.com \(HTTP 502\).*http\.proxy and http\.noProxy/);
    // VS Code's own re-thrown 407 (after asking for credentials in vain) reads "?.==".
    assert.equal(networkAdvice(new TypeError('fetch failed', { cause: new Error('Proxy response (407) ?.== 200 when HTTP Tunneling') }), { host: HOST })?.kind, 'proxy-auth');
  });

  test('a refused or reset connection blames the proxy only when one is set', async () => {
    const closed = https.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await fetch(`http://127.0.0.1:${closedPort}/`).then(() => undefined, (e: unknown) => e);
    const advice = networkAdvice(refused, { host: HOST, proxy: `http://127.0.0.1:${closedPort}` });
    assert.equal(advice?.kind, 'proxy-unreachable');
    assert.match(advice.message, /ECONNREFUSED.*http\.proxy/);
    assert.equal(networkAdvice(refused, { host: HOST }), undefined, 'without a proxy the error says enough');
    assert.equal(networkAdvice(systemError('ECONNRESET'), { host: HOST, proxy: 'http://p:1' })?.kind, 'proxy-unreachable');
    // The cable's socket goes through VS Code's agent, which says so in words (measured in the host).
    const agent = new Error('Failed to establish a socket connection to proxies: PROXY 127.0.0.1:36641');
    assert.equal(networkAdvice(agent, { host: HOST, proxy: 'http://127.0.0.1:36641' })?.kind, 'proxy-unreachable');
  });

  test('the proxy is named without the user name and password http.proxy may carry', () => {
    for (const error of [tunnelError(407), tunnelError(502), systemError('ECONNREFUSED')]) {
      const message = networkAdvice(error, { host: HOST, proxy: 'http://alice:s3cret@proxy.corp:3128' })?.message ?? '';
      assert.ok(message.includes('http://proxy.corp:3128'), message);
      assert.ok(!message.includes('s3cret') && !message.includes('alice'), message);
    }
  });

  test('errors that are neither the proxy nor a certificate get no advice', () => {
    assert.equal(networkAdvice(new Error('Invalid Access Token'), { host: HOST, proxy: 'http://p:1' }), undefined);
    assert.equal(networkAdvice(undefined, { host: HOST }), undefined);
    assert.equal(networkAdvice(systemError('ENOTFOUND'), { host: HOST }), undefined);
  });
});
