import { ApiClient } from '../../api/client';
import { listContactConversations, searchContacts } from '../../api/contacts';
import { ConversationSearchHit, searchConversations } from '../../api/conversationSearch';
import { ApiError } from '../../api/errors';
import { Clock } from '../../common/clock';
import { Disposable, toDisposable } from '../../common/dispose';
import { Emitter, Event } from '../../common/event';
import { Logger } from '../../common/log';
import { Contact } from '../../model/contact';
import { Conversation } from '../../model/conversation';
import { emptyOutcome, isBusy, mergeResults, SearchOutcome } from './search';

/**
 * The server searches Go to Conversation runs as the agent types. Chatwoot has no single search
 * that covers both: `conversations/search` matches message text only, `contacts/search` matches
 * name, e-mail and phone, and a found contact's conversations come from a third endpoint.
 */
export interface SearchBackend {
  searchMessages(q: string, signal: AbortSignal): Promise<readonly ConversationSearchHit[]>;
  searchContacts(q: string, signal: AbortSignal): Promise<readonly Contact[]>;
  contactConversations(contactId: number, signal: AbortSignal): Promise<readonly Conversation[]>;
}

export function restSearchBackend(api: ApiClient, accountId: number): SearchBackend {
  return {
    searchMessages: (q, signal) => searchConversations(api, accountId, q, { signal }),
    searchContacts: async (q, signal) => (await searchContacts(api, accountId, q, { signal })).contacts,
    contactConversations: (contactId, signal) => listContactConversations(api, accountId, contactId, { signal }),
  };
}

export interface LiveSearchOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Quiet time after a keystroke before the server is asked. */
  readonly debounceMs?: number;
  /** Shorter queries are not sent: they match too much to be useful. */
  readonly minLength?: number;
  /** Customers whose conversations are fetched: one request each. */
  readonly maxCustomers?: number;
}

export const LIVE_SEARCH_DEFAULTS = {
  // Long enough to skip the keystrokes of a word typed at speed, short enough to feel live;
  // contacts/search is also rate-limited per account (100 a minute by default).
  debounceMs: 300,
  minLength: 2,
  maxCustomers: 5,
} as const;

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const isCancelled = (error: unknown): boolean => error instanceof ApiError && error.kind === 'cancelled';

/**
 * Runs both server searches, in parallel, for the latest query only: typing restarts a debounce
 * timer, and a new query aborts the requests of the one before, so a slow answer to an old query
 * never replaces the results of a newer one. Results are published as each search answers.
 * Go to Conversation's quick pick listens; its argument form awaits `search`.
 */
