/**
 * Speaks new messages to screen readers: one short polite announcement per message ("New message
 * from Jane Cooper: Where is my order"), instead of the message log reading out whole bubbles, or
 * the whole list when a conversation opens. The log itself is silenced (messageList.ts).
 */
import * as l10n from '@vscode/l10n';
import type { ChatAgent, WireMessage } from '../../protocol/chatProtocol';
import { h } from './dom';
import { senderName, sideOf } from './messageView';

/** Words of the message read out; the rest is in the log for whoever wants it. */
const WORDS = 12;
/** Announcements kept in the region; older ones are removed so it never grows into a second log. */
const KEPT = 3;

export class Announcer {
  readonly el: HTMLElement;

  constructor() {
    // Each announcement is a new child, so two messages arriving together are two announcements
    // (replacing one text would let the second silence the first).
    this.el = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'false', 'aria-relevant': 'additions' } });
  }

  /** Announces messages that just arrived, except the agent's own and activity lines. */
  newMessages(messages: readonly WireMessage[], agent: ChatAgent): void {
    for (const m of messages) {
      const text = announcement(m, agent);
      if (!text) continue;
      this.el.append(h('p', { text }));
      while (this.el.childElementCount > KEPT) this.el.firstElementChild?.remove();
    }
  }

  clear(): void {
    this.el.replaceChildren();
  }
}

/** What is said for `m`, or null when nothing is: the agent's own messages and activity lines. */
export function announcement(m: WireMessage, agent: ChatAgent): string | null {
  const side = sideOf(m);
  if (side === 'activity') return null;
  if (m.sender_type === 'User' && m.sender?.id === agent.id) return null;
  const words = (m.content ?? '').replace(/[*_`~#>]/g, '').split(/\s+/).filter(Boolean);
  const attached = m.attachments?.length ?? 0;
  const gist = words.length
    ? words.slice(0, WORDS).join(' ') + (words.length > WORDS ? '…' : '')
    : attached
      ? attached === 1
        ? l10n.t('1 attachment')
        : l10n.t('{0} attachments', attached)
      : '';
  const name = senderName(m);
  if (side === 'note') return gist ? l10n.t('New private note from {0}: {1}', name, gist) : l10n.t('New private note from {0}', name);
  return gist ? l10n.t('New message from {0}: {1}', name, gist) : l10n.t('New message from {0}', name);
}
