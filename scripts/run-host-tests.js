#!/usr/bin/env node
// Runs mocha suites inside a real VS Code **Node** extension host, offline: VS Code's server
// (npm package code-server, installed by scripts/setup-host.sh) with its workbench opened in
// Debian's headless Chromium through playwright-core. Everything binds to 127.0.0.1.
//
//   node scripts/run-host-tests.js [--tests out/test/host] [--timeout 300] [--label host] [--keep] [--locale pt-br]
//
// --locale runs VS Code in that display language (an empty stand-in language pack makes it
// available offline); without it the host runs in English.
//
// Env: CODE_SERVER_HOME (default .vscode-test/code-server), CHROMIUM_PATH (default /usr/bin/chromium),
//      CHATWOOT_TEST_VERBOSE=1 to also print code-server's output and the browser console.
//
// Exit: 0 every test passed; 1 a test failed; 2 the harness failed (no host, crash, timeout).
// The extension host reports a crash as exit code 0, so success also requires the result file
// that the host entry point writes (test/helpers/host/mochaRun.ts, CHATWOOT_TEST_RESULT_FILE) with failed = 0 and passed > 0.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const util = require('util');
const vscodeServer = require('./vscodeServer');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const testsDir = path.resolve(root, flag('tests', 'out/test/host'));
const timeoutMs = Number(flag('timeout', '300')) * 1000;
const label = flag('label', 'host');
const keep = args.includes('--keep');
const locale = flag('locale', undefined);
const verbose = process.env.CHATWOOT_TEST_VERBOSE === '1';
const codeServer = vscodeServer.codeServerDir(root);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Workbench chatter that arrives through the same log channel as the tests' output.
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|ChatSessionStore:|Updating additional builtin|Ignoring fetching additional builtin|Started local extension host|Extension host .* started|\[.*\] \[(info|trace|debug)\])/;

