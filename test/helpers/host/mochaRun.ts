import * as fs from 'fs';
import Mocha from 'mocha';

/**
 * Runs `files` in one mocha run inside the extension host, the way every host entry point does,
 * and records the totals where the runner reads them.
 */
export function runMochaFiles(files: readonly string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'spec', grep: process.env.CHATWOOT_TEST_GREP });
  for (const file of files) mocha.addFile(file);
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
