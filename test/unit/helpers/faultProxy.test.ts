import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FaultProxy } from '../../helpers/faultProxy';
import { within } from '../../helpers/wait';

/** A loopback target: `GET /api/echo` and `/health` answer 200 with the path; /cable is a WebSocket echo. */
async function startTarget(): Promise<{ url: string; wss: WebSocketServer; received: string[]; close(): Promise<void> }> {
  const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${req.url}`));
  const wss = new WebSocketServer({ server, path: '/cable' });
  const received: string[] = [];
  wss.on('connection', (ws) => ws.on('message', (d) => received.push(String(d))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    wss,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url.replace('http', 'ws') + '/cable');
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(String(d))));
}

/** The target's side of the only connected client. */
function serverSide(wss: WebSocketServer): WebSocket {
  const [ws] = [...wss.clients];
  assert.ok(ws, 'the target has a client');
  return ws;
}

async function get(url: string): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') };
}

suite('FaultProxy (soak helper) over loopback', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let proxy: FaultProxy;
  const sockets: WebSocket[] = [];
  const connect = async () => {
    const ws = await open(proxy.url);
    sockets.push(ws);
    return ws;
  };

  setup(async () => {
    target = await startTarget();
    proxy = await FaultProxy.start(target.url);
  });

  teardown(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await proxy.stop();
    await target.close();
  });

  test('without faults, HTTP and WebSocket traffic pass through unchanged', async () => {
    assert.deepEqual(await get(`${proxy.url}/api/echo?x=1`), { status: 200, body: 'ok /api/echo?x=1', retryAfter: null });
    const ws = await connect();
    ws.send('hello');
    const echoed = nextMessage(ws);
    await within((async () => {
      while (target.received.length === 0) await new Promise((r) => setImmediate(r));
    })(), 'the frame at the target');
    serverSide(target.wss).send('world');
    assert.equal(await echoed, 'world');
    assert.deepEqual(target.received, ['hello']);
    assert.equal(proxy.forwarded, 1);
  });

  test('the server closing reaches the client after the frames before it, as a clean close', async () => {
    const ws = await connect();
    const got: string[] = [];
    ws.on('message', (d) => got.push(String(d)));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    const server = serverSide(target.wss);
    server.send('{"type":"disconnect","reason":"server_restart","reconnect":true}');
    server.close();
    assert.equal(await within(closed, 'the close'), 1005, 'a close frame came through (no status given)');
    assert.deepEqual(got, ['{"type":"disconnect","reason":"server_restart","reconnect":true}']);
  });

  test('a REST burst answers the next N /api/ requests with the status (429 with Retry-After), then forwards again', async () => {
    proxy.failRest(2, 503);
    proxy.failRest(1, 429, 3);
    assert.equal((await get(`${proxy.url}/health`)).status, 200, 'only /api/ paths fail');
    assert.deepEqual(await get(`${proxy.url}/api/echo`), { status: 503, body: 'Service Unavailable\n', retryAfter: null });
    assert.equal((await get(`${proxy.url}/api/echo`)).status, 503);
    assert.deepEqual(await get(`${proxy.url}/api/echo`), { status: 429, body: 'Too Many Requests\n', retryAfter: '3' });
    assert.equal((await get(`${proxy.url}/api/echo`)).body, 'ok /api/echo');
    assert.equal(proxy.failed, 3);
    assert.deepEqual([proxy.injected.rest503, proxy.injected.rest429], [2, 1]);
  });

  test('a burst with a time limit ends then, used or not', async () => {
    proxy.failRest(5, 502, undefined, -1); // a limit already past
    assert.equal((await get(`${proxy.url}/api/echo`)).status, 200);
    assert.equal(proxy.failed, 0);
  });

  test('drop resets every open WebSocket', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    assert.equal(proxy.drop(), 1);
    assert.equal(await within(closed, 'the client socket to close'), 1006, 'an abnormal closure: no close frame');
  });

  test('a stall holds the bytes for its duration, then delivers them on the same socket', async () => {
    const ws = await connect();
    proxy.stall(300);
    const started = Date.now();
    const arrived = nextMessage(ws);
    serverSide(target.wss).send('late');
    assert.equal(await within(arrived, 'the held frame', 3000), 'late');
    assert.ok(Date.now() - started >= 290, `delivered after ${Date.now() - started} ms`);
    assert.equal(ws.readyState, WebSocket.OPEN);
  });

  test('half-open: nothing crosses either way and the proxy never closes the socket; heal() closes it', async () => {
    const ws = await connect();
    const server = serverSide(target.wss);
    proxy.halfOpen();
    let got = 0;
    ws.on('message', () => got++);
    server.send('lost');
    ws.send('lost too');
    // A fresh connection through the proxy still flows: by its round trip, the bytes above had their chance.
    const probe = await connect();
    const echoed = nextMessage(probe);
    [...target.wss.clients].find((c) => c !== server)?.send('probe');
    assert.equal(await echoed, 'probe');
    assert.equal(got, 0);
    assert.deepEqual(target.received, []);
    assert.equal(ws.readyState, WebSocket.OPEN);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    await proxy.heal();
    await within(closed, 'the half-open socket to close on heal');
  });

  test('restart resets every connection and refuses new ones until it is over; then it forwards again', async () => {
    const ws = await connect();
    const closed = new Promise((resolve) => ws.once('close', resolve));
    const restarted = proxy.restart(400);
    await within(closed, 'the open socket to close');
    assert.ok(proxy.isDown);
    await assert.rejects(fetch(`${proxy.url}/api/echo`), (e: Error & { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED');
    await restarted;
    assert.equal((await get(`${proxy.url}/api/echo`)).body, 'ok /api/echo');
    assert.equal(proxy.injected.restart, 1);
  });
});
