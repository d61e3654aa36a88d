/**
 * The webview's end of the typed protocol (`src/protocol/chatProtocol.ts`): a typed `post` and a
 * listener that passes on only well-formed host messages.
 */
import type { FromWebview, ToWebview } from '../../protocol/chatProtocol';
import type { PersistedState, StateStore } from './persistedState';
import { isRecord } from './persistedState';

export interface HostClient extends StateStore {
  post(message: FromWebview): void;
  onMessage(handler: (message: ToWebview) => void): void;
}

/** Every host message type; a Record, so the compiler insists on each new one. */
const TO_WEBVIEW_TYPES: Readonly<Record<ToWebview['type'], true>> = {
  init: true,
  messagesPrepended: true,
  messagesAppended: true,
  messageUpserted: true,
  conversationUpdated: true,
  typing: true,
  sendFailed: true,
  sendQueued: true,
  behind: true,
  empty: true,
  connection: true,
  insertText: true,
  settings: true,
  filesStaged: true,
  sendProgress: true,
  codeRefsResolved: true,
  toggleNoteMode: true,
  revealMessage: true,
  agents: true,
};

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
        if (isRecord(data) && typeof data.type === 'string' && Object.hasOwn(TO_WEBVIEW_TYPES, data.type)) {
          handler(data as unknown as ToWebview);
        }
      });
    },
  };
}
