import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { compiledOnFirstUse, loadSchemaCompiler } from '../../../src/common/compiledSchema';

suite('common/compiledSchema', () => {
  const Frame = z.looseObject({ type: z.string(), id: z.optional(z.int()) });

  test('until the compiler has loaded, the schema itself parses; then the compiled one, with the same results', async () => {
    const get = compiledOnFirstUse(Frame);
    // Other suites may have loaded the compiler already; then the first use compiles at once.
    const early = get();
    await loadSchemaCompiler();
    const late = get();
    assert.notEqual(late, Frame, 'the compiled parser replaces the schema once the compiler is there');
    assert.ok(early === Frame || early === late, 'before the compiler is there, the schema itself');
    assert.equal(get(), late, 'compiled once');
    for (const input of [{ type: 'ping', id: 3, extra: true }, { type: 1 }, { type: 'x', id: 1.5 }, null]) {
      const a = Frame.safeParse(input);
      const b = late.safeParse(input);
      assert.equal(b.success, a.success, JSON.stringify(input));
      assert.deepEqual(b.success ? b.data : b.error.issues, a.success ? a.data : a.error.issues);
    }
  });
});
