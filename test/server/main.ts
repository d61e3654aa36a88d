// `npm run server -- [--port N] [--scale N] [--no-sim] [--chatwoot 3|4]`: the demo Chatwoot on 127.0.0.1.
// Prints the address and the access token to paste into the extension's sign-in.

import { DEMO_TOKEN, startServer, type ChatwootVersion } from './index';

interface Args {
  port: number;
  scale: number | undefined;
  simulate: boolean;
  chatwoot: ChatwootVersion | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 0, scale: undefined, simulate: true, chatwoot: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a non-negative integer`);
      return n;
    };
    if (a === '--port') args.port = value();
    else if (a === '--scale') args.scale = value();
    else if (a === '--no-sim') args.simulate = false;
    else if (a === '--chatwoot') {
      const v = value();
      if (v !== 3 && v !== 4) throw new Error('--chatwoot takes 3 or 4');
      args.chatwoot = v;
    }
    else if (a === '--host') i++; // accepted for familiarity; the server only ever binds 127.0.0.1
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run server -- [--port N] [--scale N] [--no-sim] [--chatwoot 3|4]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const server = await startServer({ port: args.port, scale: args.scale, simulate: args.simulate, chatwoot: args.chatwoot });
  console.log(`Chatwoot ${server.chatwoot}.x stand-in listening on ${server.url} (cable ${server.cableUrl})`);
  console.log(`  conversations: ${server.store.conversations.size}, ready in ${Date.now() - started} ms, live simulation ${args.simulate ? 'on' : 'off'}`);
  console.log(`  access token (signed in as Priya Raman, administrator): ${DEMO_TOKEN}`);
  console.log(`  other agents: ${server.users().filter((u) => u.id !== server.demoUserId).map((u) => `${u.name} (${u.role}) ${u.accessToken}`).join(', ')}`);
  console.log('  Ctrl+C to stop');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
