#!/usr/bin/env node
// `npm start`: the extension against the bundled demo Chatwoot server, signed in as the demo
// agent, with no installation of your own.
//  1. builds the extension and the server (tsc + esbuild),
//  2. starts the stand-in Chatwoot server on 127.0.0.1 with its live simulation,
//  3. opens VS Code with the extension loaded against it: the desktop `code` command when it is
//     installed (a separate, throw-away profile), otherwise VS Code's server from
//     `npm run setup:host`, whose URL it prints for your browser.
// Ctrl+C stops everything it started.
//
//   npm start [-- --port 3000] [--web]   (--web: use the VS Code server even if `code` exists)
'use strict';
const { execFileSync, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscodeServer = require('./vscodeServer');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};

function hasDesktopCode() {
  return !args.includes('--web') && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  console.log('Building…');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync('node', ['esbuild.js'], { cwd: root, stdio: 'inherit' });

  const { startServer } = require(path.join(root, 'out/test/server/index.js'));
  const server = await startServer({ port: Number(flag('port', '0')), simulate: true });
  const account = server.accountId;
  const agent = server.user(server.demoUserId);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-demo-'));
  const settings = { 'chatwoot.baseUrl': server.url };
  // Read only by an extension running in development mode (see src/auth/demoSignIn.ts): the
  // demo token reaches SecretStorage without anyone typing it.
  const demoEnv = { CHATWOOT_DEMO_URL: server.url, CHATWOOT_DEMO_TOKEN: server.demoToken, CHATWOOT_DEMO_ACCOUNT_ID: String(account) };

  console.log(`\nDemo Chatwoot server: ${server.url}`);
  console.log(`Demo agent: ${agent.name} <${agent.email}>, account ${account}`);
  console.log(`Demo access token: ${server.demoToken}`);

  const children = [];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await Promise.all([...children.map(vscodeServer.stopServer), server.stop()]);
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  if (hasDesktopCode()) {
    console.log('\nOpening VS Code (a separate profile; your own settings are untouched)…');
    vscodeServer.writeUserSettings(path.join(tmp, 'user-data'), settings);
    children.push(spawn('code', ['--new-window', '--wait', '--user-data-dir', path.join(tmp, 'user-data'),
      '--extensions-dir', path.join(tmp, 'extensions'), `--extensionDevelopmentPath=${root}`], {
      stdio: 'inherit', detached: true, env: { ...process.env, ...demoEnv },
    }));
    children[0].on('exit', () => void stop(0));
  } else {
    if (!fs.existsSync(vscodeServer.codeServerEntry(root))) execFileSync('bash', ['scripts/setup-host.sh'], { cwd: root, stdio: 'inherit' });
    const port = Number(flag('vscode-port', '0')) || (await vscodeServer.freePort());
    const child = vscodeServer.startServer({ root, tmp, port, settings, env: demoEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    child.on('exit', (code) => { if (!stopping) { console.error(`VS Code server exited (${code})`); void stop(1); } });
    console.log(`\nNo desktop \`code\` command found: open this in your browser (VS Code in the browser, extension loaded):`);
    console.log(`  ${vscodeServer.workbenchUrl(port, { extensionDevelopmentPath: root })}`);
  }
  console.log('\nCtrl+C stops the demo.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
