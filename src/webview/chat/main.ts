// The chat webview app. Until a conversation is selected it shows the empty state.
const app = document.getElementById('app');
if (app) {
  const empty = document.createElement('p');
  empty.className = 'empty';
  empty.textContent = 'Select a conversation to read and reply.';
  app.replaceChildren(empty);
}
acquireVsCodeApi();
