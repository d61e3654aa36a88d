// Entry point of the extension-host run in Brazilian Portuguese (`npm run test:host:pt-br`,
// runner flag `--locale pt-br`): the host run's mocha set-up over this folder only, so the
// English run stays as it is.
import * as fs from 'fs';
import * as path from 'path';
import { runMochaFiles } from '../helpers/host/mochaRun';

export function run(): Promise<void> {
  return runMochaFiles(fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(__dirname, f)));
}
