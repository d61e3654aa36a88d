// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.test.js below this folder in one mocha run, so the ~10 s host start-up is paid once.
import * as fs from 'fs';
import * as path from 'path';
import { runMochaFiles } from '../helpers/host/mochaRun';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.js') ? [p] : [];
  });
}

export function run(): Promise<void> {
  // The layout test measures the default layout, so it runs first: later tests open, resize and
  // collapse the views, and VS Code keeps those sizes for the window.
  const first = (f: string) => (path.basename(f) === 'sidebarLayout.test.js' ? 0 : 1);
  return runMochaFiles(testFiles(__dirname).sort((a, b) => first(a) - first(b) || a.localeCompare(b)));
}
