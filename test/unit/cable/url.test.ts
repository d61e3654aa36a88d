import * as assert from 'node:assert/strict';
import { cableUrl, installationOrigin } from '../../../src/cable/url';

suite('cable/url', () => {
  test('http becomes ws and https becomes wss, at /cable', () => {
    assert.equal(cableUrl('http://localhost:3000').href, 'ws://localhost:3000/cable');
    assert.equal(cableUrl('https://chat.example.com').href, 'wss://chat.example.com/cable');
    assert.equal(cableUrl('https://chat.example.com/').href, 'wss://chat.example.com/cable');
  });

  test('a path prefix is kept; query, hash and credentials are dropped', () => {
    assert.equal(cableUrl('https://example.com/support/').href, 'wss://example.com/support/cable');
    assert.equal(cableUrl('https://u:p@example.com/app?x=1#y').href, 'wss://example.com/app/cable');
  });

  test('an override wins, and http(s) overrides are converted', () => {
    assert.equal(cableUrl('https://chat.example.com', 'wss://rt.example.com/ws').href, 'wss://rt.example.com/ws');
    assert.equal(cableUrl('https://chat.example.com', 'https://rt.example.com/ws').href, 'wss://rt.example.com/ws');
    assert.equal(cableUrl('https://chat.example.com', 'http://rt.example.com/ws').href, 'ws://rt.example.com/ws');
  });

  test('other schemes are refused', () => {
    assert.throws(() => cableUrl('ftp://example.com'), TypeError);
    assert.throws(() => cableUrl('https://example.com', 'ftp://example.com/cable'), TypeError);
  });

  test('the Origin is the installation origin', () => {
    assert.equal(installationOrigin('https://chat.example.com/support/'), 'https://chat.example.com');
    assert.equal(installationOrigin('http://localhost:3000'), 'http://localhost:3000');
  });
});
