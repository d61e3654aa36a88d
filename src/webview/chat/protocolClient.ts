/**
 * The webview's end of the typed protocol (`src/shared/chatProtocol.ts`): a typed `post` and a
 * listener that passes on only well-formed host messages.
 */
import type { FromWebview, ToWebview } from '../../shared/chatProtocol';
import type { PersistedState, StateStore } from './state';
import { isRecord } from './state';

export interface HostClient extends StateStore {
  post(message: FromWebview): void;
  onMessage(handler: (message: ToWebview) => void): void;
}

const TO_WEBVIEW_TYPES: ReadonlySet<ToWebview['type']> = new Set<ToWebview['type']>([
  'init',
  'messagesPrepended',
  'messagesAppended',
  'messageUpserted',
  'conversationUpdated',
  'typing',
  'sendFailed',
  'empty',
  'connection',
]);

export function connectToHost(): HostClient {
  // acquireVsCodeApi may be called only once per page load.
  const api = acquireVsCodeApi<PersistedState>();
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => void api.setState(state),
    onMessage(handler) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        // The host is trusted, but a type we do not know (a newer host) must not reach the switch.
        const data = event.data;
        if (isRecord(data) && typeof data.type === 'string' && TO_WEBVIEW_TYPES.has(data.type as ToWebview['type'])) {
          handler(data as unknown as ToWebview);
        }
      });
    },
  };
}
