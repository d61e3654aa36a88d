import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, LazyCommands } from '../../../src/constants';

const root = path.resolve(__dirname, '../../../..');

/** The module each group's commands are registered in (what src/lazyCommands.ts loads). */
const MODULES: Record<keyof typeof LazyCommands, string> = {
  conversation: 'src/views/tree/commands.ts',
  triage: 'src/views/tree/triageCommands.ts',
  chat: 'src/views/chat/chatCommands.ts',
  auth: 'src/auth/commands.ts',
  search: 'src/views/search/globalSearch.ts',
  macro: 'src/views/macros/macroCommand.ts',
};

suite('lazyCommands: the stand-ins registered at activation', () => {
  for (const [group, file] of Object.entries(MODULES) as [keyof typeof LazyCommands, string][]) {
    test(`${group}: exactly the commands ${file} registers`, () => {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      // Every registration there names its id as `Commands.x` (directly or through a `register` alias).
      const registered = [...source.matchAll(/register(?:Command)?\(\s*Commands\.(\w+)/g)].map((m) => Commands[m[1] as keyof typeof Commands]);
      assert.ok(registered.length > 0, `no registration found in ${file}`);
      assert.deepEqual([...LazyCommands[group]].sort(), registered.sort());
    });
  }
});
