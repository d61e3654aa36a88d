import { Clock, TimerHandle } from '../common/clock';
import { Disposable, toDisposable } from '../common/dispose';
import { Emitter } from '../common/event';
import { Conversation } from '../model/conversation';

/** The notification types a cable event can stand in for. */
export type AlertType = 'conversation_mention' | 'conversation_creation';

export interface EventAlert {
  readonly type: AlertType;
  /** The conversation push data the event carried (`id` is the display id). */
  readonly conversation: Conversation;
}

export interface EventAlertsOptions {
  readonly clock: Clock;
  /** How long an event waits for the notification that would announce the same thing. */
  readonly graceMs?: number;
  /** How long one announcement covers the other kind for the same conversation. */
  readonly coverMs?: number;
}

/** Sidekiq usually runs the notification's broadcast first; a few seconds cover a busy queue. */
export const ALERT_GRACE_MS = 3_000;
/** UserMentionJob runs on the `within_1_minute` queue, so its event can trail the notification by a minute. */
export const ALERT_COVER_MS = 120_000;

/**
 * Decides which of two announcements of one thing pops up. Chatwoot tells the mentioned agent of
 * a mention twice: a `conversation_mention` notification.created (NotificationListener →
 * MentionService) and `conversation.mentioned` (UserMentionJob → Mention#after_commit). A bot
 * handoff gives the inbox members a `conversation_creation` notification, and a fork may also
 * broadcast `conversation.bot_handoff`. Both travel as Sidekiq jobs, so either may come first,
 * and the notification never comes when the agent turned that type off in Chatwoot. So: an event
 * waits `graceMs` for the notification; if it comes, the notification pops up and the event is
 * dropped; if not, the event pops up (`onDidAlert`) and a notification arriving later within
 * `coverMs` is told not to. Pure (clock injected), so the orderings are unit-tested.
 * Chatwoot: app/services/messages/mention_service.rb, app/jobs/conversations/user_mention_job.rb,
 * app/models/mention.rb, app/listeners/notification_listener.rb
 */
export class EventAlerts extends Disposable {
  private readonly _onDidAlert = this._register(new Emitter<EventAlert>());
  readonly onDidAlert = this._onDidAlert.event;

  private readonly _waiting = new Map<string, TimerHandle>();
  /** When a notification for the key arrived. */
  private readonly _notified = new Map<string, number>();
  /** When an event's own pop-up was shown for the key. */
  private readonly _alerted = new Map<string, number>();
  private readonly _graceMs: number;
  private readonly _coverMs: number;

  constructor(private readonly _options: EventAlertsOptions) {
    super();
    this._graceMs = _options.graceMs ?? ALERT_GRACE_MS;
    this._coverMs = _options.coverMs ?? ALERT_COVER_MS;
    this._register(toDisposable(() => this.clear()));
  }

  /** Whether an event for this conversation is waiting for its notification. */
  isWaiting(type: AlertType, conversationId: number): boolean {
    return this._waiting.has(keyOf(type, conversationId));
  }

  /** A cable event that deserves a pop-up unless a notification announces the same thing. */
  eventArrived(alert: EventAlert): 'covered' | 'waiting' {
    if (this.isDisposed) return 'covered';
    const key = keyOf(alert.type, alert.conversation.id);
    this._prune();
    if (this._notified.has(key) || this._waiting.has(key)) return 'covered';
    const timer = this._options.clock.setTimeout(() => {
      this._waiting.delete(key);
      if (this.isDisposed) return;
      this._alerted.set(key, this._options.clock.now());
      this._onDidAlert.fire(alert);
    }, this._graceMs);
    this._waiting.set(key, timer);
    return 'waiting';
  }

  /**
   * A notification.created: cancels an event waiting for it. Returns false when the event has
   * already popped up for the same thing, so the notification should not pop up again.
   */
  notificationArrived(type: string, conversationId: number | undefined): boolean {
    if (conversationId === undefined || !isAlertType(type)) return true;
    const key = keyOf(type, conversationId);
    this._prune();
    this._notified.set(key, this._options.clock.now());
    const waiting = this._waiting.get(key);
    if (waiting !== undefined) {
      this._options.clock.clearTimeout(waiting);
      this._waiting.delete(key);
      return true;
    }
    return !this._alerted.has(key);
  }

  /** Forgets everything (another account, sign-out). */
  clear(): void {
    for (const timer of this._waiting.values()) this._options.clock.clearTimeout(timer);
    this._waiting.clear();
    this._notified.clear();
    this._alerted.clear();
  }

  private _prune(): void {
    const oldest = this._options.clock.now() - this._coverMs;
    for (const map of [this._notified, this._alerted]) {
      for (const [key, at] of map) if (at <= oldest) map.delete(key);
    }
  }
}

function isAlertType(type: string): type is AlertType {
  return type === 'conversation_mention' || type === 'conversation_creation';
}

function keyOf(type: AlertType, conversationId: number): string {
  return `${type}/${conversationId}`;
}
