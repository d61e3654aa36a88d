// The Contact webview app's entry point (bundled to dist/webview/contact.js). See app.ts.
import { loadCodicons } from '../chat/codicons';
import { ContactApp } from './app';
import { connectToHost } from './protocolClient';
import { applyPageLocale } from '../chat/locale';

// Before anything renders: every string and date from here on is in VS Code's display language.
applyPageLocale(document);
loadCodicons(document.currentScript);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const host = connectToHost();
const app = new ContactApp(root, (message) => host.post(message));
host.onMessage((message) => app.handle(message));
// Only now can the host's messages be received: anything it posted earlier is lost.
host.post({ type: 'ready' });
