/**
 * Markdown that a first render leaves for later: the rows of a long conversation that are far
 * from the newest are off screen (content-visibility in chat.css neither styles nor lays them
 * out), so their text is rendered in idle time right after the first frame, newest first, instead
 * of before it. Their size on screen does not depend on it until they come into view, so the
 * reader's place at the bottom holds; within a few frames every row is whole again (find in
 * page sees all of it).
 */
import { renderMarkdown } from './markdown';

/** An idle callback runs at the latest this long after it was asked for, even on a busy page. */
const IDLE_TIMEOUT_MS = 100;

export class DeferredMarkdown {
  /** Oldest first; taken from the end. */
  private _queue: Array<{ readonly el: HTMLElement; readonly text: string }> = [];
  private _handle: number | undefined;

  /** Renders `text` into `el` soon, unless `clear` comes first. */
  add(el: HTMLElement, text: string): void {
    this._queue.push({ el, text });
    this._handle ??= requestIdleCallback((deadline) => this._run(deadline), { timeout: IDLE_TIMEOUT_MS });
  }

  /** Another conversation replaced the rows: their text is no longer needed. */
  clear(): void {
    this._queue = [];
    if (this._handle !== undefined) cancelIdleCallback(this._handle);
    this._handle = undefined;
  }

  private _run(deadline: IdleDeadline): void {
    this._handle = undefined;
    const queue = this._queue;
    for (let item = queue.pop(); item; item = queue.pop()) {
      item.el.append(renderMarkdown(item.text));
      if (!deadline.didTimeout && deadline.timeRemaining() <= 1) break;
    }
    if (queue.length) this._handle = requestIdleCallback((d) => this._run(d), { timeout: IDLE_TIMEOUT_MS });
  }
}
