import * as assert from 'node:assert/strict';
import { MemoryLogSink, RedactingLogger, Redactor } from '../../../src/common/log';

suite('RedactingLogger', () => {
  const token = 'Xk3p9QvT2mLw8RzY1aBc';
  let sink: MemoryLogSink;
  let redactor: Redactor;
  let logger: RedactingLogger;

  setup(() => {
    sink = new MemoryLogSink();
    redactor = new Redactor();
    logger = new RedactingLogger(sink, redactor);
  });

  test('replaces a registered secret wherever it appears', () => {
    redactor.addSecret(token);
    logger.info(`GET /api/v1/profile?x=${token}`, { header: token }, new Error(`bad ${token}`));
    assert.equal(sink.lines.length, 1);
    assert.ok(!sink.lines[0].text.includes(token), sink.lines[0].text);
    assert.match(sink.lines[0].text, /\[redacted\]/);
  });

  test('redacts tokens in known credential positions even when never registered', () => {
    logger.warn('{"api_access_token":"abcdefghijkl"} and {"pubsub_token":"mnopqrstuvwx"}');
    logger.warn('identifier {\\"channel\\":\\"RoomChannel\\",\\"pubsub_token\\":\\"zzzzyyyyxxxx\\"}');
    const text = sink.lines.map((l) => l.text).join('\n');
    for (const secret of ['abcdefghijkl', 'mnopqrstuvwx', 'zzzzyyyyxxxx']) assert.ok(!text.includes(secret), text);
  });

  test('redacts in lines that name no token, and in credential positions in any letter case', () => {
    redactor.addSecret(token);
    logger.trace(`event ${token}`);
    logger.debug('{"PUBSUB_TOKEN":"mnopqrstuvwx"} Api_Access_Token=abcdefghijkl');
    const text = sink.lines.map((l) => l.text).join('\n');
    for (const secret of [token, 'mnopqrstuvwx', 'abcdefghijkl']) assert.ok(!text.includes(secret), text);
    assert.equal(sink.lines[0].text, 'event [redacted]');
  });

  test('tags lines with the component and keeps the level', () => {
    logger.child('cable').error('closed');
    assert.deepEqual(sink.lines, [{ level: 'error', text: '[cable] closed' }]);
  });

  test('leaves ordinary text alone', () => {
    redactor.addSecret('short'); // too short to be a token: would mangle ordinary words
    logger.info('a short message');
    assert.equal(sink.lines[0].text, 'a short message');
  });
});