const started = Date.now();
const note = (m) => console.log(`[${label} runner ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

function healthy(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * A loopback endpoint the in-host tests call to act on the browser window, which only the
 * runner can reach:
 *   POST /focus {"focused": false|true}  blurs or refocuses the workbench (Playwright otherwise
 *                                        reports the page as always focused)
 *   POST /keyboard {"type"?: text, "press"?: key}  types into whatever has focus
 *   POST /quickInput {"title"?: text, "value"?: text}  fills the visible input box or quick pick
 *                                        (whose title contains `title`; without `value`, keeps its
 *                                        text), presses Enter, and answers {"before": the text it had}
 *   POST /quickPick {"title"?: text, "value": text, "pick": text}  types `value` key by key into
 *                                        the quick pick, waits for a row containing `pick` (results
 *                                        that arrive while typing count), clicks it, and answers
 *                                        {"rows": [the visible rows' text just before the click]}
 *   POST /clickNotificationButton {"message": text, "button": label}  clicks a toast's button
 *   POST /webview {"op": fill|press|click|text|value|count, "selector", "value"?, "key"?, "hasText"?}  acts in a webview
 *   POST /webview {"op": "evaluate", "selector", "script", "arg"?}  calls the function source `script`
 *                                        with `arg` in that webview's page and answers its (awaited) result
 *   POST /viewport {"width", "height"}  resizes the browser window's page (the workbench relays out)
 *                                        and answers {"before": {width, height}} so a test can restore it
 *   POST /workbenchText {"selector", "hasText"?}  waits for a visible workbench element (outside
 *                                        webviews) and answers {"result": its text}
 */
function startWindowControl(getPage, tmp) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      try {
        const page = getPage();
        const input = JSON.parse(body || '{}');
        if (!page || req.method !== 'POST') throw new Error(`unsupported ${req.method} ${req.url}`);
        if (req.url === '/focus') {
          await page.evaluate((f) => {
            document.hasFocus = () => f;
            window.dispatchEvent(new Event(f ? 'focus' : 'blur'));
            document.dispatchEvent(new Event('visibilitychange'));
          }, Boolean(input.focused));
        } else if (req.url === '/quickInput') {
          // Waits for the quick input (input box or quick pick) whose title contains `title`,
          // replaces its text with `value` and accepts it with Enter, as a user would.
          const widget = page.locator('.quick-input-widget');
          if (input.title) await widget.locator('.quick-input-title', { hasText: input.title }).waitFor({ state: 'visible', timeout: 15000 });
          const box = widget.locator('input.input');
          await box.waitFor({ state: 'visible', timeout: 15000 });
          const before = await box.inputValue();
          if (input.value !== undefined) await box.fill(String(input.value));
          await box.press('Enter');
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ before }));
          return;
        } else if (req.url === '/quickPick') {
          // As a user does: type (one input event per key, so debounced searches see the pauses
          // of real typing), wait for the wanted row, click it.
          const widget = page.locator('.quick-input-widget');
          if (input.title) await widget.locator('.quick-input-title', { hasText: input.title }).waitFor({ state: 'visible', timeout: 15000 });
          const box = widget.locator('input.input');
          await box.waitFor({ state: 'visible', timeout: 15000 });
          await box.fill('');
          await box.pressSequentially(String(input.value ?? ''), { delay: 20 });
          const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: String(input.pick ?? '') }).first();
          await row.waitFor({ state: 'visible', timeout: input.timeout ?? 15000 });
          const rows = await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts();
          await row.click();
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows: rows.map((r) => r.replace(/\s+/g, ' ').trim()) }));
          return;
        } else if (req.url === '/viewport') {
          const before = page.viewportSize();
          await page.setViewportSize({ width: Number(input.width), height: Number(input.height) });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ before }));
          return;
        } else if (req.url === '/clickNotificationButton') {
          // Clicks a button of the notification toast whose message contains `message`.
          const toast = page.locator('.notification-toast', { hasText: input.message ?? '' });
          const button = toast.locator('.monaco-button', { hasText: input.button });
          await button.first().click({ timeout: 15000 });
        } else if (req.url === '/webview') {
          // Acts inside a webview (an iframe in an iframe of the workbench): the first frame in
          // which `selector` matches a visible element. ops: fill, press, click, text.
          const deadline = Date.now() + (input.timeout ?? 15000);
          let target;
          let frameFound;
          while (!target) {
            for (const frame of page.frames()) {
              const handle = await frame.$(input.selector).catch(() => null);
              if (handle && (await handle.isVisible().catch(() => false))) {
                target = frame.locator(input.selector, input.hasText ? { hasText: input.hasText } : undefined).first();
                if (!(await target.count())) target = undefined;
                else {
                  frameFound = frame;
                  break;
                }
              }
            }
            if (!target) {
              if (Date.now() > deadline) {
                throw new Error(`no webview element matches ${input.selector} in ${page.frames().length} frames: ${page.frames().map((f) => f.url().slice(0, 80)).join(', ')}`);
              }
              await delay(100);
            }
          }
          let result;
          if (input.op === 'fill') await target.fill(String(input.value ?? ''));
          else if (input.op === 'press') await target.press(input.key);
          else if (input.op === 'click') await target.click({ timeout: 10000 });
          // textContent, not innerText: a row the chat has not scrolled into view is skipped by
          // content-visibility, and innerText of a skipped row is empty in a short sidebar view.
          else if (input.op === 'text') result = await target.textContent();
          else if (input.op === 'value') result = await target.inputValue();
          else if (input.op === 'count') result = await frameFound.locator(input.selector, input.hasText ? { hasText: input.hasText } : undefined).count();
          // An expression, not a function, so it runs through CDP past the webview's CSP (no eval there).
          else if (input.op === 'evaluate') result = await frameFound.evaluate(`(${input.script})(${JSON.stringify(input.arg ?? null)})`);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: result ?? null }));
          return;
        } else if (req.url === '/workbenchText') {
          const element = page.locator(input.selector, input.hasText ? { hasText: input.hasText } : undefined).first();
          await element.waitFor({ state: 'visible', timeout: 15000 });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: await element.textContent() }));
          return;
        } else if (req.url === '/keyboard') {
          if (typeof input.type === 'string') await page.keyboard.type(input.type);
          if (typeof input.press === 'string') await page.keyboard.press(input.press);
        } else {
          throw new Error(`unsupported ${req.method} ${req.url}`);
        }
        res.writeHead(204).end();
      } catch (e) {
        // A picture of the workbench says more than the error about what was on screen.
        await getPage()?.screenshot({ path: path.join(tmp, `control-error-${Date.now()}.png`) }).catch(() => {});
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
      }
    });
  });
  return server;
}

async function main() {
  if (!fs.existsSync(vscodeServer.codeServerEntry(root))) throw new Error(`VS Code server not found at ${codeServer}: run "npm run setup:host"`);
  if (!fs.existsSync(path.join(testsDir, 'index.js'))) throw new Error(`no ${testsDir}/index.js: run "npm run typecheck" first`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-host-'));
  const resultFile = path.join(tmp, 'result.json');
  const serverLog = fs.createWriteStream(path.join(tmp, 'code-server.log'));

  let server;
  let browser;
  let context;
  let page;
  let finished = false;
  let exitCode = 2;
  let result;
  const windowControl = startWindowControl(() => page, tmp);

  let stopping;
  const stop = () => (stopping ??= (async () => {
    const closeBrowser = (async () => {
      const c = context ?? (browser && (await browser.catch(() => undefined)));
      if (c) await Promise.race([c.close().catch(() => {}), delay(5000)]);
    })();
    await Promise.all([closeBrowser, vscodeServer.stopServer(server), new Promise((r) => windowControl.close(r))]);
    serverLog.end();
    if (exitCode === 0 && !keep) fs.rmSync(tmp, { recursive: true, force: true });
    else note(`logs kept in ${tmp}`);
  })());

  const abort = async (why, code) => {
    finished = true;
    console.error(`[${label} runner] ${why}`);
    exitCode = code;
    await stop();
    process.exit(code);
  };
  const watchdog = setTimeout(() => void abort(`timed out after ${timeoutMs / 1000} s`, 2), timeoutMs);
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));

  try {
    const [port, controlPort] = await Promise.all([vscodeServer.freePort(), listen(windowControl)]);
    const base = `http://127.0.0.1:${port}`;
    note(`starting VS Code server on ${base}`);
    server = vscodeServer.startServer({
      root,
      tmp,
      port,
      locale,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        CHATWOOT_TEST_RESULT_FILE: resultFile, // inherited by the extension host
        CHATWOOT_TEST_WINDOW_CONTROL: `http://127.0.0.1:${controlPort}`,
      },
    });

    let harnessFailed;
    const harness = new Promise((_, reject) => (harnessFailed = reject));
    harness.catch(() => {});
    server.once('exit', (code, signal) => finished || harnessFailed(new Error(`VS Code server exited early (${code ?? signal})`)));
    let hostGone;
    for (const stream of [server.stdout, server.stderr]) {
      stream.on('data', (chunk) => {
        serverLog.write(chunk);
        const text = String(chunk);
        if (verbose) process.stderr.write(`[code-server] ${text}`);
        // A remote host that exits without reporting a result crashed (it exits 0 either way).
        if (/Extension Host Process exited/.test(text) && !finished && !hostGone) {
          hostGone = setTimeout(() => harnessFailed(new Error(`extension host died: ${text.trim()}`)), 10000);
        }
      });
    }

    const { chromium } = require('playwright-core');
    browser = chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, ...vscodeServer.isolatedEnv(tmp) },
      // The runner's own handlers stop code-server too; Playwright's would exit first.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browser.catch(() => {});

    const deadline = Date.now() + 60000;
    while (!(await healthy(`${base}/healthz`))) {
      if (server.exitCode !== null || server.signalCode !== null) await harness;
      if (Date.now() > deadline) throw new Error('VS Code server did not become healthy within 60 s');
      await delay(100);
    }
    context = await browser;
    page = context.pages()[0] ?? (await context.newPage());
    note('server and browser are up');

    // The workbench calls window.codeAutomationLog for every log line (which, for an
    // extension-test window, includes the extension host's console) and
    // window.codeAutomationExit once the tests' run() promise settles (0 resolved, 1 rejected).
    const exited = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (level, logArgs) => {
      if (finished && !verbose) return;
      const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (!verbose && NOISE.test(line)) return;
      (level === 'error' ? console.error : console.log)(line);
    });
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    if (verbose) page.on('console', (m) => console.error(`[browser ${m.type()}] ${m.text()}`));

    const url = vscodeServer.workbenchUrl(port, { extensionDevelopmentPath: root, extensionTestsPath: testsDir, skipWelcome: 'true' }, vscodeServer.testWorkspace(tmp));
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    note(`workbench loaded; running ${path.relative(root, testsDir)} in the extension host`);

    const code = await Promise.race([exited, harness]);
    finished = true;
    clearTimeout(hostGone);
    try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { result = undefined; }
    if (!result) {
      console.error(`[${label} runner] the extension host wrote no result: it crashed, or run() did not use test/helpers/host/mochaRun`);
      exitCode = 2;
    } else {
      exitCode = code === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1;
    }
  } catch (e) {
    finished = true;
    console.error(`[${label} runner] harness error: ${e && e.stack ? e.stack : e}`);
    exitCode = 2;
  }
  clearTimeout(watchdog);
  await stop();
  note(`done, exit ${exitCode}`);
  console.log(`${label}: ${result ? result.passed : 0} passed, ${result ? result.failed : 0} failed`);
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
