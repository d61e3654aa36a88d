#!/usr/bin/env node
// `npm run bench`: speed and size figures, as medians of several runs (the machines are
// shared and noisy, so single timings mean little). Prints one table.
//
//   node scripts/bench.js [--runs 5]
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];
const row = (name, value, unit, detail = '') => rows.push({ name, value, unit, detail });

execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['esbuild.js', '--production'], { cwd: root, stdio: 'ignore' });
// Leave the dev build in place, also when a bench fails: the host tests run from dist/.
process.on('exit', () => execFileSync('node', ['esbuild.js'], { cwd: root, stdio: 'ignore' }));
for (const [file, bytes] of Object.entries(JSON.parse(fs.readFileSync(path.join(root, 'dist/sizes.json'), 'utf8')))) {
  // dist/extension.js is what activation loads (goal ≤ 250 KiB); dist/lazy/ what features load on first use.
  row(`bundle ${file}`, (bytes / 1024).toFixed(1), 'KiB', file === 'dist/extension.js' ? 'production, minified; goal ≤ 250 KiB' : 'production, minified');
}

// Loading the main bundle (read, compile, run its top level) happens before activate() and is not
// in its figure: timed in fresh Node processes, `vscode` being a stand-in that answers anything.
const loadScript = `
const Module = require('module');
const any = new Proxy(function () {}, { get: (t, k) => (k === '__esModule' ? undefined : any), construct: () => any, apply: () => any });
const vscode = new Proxy({}, { get: (t, k) => (k === '__esModule' ? undefined : ['EventEmitter', 'Disposable', 'TreeItem'].includes(k) ? class {} : any) });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const t = performance.now();
require(${JSON.stringify(path.join(root, 'dist/extension.js'))});
console.log(performance.now() - t);`;
const loads = [];
for (let i = 0; i < 15; i++) loads.push(Number(execFileSync('node', ['-e', loadScript], { encoding: 'utf8' })));
row('require(dist/extension.js) in Node', median(loads).toFixed(2), 'ms', `median of ${loads.length} fresh processes; min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}`);

const activations = [];
const hostRows = [];
for (let i = 0; i < runs; i++) {
  // The last host also times the chat end to end (activation is measured before that starts).
  const latency = i === runs - 1;
  const env = { ...process.env, CHATWOOT_BENCH_LATENCY: latency ? '1' : '0' };
  const r = spawnSync('node', ['scripts/run-host-tests.js', '--tests', 'out/test/bench/host', '--label', 'bench'], { cwd: root, encoding: 'utf8', env });
  const m = /BENCH activate_ms=([\d.]+)/.exec(r.stdout);
  const lines = [...r.stdout.matchAll(/BENCH (.+?)\|(.+?)\|(.+?)\|(.*)$/gm)];
  if (!m || r.status !== 0 || (latency && lines.length === 0)) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`the host bench failed (exit ${r.status})`);
  }
  activations.push(Number(m[1]));
  hostRows.push(...lines);
}
row('activate() in the real host', median(activations).toFixed(2), 'ms', `median of ${runs} hosts; min ${Math.min(...activations).toFixed(2)}, max ${Math.max(...activations).toFixed(2)}`);
for (const m of hostRows) row(m[1], m[2], m[3], m[4]);

for (const bench of fs.existsSync(path.join(root, 'out/test/bench/node')) ? fs.readdirSync(path.join(root, 'out/test/bench/node')).filter((f) => f.endsWith('.bench.js')) : []) {
  // Node-side benchmarks print lines "BENCH <name>|<value>|<unit>|<detail>".
  const out = execFileSync('node', [path.join(root, 'out/test/bench/node', bench)], { cwd: root, encoding: 'utf8' });
  for (const m of out.matchAll(/^BENCH (.+?)\|(.+?)\|(.+?)\|(.*)$/gm)) row(m[1], m[2], m[3], m[4]);
}

// The chat webview in headless Chromium (first render, steady appends, memory).
if (fs.existsSync(path.join(root, 'scripts/bench-webview.js'))) {
  const out = execFileSync('node', [path.join(root, 'scripts/bench-webview.js')], { cwd: root, encoding: 'utf8' });
  for (const m of out.matchAll(/^BENCH (.+?)\|(.+?)\|(.+?)\|(.*)$/gm)) row(m[1], m[2], m[3], m[4]);
}

const w = Math.max(...rows.map((r) => r.name.length));
console.log(`\n${'benchmark'.padEnd(w)}  ${'value'.padStart(9)}  unit  detail`);
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(9)}  ${r.unit.padEnd(4)}  ${r.detail}`);
