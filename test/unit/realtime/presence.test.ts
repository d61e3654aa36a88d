import * as assert from 'node:assert/strict';
import { ConversationStore, StoreChange } from '../../../src/conversations/store';
import { Presence, PresenceChange } from '../../../src/realtime/presence';
import { presentConversation } from '../../../src/views/tree/presentation';
import { conversation } from '../../helpers/payloads';

suite('Presence', () => {
  let presence: Presence;
  let changes: PresenceChange[];
  setup(() => {
    presence = new Presence();
    changes = [];
    presence.onDidChange((c) => changes.push(c));
  });
  teardown(() => presence.dispose());

  test('nothing is known before the first presence.update; then anyone missing from a map is offline', () => {
    assert.equal(presence.availabilityOf(1), undefined);
    assert.equal(presence.isContactOnline(7), undefined);
    presence.update({ users: { '1': 'busy' }, contacts: { '7': 'online' } });
    assert.equal(presence.availabilityOf(1), 'busy');
    assert.equal(presence.availabilityOf(2), 'offline');
    assert.equal(presence.isContactOnline(7), true);
    assert.equal(presence.isContactOnline(8), false);
  });

  test('each update replaces the last and names exactly the contacts that came or went', () => {
    presence.update({ users: {}, contacts: { '7': 'online', '8': 'online' } });
    presence.update({ users: {}, contacts: { '8': 'online', '9': 'online' } });
    assert.deepEqual([...changes[1].contacts].sort(), [7, 9]);
    assert.equal(presence.isContactOnline(7), false);
    presence.update({ users: { '1': 'online' }, contacts: { '8': 'online', '9': 'online' } });
    assert.equal(changes[2].contacts.size, 0, 'no contact changed');
    assert.equal(changes[2].users, true, 'the agents are restated every time');
  });

  test('an update without `contacts` (not an agent subscription) leaves the contacts as they were', () => {
    presence.update({ users: {}, contacts: { '7': 'online' } });
    presence.update({ users: {} });
    assert.equal(presence.isContactOnline(7), true);
  });

  test('clear (sign-out, another account) forgets everyone and names the contacts that were online', () => {
    presence.update({ users: { '1': 'online' }, contacts: { '7': 'online' } });
    presence.clear();
    assert.equal(presence.availabilityOf(1), undefined);
    assert.equal(presence.isContactOnline(7), undefined);
    assert.deepEqual([...changes[1].contacts], [7]);
  });

  test('the store reads it: a row says its customer is online, and only that contact\'s rows repaint', () => {
    const store = new ConversationStore(1, 1, undefined, (id) => presence.isContactOnline(id));
    try {
      store.upsert(conversation(42, { contactId: 7, contactName: 'Ada' }), { counts: 'none' });
      store.upsert(conversation(43, { contactId: 8, contactName: 'Bob' }), { counts: 'none' });
      const repainted: StoreChange[] = [];
      store.onDidChange((c) => repainted.push(c));
      presence.onDidChange((c) => store.contactsPresenceChanged(c.contacts));
      const now = Date.now();
      assert.doesNotMatch(presentConversation(store, store.get(42)!, now).description, /Online/);

      presence.update({ users: {}, contacts: { '7': 'online' } });
      assert.deepEqual([...repainted[0].conversations], [42]);
      const row = presentConversation(store, store.get(42)!, now);
      assert.match(row.description, /^● Online · /);
      assert.match(row.accessibilityLabel, /online now/);
      assert.match(row.tooltip, /online now/);
      assert.doesNotMatch(presentConversation(store, store.get(43)!, now).description, /Online/);

      presence.update({ users: {}, contacts: {} });
      assert.deepEqual([...repainted[1].conversations], [42]);
      assert.doesNotMatch(presentConversation(store, store.get(42)!, now).description, /Online/);
    } finally {
      store.dispose();
    }
  });
});
