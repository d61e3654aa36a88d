import * as z from 'zod/mini';
import { compiledOnFirstUse } from '../common/compiledSchema';
import { describeIssues } from '../common/schemaIssues';
import { Contact } from '../model/contact';
import { Conversation } from '../model/conversation';
import { Message, MessageSender } from '../model/message';
import { Notification, NotificationRef } from '../model/notification';
import { Availability } from '../model/user';

/**
 * The events Chatwoot broadcasts on RoomChannel (docs/chatwoot-events.md §3; every sample in the seeds), as a zod
 * discriminated union over `event`. Payloads are loose (forks and newer versions add fields) but
 * what the client relies on is required. Events we know of but don't model, and events we have
 * never heard of, are told apart so the channel can ignore the first quietly.
 */

/** Events whose `data` is conversation push data (`Conversations::EventDataPresenter#push_data`). */
export const CONVERSATION_EVENTS = [
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.read',
  'conversation.contact_changed',
  'conversation.mentioned',
  'conversation.bot_handoff',
  'assignee.changed',
  'team.changed',
] as const;

export const MESSAGE_EVENTS = ['message.created', 'message.updated', 'first.reply.created'] as const;
export const TYPING_EVENTS = ['conversation.typing_on', 'conversation.typing_off'] as const;
export const CONTACT_EVENTS = ['contact.created', 'contact.updated', 'contact.merged'] as const;
export const NOTIFICATION_EVENTS = ['notification.created', 'notification.updated'] as const;

/**
 * Broadcast by some versions but not needed by an agent client (docs/chatwoot-events.md §3): dropped at debug
 * level, not reported as malformed.
 */
export const IGNORED_EVENTS: ReadonlySet<string> = new Set([
  'user:logout',
  'page:reload',
  'copilot.message.created',
  'account.enrichment_completed',
  'conversation.opened',
  'conversation.resolved',
  'conversation.lock_toggle',
]);

/**
 * Whole families of newer or enterprise events with nothing in them for this client: calls
 * (`voice_call.incoming`, `.accepted`, `.ended`, …) and Captain's copilot.
 * Chatwoot: app/javascript/dashboard/helper/actionCable.js, enterprise/app/listeners/enterprise/action_cable_listener.rb
 */
export const IGNORED_EVENT_PREFIXES: readonly string[] = ['voice_call.', 'copilot.'];

export function isIgnoredEvent(name: string): boolean {
  return IGNORED_EVENTS.has(name) || IGNORED_EVENT_PREFIXES.some((prefix) => name.startsWith(prefix));
}

const AccountId = z.optional(z.int());

/**
 * Each member's parser by event name, compiled the first time one of its events arrives. Every
 * broadcast is validated, so it runs zod's generated code rather than zod/mini's interpreter
 * (common/compiledSchema.ts); compiling member by member spreads the cost (a few ms each) instead
 * of charging the whole union (tens of ms) to the first event. The name picks the member, as the
 * discriminated union would, so the result and its issues are the union's.
 */
const memberByName = new Map<string, () => z.ZodMiniType>();

/** One union member per payload shape; a member may stand for several event names. */
function eventOf<const E extends readonly [string, ...string[]], S extends z.ZodMiniType>(events: E, data: S) {
  const member = z.looseObject({ event: z.literal(events), data });
  const compiled = compiledOnFirstUse(member);
  for (const name of events) memberByName.set(name, compiled);
  return member;
}

const ConversationData = Conversation;
const MessageData = Message;
const TypingData = z.looseObject({
  conversation: Conversation,
  user: MessageSender,
  is_private: z.optional(z.boolean()),
  account_id: AccountId,
});
const ContactData = z.extend(Contact, { account_id: AccountId });
const ContactDeletedData = z.looseObject({ id: z.int(), account_id: AccountId });
const NotificationData = z.looseObject({
  notification: Notification,
  unread_count: z.int().check(z.nonnegative()),
  count: z.int().check(z.nonnegative()),
  account_id: AccountId,
});
const NotificationDeletedData = z.extend(NotificationData, { notification: NotificationRef });
const PresenceData = z.looseObject({
  account_id: AccountId,
  // Keys are user ids as strings; users missing from the map are offline (docs/chatwoot-events.md §3).
  users: z.record(z.string(), Availability),
  contacts: z.optional(z.record(z.string(), z.string())),
});
const CacheInvalidatedData = z.looseObject({
  cache_keys: z.record(z.string(), z.unknown()),
  account_id: AccountId,
});
const UnreadCountChangedData = z.looseObject({ account_id: AccountId });

