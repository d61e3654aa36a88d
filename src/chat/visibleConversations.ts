import { ConversationKey, keyString } from '../conversations/conversationKey';

/**
 * Which conversations are on screen right now (a chat view or tab that is visible), so a
 * notification about one the agent is already reading does not pop up. The chat views report
 * here; the notifier asks.
 */
export class VisibleConversations {
  private readonly _visible = new Map<string, number>();

  /** Counts showings, since the same conversation can be in the sidebar and in a tab. */
  setVisible(key: ConversationKey, visible: boolean): void {
    const k = keyString(key);
    const n = (this._visible.get(k) ?? 0) + (visible ? 1 : -1);
    if (n > 0) this._visible.set(k, n);
    else this._visible.delete(k);
  }

  isVisible(key: ConversationKey): boolean {
    return this._visible.has(keyString(key));
  }
}
