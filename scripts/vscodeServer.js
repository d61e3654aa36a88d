// VS Code's server (the npm package code-server, installed by scripts/setup-host.sh) in a
// throw-away profile on 127.0.0.1: how the test runner and `npm start` both launch it.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

/** The installed code-server package (CODE_SERVER_HOME overrides where setup-host.sh put it). */
function codeServerDir(root) {
  return path.resolve(root, process.env.CODE_SERVER_HOME || '.vscode-test/code-server', 'node_modules/code-server');
}

function codeServerEntry(root) {
  return path.join(codeServerDir(root), 'out/node/entry.js');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A quiet profile: no welcome page, telemetry, updates, trust prompts or git; plus `extra`. */
function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    ...extra,
  }, null, 2));
}

/**
 * VS Code takes a display language only if a language pack provides it, and offline no pack can
 * be installed. The server finds packs through `languagepacks.json` in the user-data folder; one
 * entry whose translations are empty is enough: VS Code's own UI stays English (every message falls
 * back to it), while the workbench, the extension host (`vscode.env.language`) and the manifest
 * and `vscode.l10n` bundles of extensions switch to `locale`. See docs/display-language.md.
 */
function writeLanguagePack(userDataDir, locale) {
  const translations = path.join(userDataDir, 'test-language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    [locale]: {
      hash: `test-${locale}`,
      label: locale,
      // The workbench lists each pack by the extension that brought it.
      extensions: [{ extensionIdentifier: { id: `chatwoot-test.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
    },
  }));
}

/** XDG folders inside `tmp`, so neither VS Code's server nor Chromium writes to $HOME. */
function isolatedEnv(tmp) {
  return { XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') };
}

/**
 * Starts the server on 127.0.0.1:`port` with its profile, extensions and config in `tmp`. It runs
 * detached, leading its own process group (server, extension host, watcher), so `stopServer`
 * can end exactly the processes it started. `env` is added to the server's environment, which
 * the extension host inherits. `locale` (e.g. 'pt-br'), if given, is VS Code's display language.
 */
function startServer({ root, tmp, port, settings, env = {}, stdio, locale }) {
  fs.writeFileSync(path.join(tmp, 'config.yaml'), '');
  writeUserSettings(path.join(tmp, 'user-data'), settings);
  if (locale) writeLanguagePack(path.join(tmp, 'user-data'), locale);
  return spawn(process.execPath, [
    codeServerEntry(root), '--config', path.join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
    '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions'),
    ...(locale ? ['--locale', locale] : []),
  ], {
    cwd: root,
    detached: true,
    stdio,
    env: { ...process.env, ...isolatedEnv(tmp), EXTENSIONS_GALLERY: '{}' /* no marketplace queries */, ...env },
  });
}

/** SIGTERM to the server's process group, SIGKILL if it is still there after 5 s. */
async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', () => r(true)));
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
  if (!(await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), 5000))]))) {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

/**
 * The workbench URL with `extensionDevelopmentPath` and the like in its payload; local paths
 * become `vscode-remote://remote<path>` (code-server's remote authority is always "remote").
 * `folder`, a local path, is opened as the workspace.
 */
function workbenchUrl(port, payload, folder) {
  const entries = Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('/') ? `vscode-remote://remote${v}` : String(v)]);
  const workspace = folder ? `&folder=${encodeURIComponent(folder)}` : '';
  return `http://127.0.0.1:${port}/?ew=true${workspace}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}

/**
 * An empty folder in `tmp` for the tests' workspace: what a cloned repository is to a user. Tests
 * write its `.vscode/settings.json` to show which settings a workspace can and cannot change.
 */
function testWorkspace(tmp) {
  const dir = path.join(tmp, 'workspace');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

module.exports = { codeServerDir, codeServerEntry, freePort, isolatedEnv, startServer, stopServer, testWorkspace, workbenchUrl, writeUserSettings };
