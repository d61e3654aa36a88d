import { Disposable } from '../common/dispose';
import { Emitter, Event } from '../common/event';
import { Availability } from '../model/user';

/** What one `presence.update` changed. */
export interface PresenceChange {
  /**
   * The agents' availabilities were (re)stated: true for every update, since the server's word
   * replaces whatever the status bar assumed meanwhile (an optimistic change, the profile's).
   */
  readonly users: boolean;
  /** Contacts that came online or went offline. */
  readonly contacts: ReadonlySet<number>;
}

/** The part of a `presence.update`'s data this reads (src/realtime/events.ts validates it). */
export interface PresenceData {
  readonly users: Readonly<Record<string, Availability>>;
  readonly contacts?: Readonly<Record<string, string>>;
}

/**
 * Who is online in the signed-in account, as the last `presence.update` said: agents with their
 * availability, and contacts (customers with the widget open). The one place presence is kept:
 * the status bar reads the agent's own availability here, the tree rows, the chat header and the
 * Contact view read a contact's. Chatwoot sends the whole picture in every update (the answer to
 * each `update_presence` heartbeat; Chatwoot: app/channels/room_channel.rb `broadcast_presence`,
 * lib/online_status_tracker.rb), so each update replaces the last, and anyone missing from a map
 * is offline. Cleared when the account changes: another account's presence says nothing here.
 */
export class Presence extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<PresenceChange>());
  readonly onDidChange: Event<PresenceChange> = this._onDidChange.event;
  private _users: ReadonlyMap<string, Availability> | undefined;
  private _contacts: ReadonlySet<number> = new Set();

  /** The agent's availability; undefined until the first update of this account arrived. */
  availabilityOf(userId: number): Availability | undefined {
    return this._users && (this._users.get(String(userId)) ?? 'offline');
  }

  /** Whether the contact is online now; undefined until the first update with contacts arrived. */
  isContactOnline(contactId: number): boolean | undefined {
    return this._users && this._contacts.has(contactId);
  }

  update(data: PresenceData): void {
    const users = new Map(Object.entries(data.users));
    // Only an agent's own subscription is sent `contacts`; its absence says nothing about them.
    const contacts = data.contacts ? new Set(Object.keys(data.contacts).map(Number).filter(Number.isInteger)) : this._contacts;
    const changed = new Set<number>();
    for (const id of contacts) if (!this._contacts.has(id)) changed.add(id);
    for (const id of this._contacts) if (!contacts.has(id)) changed.add(id);
    this._users = users;
    this._contacts = contacts;
    this._onDidChange.fire({ users: true, contacts: changed });
  }

  /** Signed out or another account: nobody is known to be online. */
  clear(): void {
    if (!this._users) return;
    const contacts = this._contacts;
    this._users = undefined;
    this._contacts = new Set();
    this._onDidChange.fire({ users: true, contacts });
  }
}
