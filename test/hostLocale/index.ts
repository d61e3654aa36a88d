// Entry point of the extension-host run in Brazilian Portuguese (`npm run test:host:pt-br`,
// runner flag `--locale pt-br`): test/host/index.ts's mocha set-up over this folder only, so the
// English run stays as it is.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'spec', grep: process.env.CHATWOOT_TEST_GREP });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
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
