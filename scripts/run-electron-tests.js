#!/usr/bin/env node
// The same extension-host suites in a desktop VS Code, through @vscode/test-electron, for
// people who have one or who can reach VS Code's download server (this offline machine
// cannot: use `npm test`, which runs them in VS Code's server instead).
//
//   VSCODE_EXECUTABLE_PATH=/usr/share/code/code npm run test:electron   (no download)
//   npm run test:electron                                                (downloads once into .vscode-test/)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-electron-'));
const resultFile = path.join(tmp, 'result.json');
// The tests' workspace: an empty folder whose .vscode/settings.json the tests write.
const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);

runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out/test/host'),
  vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
  version: process.env.VSCODE_VERSION || '1.100.3',
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--new-window'],
  extensionTestsEnv: { CHATWOOT_TEST_RESULT_FILE: resultFile },
}).then(
  () => {
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    console.log(`host-electron: ${r.passed} passed, ${r.failed} failed`);
    process.exit(r.failed === 0 && r.passed > 0 ? 0 : 1);
  },
  (err) => {
    console.error(`test-electron: ${err && err.message ? err.message : err}`);
    process.exit(1);
  },
);
