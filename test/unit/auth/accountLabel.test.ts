import * as assert from 'node:assert/strict';
import { accountSummary } from '../../../src/auth/accountLabel';
import { Profile } from '../../../src/model/profile';

const profile: Profile = {
  id: 7,
  name: 'Jane Roe',
  available_name: 'Jane',
  pubsub_token: 'pubsub',
  accounts: [
    { id: 1, name: 'Acme Support' },
    { id: 2, name: 'Acme Sales' },
  ],
};

suite('accountSummary', () => {
  test('names the agent, the account and the installation', () => {
    assert.deepEqual(accountSummary('https://chat.example.com/support', 2, profile), {
      id: 'https://chat.example.com/support#2',
      label: 'Jane · Acme Sales (chat.example.com/support)',
    });
  });

  test('before the profile arrives it still names the installation and the account id', () => {
    assert.equal(accountSummary('http://localhost:3000', 1, undefined).label, 'account 1 (localhost:3000)');
  });

  test('the id follows the account, not the profile, so a refreshed profile keeps the session', () => {
    assert.equal(accountSummary('https://a.example', 1, profile).id, accountSummary('https://a.example', 1, undefined).id);
    assert.notEqual(accountSummary('https://a.example', 1, profile).id, accountSummary('https://a.example', 2, profile).id);
  });
});
