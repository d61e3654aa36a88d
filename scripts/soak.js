#!/usr/bin/env node
// `npm run soak -- --minutes N [--seed S]`: the chaos soak of test/host/soak.test.ts, long. It
// runs in the real extension host, through a fault-injecting proxy in front of the stand-in
// server, and prints the report lines (events, faults by kind, items lost, duplicates shown,
// catch-ups retried, REST requests failed, heap growth per hour). Exit 1 if the extension did
// not settle to the server's state, 0 if it did.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const minutes = Number(flag('minutes') ?? 10);
const seed = flag('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
if (!(minutes > 0)) throw new Error('--minutes must be a positive number');

execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
execFileSync('node', ['esbuild.js'], { cwd: root, stdio: 'inherit' });
console.log(`soak: ${minutes} min, seed ${seed}`);
const env = { ...process.env, CHATWOOT_TEST_GREP: 'Chaos soak', CHATWOOT_SOAK_MINUTES: String(minutes), CHATWOOT_SOAK_SEED: seed };
// The host run's own deadline: the soak, its settling time and the host's start-up.
const timeoutSeconds = String(Math.ceil(minutes * 60 + 300));
const r = spawnSync('node', ['scripts/run-host-tests.js', '--label', 'soak', '--timeout', timeoutSeconds], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 2);
