/**
 * The states of a CableConsumer. One state object at a time, replaced (never mutated) on each
 * transition, so a consumer of `onDidChangeState` can keep the last one it saw.
 */
export type CableState =
  /** Not running: before `start()`, after `stop()`, or after the server refused our protocol. */
  | { readonly kind: 'stopped'; readonly reason: StoppedReason }
  /** Opening a socket and subscribing. `attempt` is 0 for the first connect, n for the n-th retry. */
  | { readonly kind: 'connecting'; readonly attempt: number }
  /**
   * The socket is up and `subscribe` was sent, but the server has not confirmed yet. Not an error:
   * Rails confirms only once its pub/sub acknowledged the SUBSCRIBE (`stream_from` defers the
   * confirmation), which on a busy server takes seconds. `since` is the Clock time of the first
   * `subscribe` on this socket; meanwhile `subscribe` is re-sent with backoff.
   */
  | { readonly kind: 'awaiting-confirmation'; readonly attempt: number; readonly since: number }
  /** Subscribed and confirmed; events flow. `since` is the Clock time of the confirmation. */
  | { readonly kind: 'connected'; readonly since: number }
  /** Waiting to retry. `nextRetryAt` is a Clock time; `retryNow()` skips the wait. */
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly nextRetryAt: number;
      readonly delayMs: number;
      readonly cause: string;
      /** The error behind `cause` (the socket's or the credentials'), for advice about proxies and certificates. */
      readonly error?: unknown;
    }
  /** The server or the credentials said no; no retry loop until `start()` is called again. */
  | { readonly kind: 'auth-error'; readonly reason: AuthErrorReason; readonly detail?: string };

export type StoppedReason = 'not-started' | 'stopped' | 'unsupported-protocol';

export type AuthErrorReason =
  /** `reject_subscription`, twice: once before and once after refetching credentials. */
  | 'subscription-rejected'
  /** The credentials provider reported an auth failure (e.g. the API token was revoked). */
  | 'credentials-rejected'
  /** A `disconnect` frame with `reconnect: false` or reason `unauthorized`; `detail` carries the reason. */
  | 'server-refused';

export function describeState(state: CableState): string {
  switch (state.kind) {
    case 'stopped':
      return `stopped (${state.reason})`;
    case 'connecting':
      return state.attempt === 0 ? 'connecting' : `connecting (attempt ${state.attempt})`;
    case 'awaiting-confirmation':
      return 'waiting for the server to confirm the subscription';
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return `reconnecting in ${state.delayMs} ms (attempt ${state.attempt}, after ${state.cause})`;
    case 'auth-error':
      return `auth error: ${state.reason}${state.detail ? ` (${state.detail})` : ''}`;
  }
}
