// Runs inside a real VS Code host for `npm run bench`: reports what the extension measured
// about itself there. scripts/bench.js starts several hosts and takes the median; with
// CHATWOOT_BENCH_LATENCY=1 (one of those hosts) it also measures the chat's end-to-end latency.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import type { ExtensionApi } from '../../../src/extension';
import { chatLatency } from './chatLatency';

export async function run(): Promise<void> {
  const resultFile = process.env.CHATWOOT_TEST_RESULT_FILE;
  const report = (ok: boolean) => resultFile && fs.writeFileSync(resultFile, JSON.stringify({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, pending: 0 }));
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in the host`);
  const api = await extension.activate();
  console.log(`BENCH activate_ms=${api.activationMs.toFixed(3)}`);
  if (process.env.CHATWOOT_BENCH_LATENCY === '1') {
    try {
      await api.ready;
      await chatLatency(api);
    } catch (e) {
      console.error(`chat latency bench failed: ${e instanceof Error ? e.stack : String(e)}`);
      report(false);
      throw e;
    }
  }
  report(true);
}
