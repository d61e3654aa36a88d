// Demo-mode life: customers type and write, new conversations arrive, colleagues pick up,
// answer and resolve conversations, and stay "online". Everything goes through Actions, so
// the demo shows exactly the events a real team would produce. Every timer is tracked and
// cleared by stop().

import type { Actions } from './actions';
import { Rng } from './rng';
import type { Store } from './store';
import type { Conversation, User } from './types';

const CUSTOMER_LINES = [
  'Any update on this?',
  'Thanks, that worked!',
  'I tried that but I still get the same error.',
  'Could you send me the invoice as PDF?',
  'Is there a phone number I can call?',
  'Great, appreciate the quick help 🙏',
  'One more question: does this also work on mobile?',
  'Sorry, I forgot to mention: we are on the Growth plan.',
];
const NEW_CONVERSATIONS = [
  'Hi, I would like to change the email address on my account.',
  'Hello! Do you offer discounts for non-profits?',
  'My card was declined but I was charged anyway.',
  'How do I export all my data as CSV?',
  'The dashboard is very slow today, is something going on?',
  'Can I add a second admin to our workspace?',
];
const AGENT_LINES = [
  'Thanks for the details! Let me check this for you.',
  'I have just sent you the invoice by email.',
  'That should be fixed now. Could you try again?',
  'Good question! Yes, it works the same way on mobile.',
];
const VISITORS = ['Julia Becker', 'Samuel Osei', 'Marta Kowalska', 'Hugo Lefèvre', 'Priyanka Iyer', 'Tomás Ruiz'];

export interface SimulationOptions {
  /** Mean time between simulated happenings. */
  intervalMs: number;
  seed: number;
  /** The signed-in user: the simulation never acts in their name. */
  demoUserId: number;
}

export class Simulation {
  private readonly _timers = new Set<NodeJS.Timeout>();
  private readonly _rng: Rng;
  private _running = false;

  constructor(
    private readonly _store: Store,
    private readonly _actions: Actions,
    private readonly _opts: SimulationOptions,
  ) {
    this._rng = new Rng(_opts.seed ^ 0x5eed);
  }

  start(): void {
    if (this._running) return;
    this._running = true;
    this._keepColleaguesOnline();
    this._scheduleNext();
  }

  stop(): void {
    this._running = false;
    for (const t of this._timers) clearTimeout(t);
    this._timers.clear();
  }

  get running(): boolean {
    return this._running;
  }

  pendingTimers(): number {
    return this._timers.size;
  }

  private _after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this._timers.delete(t);
      if (this._running) fn();
    }, ms);
    this._timers.add(t);
  }

  private _colleagues(): User[] {
    return [...this._store.users.values()].filter((u) => u.id !== this._opts.demoUserId && u.autoOffline);
  }

  /** Colleagues send heartbeats like their own dashboards would, so they show online. */
  private _keepColleaguesOnline(): void {
    for (const u of this._colleagues()) this._store.presence.touchUser(this._store.account.id, u.id);
    this._after(10_000, () => this._keepColleaguesOnline());
  }

  private _scheduleNext(): void {
    const base = this._opts.intervalMs;
    this._after(Math.round(base * (0.5 + this._rng.next())), () => {
      this._step();
      this._scheduleNext();
    });
  }

  private _open(filter: (c: Conversation) => boolean): Conversation | undefined {
    // Recent conversations only: with --scale the map is large and old ones are not on screen.
    const recent = [...this._store.conversations.values()].slice(-60).filter(filter);
    return recent.length > 0 ? this._rng.pick(recent) : undefined;
  }

  private _step(): void {
    const r = this._rng.next();
    if (r < 0.45) this._customerWrites();
    else if (r < 0.6) this._newConversation();
    else if (r < 0.75) this._colleaguePicksUp();
    else if (r < 0.9) this._colleagueReplies();
    else this._colleagueResolves();
  }

  private _customerWrites(): void {
    const c = this._open((x) => x.status === 'open' || x.status === 'pending');
    if (!c) return;
    const contact = this._store.contacts.get(c.contactId);
    if (!contact) return;
    this._actions.typing(c, true, { contact }, false);
    this._after(this._rng.int(1500, 3500), () => {
      this._actions.typing(c, false, { contact }, false);
      this._actions.contactMessage(c, this._rng.pick(CUSTOMER_LINES));
    });
  }

  private _newConversation(): void {
    const inboxes = [...this._store.inboxes.values()].filter((i) => i.channelType !== 'Channel::Api');
    const inbox = this._rng.pick(inboxes);
    this._actions.createConversation({ inboxId: inbox.id, contactName: this._rng.pick(VISITORS), content: this._rng.pick(NEW_CONVERSATIONS) });
  }

  private _memberOf(c: Conversation): User | undefined {
    const members = this._colleagues().filter((u) => this._store.inboxes.get(c.inboxId)?.memberIds.includes(u.id));
    return members.length > 0 ? this._rng.pick(members) : undefined;
  }

  private _colleaguePicksUp(): void {
    const c = this._open((x) => x.status === 'open' && x.assigneeId === null);
    const agent = c && this._memberOf(c);
    if (c && agent) this._actions.assign(c, agent, agent);
  }

  private _colleagueReplies(): void {
    const c = this._open((x) => x.status === 'open' && x.assigneeId !== null && x.assigneeId !== this._opts.demoUserId);
    const agent = c?.assigneeId != null ? this._store.users.get(c.assigneeId) : undefined;
    if (!c || !agent) return;
    this._actions.typing(c, true, { user: agent }, false);
    this._after(this._rng.int(1500, 3000), () => {
      this._actions.typing(c, false, { user: agent }, false);
      this._actions.agentMessage(c, agent, { content: this._rng.pick(AGENT_LINES) });
    });
  }

  private _colleagueResolves(): void {
    const c = this._open((x) => x.status === 'open' && x.assigneeId !== null && x.assigneeId !== this._opts.demoUserId);
    const agent = c?.assigneeId != null ? this._store.users.get(c.assigneeId) : undefined;
    if (c && agent) this._actions.setStatus(c, 'resolved', null, agent);
  }
}