export class LiveSearch extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<SearchOutcome>());
  readonly onDidChange: Event<SearchOutcome> = this._onDidChange.event;
  private readonly _debounceMs: number;
  private readonly _minLength: number;
  private readonly _maxCustomers: number;
  private _timer: ReturnType<Clock['setTimeout']> | undefined;
  private _current: AbortController | undefined;
  private _outcome: SearchOutcome | undefined;

  constructor(
    private readonly _backend: SearchBackend,
    private readonly _options: LiveSearchOptions,
  ) {
    super();
    this._debounceMs = _options.debounceMs ?? LIVE_SEARCH_DEFAULTS.debounceMs;
    this._minLength = _options.minLength ?? LIVE_SEARCH_DEFAULTS.minLength;
    this._maxCustomers = _options.maxCustomers ?? LIVE_SEARCH_DEFAULTS.maxCustomers;
    this._register(toDisposable(() => this._stop()));
  }

  /** The latest query's results so far; undefined before the first search or for a short query. */
  get outcome(): SearchOutcome | undefined {
    return this._outcome;
  }

  /** Whether a search is waiting for its debounce or for the server. */
  get isBusy(): boolean {
    return this._timer !== undefined || isBusy(this._outcome);
  }

  /** The quick pick's text changed: search it once typing pauses. */
  setQuery(value: string): void {
    if (this.isDisposed) return;
    this._stop();
    const query = value.trim();
    if (query.length < this._minLength) {
      this._publish(undefined);
      return;
    }
    this._timer = this._options.clock.setTimeout(() => {
      this._timer = undefined;
      void this.search(query);
    }, this._debounceMs);
  }

  /** Searches at once (superseding any query in flight); resolves when both searches settled. */
  async search(value: string): Promise<SearchOutcome> {
    const query = value.trim();
    this._stop();
    const controller = new AbortController();
    this._current = controller;
    const current = () => this._current === controller && !this.isDisposed;
    let outcome: SearchOutcome = { ...emptyOutcome(query), pending: { messages: true, customers: true } };
    let hits: readonly ConversationSearchHit[] = [];
    let customers: ReadonlyArray<{ contact: Contact; conversations: readonly Conversation[] }> = [];
    const update = (change: (o: SearchOutcome) => SearchOutcome) => {
      outcome = change(outcome);
      outcome = { ...outcome, ...mergeResults(query, hits, customers) };
      if (current()) this._publish(outcome);
    };
    const fail = (what: 'messages' | 'customers', error: unknown) => {
      if (isCancelled(error) || !current()) return;
      const sentence = `${what === 'messages' ? 'Message' : 'Customer'} search failed: ${describeFailure(error)}`;
      this._options.logger.warn(`search for "${query}": ${sentence}`);
      update((o) => ({ ...o, failures: [...o.failures, sentence] }));
    };
    this._publish(outcome);

    const messageSearch = this._backend.searchMessages(query, controller.signal).then(
      (found) => {
        hits = found;
        update((o) => ({ ...o, pending: { ...o.pending, messages: false } }));
      },
      (error: unknown) => {
        update((o) => ({ ...o, pending: { ...o.pending, messages: false } }));
        fail('messages', error);
      },
    );
    const customerSearch = this._customers(query, controller.signal).then(
      (found) => {
        customers = found;
        update((o) => ({ ...o, pending: { ...o.pending, customers: false } }));
      },
      (error: unknown) => {
        update((o) => ({ ...o, pending: { ...o.pending, customers: false } }));
        fail('customers', error);
      },
    );
    await Promise.all([messageSearch, customerSearch]);
    if (this._current === controller) this._current = undefined;
    return outcome;
  }

  private async _customers(query: string, signal: AbortSignal): Promise<Array<{ contact: Contact; conversations: readonly Conversation[] }>> {
    const contacts = await this._backend.searchContacts(query, signal);
    const top = contacts.slice(0, this._maxCustomers);
    if (contacts.length > top.length) this._options.logger.debug(`search (${query.length} characters): ${contacts.length} customers match; listing the first ${top.length}`);
    // One customer's list failing should not hide the others.
    return Promise.all(
      top.map(async (contact) => {
        try {
          return { contact, conversations: await this._backend.contactConversations(contact.id, signal) };
        } catch (error) {
          if (isCancelled(error)) throw error;
          this._options.logger.warn(`conversations of contact ${contact.id}: ${describeFailure(error)}`);
          return { contact, conversations: [] };
        }
      }),
    );
  }

  private _publish(outcome: SearchOutcome | undefined): void {
    this._outcome = outcome;
    this._onDidChange.fire(outcome ?? emptyOutcome(''));
  }

  /** Cancels the pending debounce and aborts the requests in flight. */
  private _stop(): void {
    if (this._timer !== undefined) {
      this._options.clock.clearTimeout(this._timer);
      this._timer = undefined;
    }
    this._current?.abort();
    this._current = undefined;
  }
}

/** The conversation a finished search points at first: a message match, else a customer's newest. */
export function firstFound(outcome: SearchOutcome): number | undefined {
  return outcome.messages[0]?.conversationId ?? outcome.customers.find((c) => c.conversations.length > 0)?.conversations[0]?.id;
}
