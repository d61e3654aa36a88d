#!/usr/bin/env node
// Runs the webview suites (test/webview, compiled to out/test/webview) against the built chat
// bundle in headless Chromium. Prints one closing line, "<label>: N passed, N failed", that
// scripts/test.js adds up. Needs `npx tsc -p tsconfig.json` and `node esbuild.js` first.
//
//   node scripts/run-webview-tests.js [--label webview] [--grep text]
//   CHROMIUM_PATH=/path/to/chrome overrides /usr/bin/chromium.
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
const label = take('--label') ?? 'webview';
const grep = take('--grep');
const dir = path.join(root, 'out/test/webview');

function fail(why) {
  console.error(why);
  console.log(`${label}: 0 passed, 1 failed`);
  process.exit(1);
}

if (!fs.existsSync(dir)) fail('out/test/webview does not exist: run "npx tsc -p tsconfig.json" first');
if (!fs.existsSync(path.join(root, 'dist/webview/chat.js'))) fail('dist/webview/chat.js does not exist: run "node esbuild.js" first');

const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.test.js'))
  .sort()
  .map((f) => path.join(dir, f));

// A browser test waits on the page; 15 s covers a cold Chromium start on a slow machine.
const mocha = new Mocha({ ui: 'tdd', color: process.stdout.isTTY, timeout: 15000, reporter: 'spec', grep });
for (const f of files) mocha.addFile(f);
const runner = mocha.run((failures) => {
  const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
  console.log(`${label}: ${passes} passed, ${failed} failed`);
  process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
});
