// Presence as Chatwoot's OnlineStatusTracker keeps it: the time of each user's last heartbeat
// per account, and "present" means a heartbeat within the TTL (PRESENCE_DURATION, 20 s by
// default). Nothing is broadcast on expiry, exactly like the real server: clients only learn
// about it from the next presence.update or REST read.

import type { Availability, User } from './types';

export const DEFAULT_PRESENCE_TTL_MS = 20_000;
const CONTACT_PRESENCE_TTL_MS = 90_000; // CONTACT_PRESENCE_DURATION default

export class Presence {
  private readonly _users = new Map<string, number>();
  private readonly _contacts = new Map<string, number>();

  constructor(
    private readonly _ttlMs: number,
    private readonly _nowMs: () => number,
  ) {}

  touchUser(accountId: number, userId: number): void {
    this._users.set(`${accountId}:${userId}`, this._nowMs());
  }

  touchContact(accountId: number, contactId: number): void {
    this._contacts.set(`${accountId}:${contactId}`, this._nowMs());
  }

  forgetContact(accountId: number, contactId: number): void {
    this._contacts.delete(`${accountId}:${contactId}`);
  }

  forgetUser(accountId: number, userId: number): void {
    this._users.delete(`${accountId}:${userId}`);
  }

  isUserPresent(accountId: number, userId: number): boolean {
    const at = this._users.get(`${accountId}:${userId}`);
    return at !== undefined && this._nowMs() - at < this._ttlMs;
  }

  /** What others see: the chosen availability while present (or never auto-offline), else offline. */
  availabilityStatus(accountId: number, user: User): Availability {
    if (!user.autoOffline) return user.availability;
    return this.isUserPresent(accountId, user.id) ? user.availability : 'offline';
  }

  /** The `users` map of presence.update: only present users (and auto_offline=false ones) are listed. */
  onlineUsers(accountId: number, users: Iterable<User>): Record<string, Availability> {
    const out: Record<string, Availability> = {};
    for (const u of users) {
      if (!u.autoOffline || this.isUserPresent(accountId, u.id)) out[String(u.id)] = u.availability;
    }
    return out;
  }

  onlineContacts(accountId: number): Record<string, 'online'> {
    const out: Record<string, 'online'> = {};
    const now = this._nowMs();
    for (const [key, at] of this._contacts) {
      const [acc, id] = key.split(':');
      if (Number(acc) === accountId && now - at < CONTACT_PRESENCE_TTL_MS) out[id] = 'online';
    }
    return out;
  }
}