export const ChatwootEvent = z.discriminatedUnion('event', [
  eventOf(CONVERSATION_EVENTS, ConversationData),
  eventOf(MESSAGE_EVENTS, MessageData),
  eventOf(TYPING_EVENTS, TypingData),
  eventOf(CONTACT_EVENTS, ContactData),
  eventOf(['contact.deleted'], ContactDeletedData),
  eventOf(NOTIFICATION_EVENTS, NotificationData),
  eventOf(['notification.deleted'], NotificationDeletedData),
  eventOf(['presence.update'], PresenceData),
  eventOf(['account.cache_invalidated'], CacheInvalidatedData),
  eventOf(['conversation.unread_count_changed'], UnreadCountChangedData),
]);
export type ChatwootEvent = z.infer<typeof ChatwootEvent>;
export type ChatwootEventName = ChatwootEvent['event'];
/** The event type for one name (union members stand for several names, so `Extract` alone won't do). */
export type ChatwootEventOf<E extends ChatwootEventName> = ChatwootEvent extends infer T
  ? T extends { event: infer N }
    ? E extends N
      ? Omit<T, 'event'> & { event: E }
      : never
    : never
  : never;

const CONVERSATION_EVENT_SET: ReadonlySet<string> = new Set(CONVERSATION_EVENTS);

/** What has to be fetched again when an event that would change it arrives unreadable. */
export type RefetchTarget =
  /** One conversation: its row, and its messages if it is open in a chat. */
  | { readonly kind: 'conversation'; readonly id: number }
  /** Every loaded page of conversations (a contact's change shows on all of theirs). */
  | { readonly kind: 'conversations' }
  | { readonly kind: 'notifications' };

/** One key per target, so a burst of unreadable events about one conversation refetches it once. */
export function refetchTargetKey(target: RefetchTarget): string {
  return target.kind === 'conversation' ? `conversation:${target.id}` : target.kind;
}

const positiveId = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

/**
 * What a known event would have changed, read from its raw frame, so an unreadable one is made up
 * for by refetching just that: the conversation a conversation event (`data.id`) or a message event
 * (`data.conversation_id`) names, else every loaded page; the notification list. Undefined for
 * events whose loss heals by itself (typing, presence, a counts signal) or that only invalidate
 * reference data (`account.cache_invalidated`, reloaded at the next resync).
 */
export function refetchTargetOf(message: unknown): RefetchTarget | undefined {
  const name = isRecord(message) && typeof message.event === 'string' ? message.event : undefined;
  if (name === undefined) return undefined;
  const data = isRecord(message) && isRecord(message.data) ? message.data : {};
  if (CONVERSATION_EVENT_SET.has(name)) {
    const id = positiveId(data.id);
    return id !== undefined ? { kind: 'conversation', id } : { kind: 'conversations' };
  }
  if ((MESSAGE_EVENTS as readonly string[]).includes(name)) {
    const id = positiveId(data.conversation_id);
    return id !== undefined ? { kind: 'conversation', id } : { kind: 'conversations' };
  }
  if ((CONTACT_EVENTS as readonly string[]).includes(name) || name === 'contact.deleted') return { kind: 'conversations' };
  if ((NOTIFICATION_EVENTS as readonly string[]).includes(name) || name === 'notification.deleted') return { kind: 'notifications' };
  return undefined;
}

export type EventDecodeResult =
  | { readonly kind: 'event'; readonly event: ChatwootEvent }
  /** Well-formed, but it can't be applied to any conversation; the caller should refetch instead. */
  | { readonly kind: 'unappliable'; readonly name: string; readonly problem: string }
  | { readonly kind: 'ignored'; readonly name: string }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'malformed'; readonly name: string | undefined; readonly problem: string; readonly target: RefetchTarget | undefined };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `account_id` Chatwoot merges into every payload, if present. */
export function eventAccountId(message: unknown): number | undefined {
  if (!isRecord(message) || !isRecord(message.data)) return undefined;
  const id = message.data.account_id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Decodes a RoomChannel `message` (`{event, data}`). Never throws.
 *
 * A conversation event whose `data.id` is null (every brand's published `assignee.changed` sample)
 * is `unappliable`, not malformed: the envelope is fine and something did change, but there is no
 * conversation to apply it to. Treating it as "something changed, refetch" costs one coalesced REST
 * round trip; dropping it could leave an assignment change unseen until the next reconnect.
 */
export function decodeChatwootEvent(message: unknown): EventDecodeResult {
  const name = isRecord(message) && typeof message.event === 'string' ? message.event : undefined;
  if (name === undefined) {
    return { kind: 'malformed', name, problem: 'event: expected a string', target: undefined };
  }
  if (isIgnoredEvent(name)) return { kind: 'ignored', name };
  const member = memberByName.get(name);
  if (!member) return { kind: 'unknown', name };
  const data = isRecord(message) ? message.data : undefined;
  if (CONVERSATION_EVENT_SET.has(name) && isRecord(data) && data.id === null) {
    return { kind: 'unappliable', name, problem: 'data.id is null' };
  }
  const parsed = member().safeParse(message);
  if (!parsed.success) return { kind: 'malformed', name, problem: describeIssues(parsed.error), target: refetchTargetOf(message) };
  // The member of the union that `name` selects, so its output is a ChatwootEvent.
  return { kind: 'event', event: parsed.data as ChatwootEvent };
}
