#!/usr/bin/env node
// `npm test`: every suite in order, then one closing line with the total over all of them:
//   setup → typecheck → lint → build → unit (plain Node, then again against the stand-in in
//   Chatwoot 3.x mode) → package (VSIX) → webview (headless
//   Chromium) → host (real VS Code host) → host in Brazilian Portuguese
// Each suite prints "<label>: N passed, N failed" as its last such line; a suite that fails
// without counting (a harness or build error) counts as one failure.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stages = [
  // Idempotent: installs VS Code's server and Chromium on a fresh machine, else returns at once.
  { name: 'setup', cmd: ['bash', 'scripts/setup-host.sh'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', cmd: ['node', 'esbuild.js'] },
  { name: 'unit', cmd: ['node', 'scripts/run-mocha.js', '--label', 'unit', 'out/test/unit'] },
  // The same suites against the stand-in imitating Chatwoot 3.x (the default imitates 4.x):
  // every shape that differs between the two lines is exercised both ways.
  { name: 'unit-cw3', cmd: ['node', 'scripts/run-mocha.js', '--label', 'unit (chatwoot 3)', 'out/test/unit'], env: { CHATWOOT_STANDIN_VERSION: '3' } },
  { name: 'package', cmd: ['node', 'scripts/run-mocha.js', '--label', 'package', 'out/test/package'] },
  // The package suite leaves a production build in dist/; the host tests want the dev build.
  { name: 'rebuild', cmd: ['node', 'esbuild.js'] },
  // A browser test waits on a page; 15 s covers a cold Chromium start on a loaded machine.
  { name: 'webview', cmd: ['node', 'scripts/run-mocha.js', '--label', 'webview', '--timeout', '30000', 'out/test/webview'] },
  // The host suites include a minute of chaos soak and up to 90 s of it settling.
  { name: 'host', cmd: ['node', 'scripts/run-host-tests.js', '--label', 'host', '--timeout', '480'] },
  // A few host tests again with VS Code's display language set to Brazilian Portuguese.
  { name: 'host-pt-br', cmd: ['node', 'scripts/run-host-tests.js', '--label', 'host in Portuguese', '--locale', 'pt-br', '--tests', 'out/test/hostLocale'] },
];

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), { cwd: root, env: { ...process.env, ...stage.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let last;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      for (const m of String(chunk).matchAll(/^[\w ()]+: (\d+) passed, (\d+) failed/gm)) last = { passed: +m[1], failed: +m[2] };
    });
    child.on('close', (code) => resolve({ ...stage, code, counts: last, seconds: (Date.now() - started) / 1000 }));
  });
}

(async () => {
  const results = [];
  for (const stage of stages) results.push(await run(stage));
  let passed = 0;
  let failed = 0;
  console.log('\n=== summary');
  for (const r of results) {
    const p = r.counts?.passed ?? 0;
    const f = (r.counts?.failed ?? 0) || (r.code !== 0 ? 1 : 0);
    passed += p;
    failed += f;
    const what = r.counts ? `${p} passed, ${f} failed` : r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`;
    console.log(`${r.name.padEnd(10)} ${what.padEnd(24)} ${r.seconds.toFixed(1)} s`);
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
})();
