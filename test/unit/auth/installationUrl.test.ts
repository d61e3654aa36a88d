import * as assert from 'node:assert/strict';
import { parseInstallationUrl } from '../../../src/auth/installationUrl';

suite('parseInstallationUrl', () => {
  const ok = (input: string) => {
    const r = parseInstallationUrl(input);
    assert.ok(r.ok, `${input}: ${r.ok ? '' : r.error}`);
    return r;
  };
  const error = (input: string) => {
    const r = parseInstallationUrl(input);
    assert.ok(!r.ok, `${input} was accepted`);
    return r.error;
  };

  test('normalises trailing slashes and keeps a sub-path', () => {
    assert.equal(ok('https://chat.example.com/').baseUrl, 'https://chat.example.com');
    assert.equal(ok(' https://example.com/support/ ').baseUrl, 'https://example.com/support');
  });

  test('drops a pasted dashboard path', () => {
    assert.equal(ok('https://chat.example.com/app/accounts/1/conversations/42').baseUrl, 'https://chat.example.com');
  });

  test('assumes https when the scheme is missing', () => {
    assert.equal(ok('chat.example.com').baseUrl, 'https://chat.example.com');
  });

  test('flags plain http except to loopback', () => {
    assert.equal(ok('http://chat.example.com').insecure, true);
    assert.equal(ok('http://127.0.0.1:3000').insecure, false);
    assert.equal(ok('http://localhost:3000').insecure, false);
    assert.equal(ok('https://chat.example.com').insecure, false);
  });

  test('refuses other schemes, credentials, empty and garbage input with a clear message', () => {
    assert.match(error('ftp://chat.example.com'), /http and https/);
    assert.match(error('https://me:pw@chat.example.com'), /access token/);
    assert.match(error('   '), /Enter the address/);
    assert.match(error('https://exa mple.com'), /not a valid address/);
  });
});
