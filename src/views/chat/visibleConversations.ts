/**
 * Which conversations are on screen right now (a chat view or tab that is visible), so a
 * notification about one the agent is already reading does not pop up. The chat views report
 * here; the notifier asks.
 */
export class VisibleConversations {
  private readonly _visible = new Map<string, number>();

  private static _key(accountId: number, conversationId: number): string {
    return `${accountId}/${conversationId}`;
  }

  /** Counts showings, since the same conversation can be in the sidebar and in a tab. */
  setVisible(accountId: number, conversationId: number, visible: boolean): void {
    const key = VisibleConversations._key(accountId, conversationId);
    const n = (this._visible.get(key) ?? 0) + (visible ? 1 : -1);
    if (n > 0) this._visible.set(key, n);
    else this._visible.delete(key);
  }

  isVisible(accountId: number, conversationId: number): boolean {
    return this._visible.has(VisibleConversations._key(accountId, conversationId));
  }
}
