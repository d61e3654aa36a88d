/** The Contact webview's end of its typed protocol (`src/protocol/contactProtocol.ts`). */
import type { FromContactWebview, ToContactWebview } from '../../protocol/contactProtocol';

export interface ContactHost {
  post(message: FromContactWebview): void;
  onMessage(handler: (message: ToContactWebview) => void): void;
}

/** Every host message type; a Record, so the compiler insists on each new one. */
const TYPES: Readonly<Record<ToContactWebview['type'], true>> = { show: true, loading: true, empty: true, noteAdded: true };

export function connectToHost(): ContactHost {
  // acquireVsCodeApi may be called only once per page load.
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage(handler) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const data = event.data as { type?: unknown } | null;
        // The host is trusted, but a type we do not know (a newer host) must not reach the switch.
        if (typeof data === 'object' && data !== null && typeof data.type === 'string' && Object.hasOwn(TYPES, data.type)) handler(data as ToContactWebview);
      });
    },
  };
}
