#!/usr/bin/env node
// Runs mocha suites that need no VS Code host from the tsc output in out/: the pure modules
// and the stand-in server (out/test/unit), the VSIX check (out/test/package), and the chat
// webview in headless Chromium (out/test/webview; needs `node esbuild.js` first). Prints one
// closing line, "<label>: N passed, N failed", that scripts/test.js adds up.
//
//   node scripts/run-mocha.js [--label unit] [--grep text] [--timeout ms] [dir ...]   (default dir: out/test/unit)
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const take = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const label = take('--label') ?? 'unit';
const grep = take('--grep');
const timeout = Number(take('--timeout') ?? 10000);
const dirs = (args.length ? args : ['out/test/unit']).map((d) => path.resolve(root, d));

function testFiles(dir) {
  if (!fs.existsSync(dir)) throw new Error(`${path.relative(root, dir)} does not exist: run "npm run typecheck" first`);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.js') ? [p] : [];
  });
}

const mocha = new Mocha({ ui: 'tdd', color: process.stdout.isTTY, timeout, reporter: 'spec', grep });
for (const f of dirs.flatMap(testFiles).sort()) mocha.addFile(f);
const runner = mocha.run((failures) => {
  const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
  console.log(`${label}: ${passes} passed, ${failed} failed`);
  process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
});
