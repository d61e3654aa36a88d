// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.test.js below this folder in one mocha run, so the ~10 s host start-up is paid once.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.js') ? [p] : [];
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'spec', grep: process.env.CHATWOOT_TEST_GREP });
  // The layout test measures the default layout, so it runs first: later tests open, resize and
  // collapse the views, and VS Code keeps those sizes for the window.
  const first = (f: string) => (path.basename(f) === 'sidebarLayout.test.js' ? 0 : 1);
  for (const file of testFiles(__dirname).sort((a, b) => first(a) - first(b) || a.localeCompare(b))) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
      // The runner trusts this file, not the exit code: a crashed host also reports 0.
      const resultFile = process.env.CHATWOOT_TEST_RESULT_FILE;
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passed: passes, failed, pending }));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
  });
}
