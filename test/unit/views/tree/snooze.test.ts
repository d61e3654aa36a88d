import * as assert from 'node:assert/strict';
import { snoozeUntil } from '../../../../src/views/tree/snooze';

suite('snooze', () => {
  test('snooze: an hour, tomorrow 09:00, next Monday 09:00, or until the next reply', () => {
    const wednesday = new Date(2024, 4, 15, 16, 30).getTime(); // 15 May 2024 was a Wednesday
    assert.equal(snoozeUntil('nextReply', wednesday), undefined);
    assert.equal(snoozeUntil('oneHour', wednesday), wednesday / 1000 + 3600);
    assert.equal(snoozeUntil('tomorrow', wednesday), new Date(2024, 4, 16, 9).getTime() / 1000);
    assert.equal(snoozeUntil('nextWeek', wednesday), new Date(2024, 4, 20, 9).getTime() / 1000);
    const monday = new Date(2024, 4, 20, 8).getTime();
    assert.equal(snoozeUntil('nextWeek', monday), new Date(2024, 4, 27, 9).getTime() / 1000);
  });
});
