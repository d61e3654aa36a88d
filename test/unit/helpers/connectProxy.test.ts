import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectProxy } from '../../helpers/connectProxy';

/** One request to the proxy, as a client configured with it sends one; resolves to the status and body or tunnel status. */
function viaProxy(proxy: ConnectProxy, options: http.RequestOptions): Promise<{ status: number; body: string }> {
  const { port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), ...options });
    req.on('connect', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

suite('helpers/connectProxy', () => {
  let target: http.Server;
  let targetPort: number;
  let proxy: ConnectProxy;

  setup(async () => {
    target = http.createServer((req, res) => res.end(`target saw ${req.url} for ${req.headers.host}`));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetPort = (target.address() as AddressInfo).port;
    proxy = await ConnectProxy.start({ hosts: { '127.0.0.2': '127.0.0.1' }, authorization: 'Basic dTpw' });
  });

  teardown(async () => {
    await proxy.stop();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  test('relays an absolute-URI request to the mapped host and logs it', async () => {
    // A client of a proxy names the target in the Host header; the proxy keeps it.
    const answer = await viaProxy(proxy, { method: 'GET', path: `http://127.0.0.2:${targetPort}/api/v1/profile`, headers: { host: `127.0.0.2:${targetPort}` } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body, `target saw /api/v1/profile for 127.0.0.2:${targetPort}`);
    assert.deepEqual(proxy.log, [{ method: 'GET', target: `http://127.0.0.2:${targetPort}/api/v1/profile`, upgrade: false }]);
  });

  test('tunnels CONNECT to the mapped host', async () => {
    const answer = await viaProxy(proxy, { method: 'CONNECT', path: `127.0.0.2:${targetPort}` });
    assert.equal(answer.status, 200);
    assert.equal((await proxy.waitFor((r) => r.method === 'CONNECT')).target, `127.0.0.2:${targetPort}`);
  });

  test('demands credentials in auth mode, 502s in bad-gateway mode, and logs the refusals', async () => {
    proxy.mode = 'auth';
    assert.equal((await viaProxy(proxy, { method: 'CONNECT', path: `127.0.0.2:${targetPort}` })).status, 407);
    assert.equal((await viaProxy(proxy, { method: 'CONNECT', path: `127.0.0.2:${targetPort}`, headers: { 'proxy-authorization': 'Basic dTpw' } })).status, 200);
    proxy.mode = 'bad-gateway';
    assert.equal((await viaProxy(proxy, { method: 'GET', path: `http://127.0.0.2:${targetPort}/` })).status, 502);
    assert.deepEqual(proxy.log.map((r) => r.refused), [407, undefined, 502]);
  });

  test('resets every connection in reset mode', async () => {
    proxy.mode = 'reset';
    await assert.rejects(viaProxy(proxy, { method: 'GET', path: `http://127.0.0.2:${targetPort}/` }), /ECONNRESET|socket hang up/);
  });
});
