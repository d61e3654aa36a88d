// The chat webview app's entry point (bundled to dist/webview/chat.js). See app.ts.
import { ChatApp } from './app';
import { loadCodicons } from './codicons';
import { warmUpFormatters } from './format';
import { applyPageLocale } from './locale';
import { connectToHost } from './protocolClient';

// Before anything renders: every string and date from here on is in VS Code's display language.
applyPageLocale(document);
loadCodicons(document.currentScript);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const host = connectToHost();
const app = new ChatApp(root, host);
host.onMessage((message) => app.handle(message));
// Only now can the host's messages be received: anything it posted earlier is lost.
host.post({ type: 'ready' });
// The host's chat keybindings need to know where the keyboard is (see FocusChanged).
window.addEventListener('focus', () => host.post({ type: 'focus', focused: true }));
window.addEventListener('blur', () => host.post({ type: 'focus', focused: false }));
if (document.hasFocus()) host.post({ type: 'focus', focused: true });
// While the host fetches the conversation, not in the first render's way.
setTimeout(warmUpFormatters, 0);
