import * as l10n from '@vscode/l10n';
import { ApiClient } from '../../api/client';
import { listContactConversations, searchContacts } from '../../api/contacts';
import { ConversationSearchHit, searchConversations } from '../../api/conversationSearch';
import { ApiError } from '../../api/errors';
import { Clock } from '../../common/clock';
import { Disposable } from '../../common/dispose';
import { Emitter, Event } from '../../common/event';
import { LIVE_QUERY_DEFAULTS, LiveQuery, QueryOutcome } from '../../common/liveQuery';
import { Logger } from '../../common/log';
import { Contact } from '../../model/contact';
import { Conversation } from '../../model/conversation';
import { emptyOutcome, mergeResults, SearchOutcome } from './search';

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
  ...LIVE_QUERY_DEFAULTS,
  maxCustomers: 5,
} as const;

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const isCancelled = (error: unknown): boolean => error instanceof ApiError && error.kind === 'cancelled';

type Customers = ReadonlyArray<{ contact: Contact; conversations: readonly Conversation[] }>;
interface Found {
  readonly messages: readonly ConversationSearchHit[];
  readonly customers: Customers;
}

/**
 * Go to Conversation's two server searches (message text; customers and their conversations),
 * run by a LiveQuery for the latest query only, and merged into one list without duplicates.
 * Go to Conversation's quick pick listens; its argument form awaits `search`.
 */
export class LiveSearch extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<SearchOutcome>());
  readonly onDidChange: Event<SearchOutcome> = this._onDidChange.event;
  private readonly _query: LiveQuery<Found>;
  private _outcome: SearchOutcome | undefined;

  constructor(
    private readonly _backend: SearchBackend,
    private readonly _options: LiveSearchOptions,
  ) {
    super();
    const maxCustomers = _options.maxCustomers ?? LIVE_SEARCH_DEFAULTS.maxCustomers;
    this._query = this._register(
      new LiveQuery<Found>(
        {
          messages: { what: l10n.t({ message: 'Message', comment: 'names a search in the failure: <name> search failed' }), run: (q, signal) => _backend.searchMessages(q, signal) },
          customers: { what: l10n.t({ message: 'Customer', comment: 'names a search in the failure: <name> search failed' }), run: (q, signal) => this._customers(q, signal, maxCustomers) },
        },
        { ..._options, isCancelled },
      ),
    );
    this._register(
      this._query.onDidChange((o) => {
        this._outcome = o && toSearchOutcome(o);
        this._onDidChange.fire(this._outcome ?? emptyOutcome(''));
      }),
    );
  }

  /** The latest query's results so far; undefined before the first search or for a short query. */
  get outcome(): SearchOutcome | undefined {
    return this._outcome;
  }

  /** Whether a search is waiting for its debounce or for the server. */
  get isBusy(): boolean {
    return this._query.isBusy;
  }

  /** The quick pick's text changed: search it once typing pauses. */
  setQuery(value: string): void {
    this._query.setQuery(value);
  }

  /** Searches at once (superseding any query in flight); resolves when both searches settled. */
  async search(value: string): Promise<SearchOutcome> {
    return toSearchOutcome(await this._query.search(value));
  }

  private async _customers(query: string, signal: AbortSignal, max: number): Promise<Customers> {
    const contacts = await this._backend.searchContacts(query, signal);
    const top = contacts.slice(0, max);
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
}

function toSearchOutcome(o: QueryOutcome<Found>): SearchOutcome {
  return {
    query: o.query,
    ...mergeResults(o.query, o.results.messages ?? [], o.results.customers ?? []),
    pending: o.pending,
    failures: o.failures,
  };
}

/** The conversation a finished search points at first: a message match, else a customer's newest. */
export function firstFound(outcome: SearchOutcome): number | undefined {
  return outcome.messages[0]?.conversationId ?? outcome.customers.find((c) => c.conversations.length > 0)?.conversations[0]?.id;
}
