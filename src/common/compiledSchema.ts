import * as z from 'zod/mini';

/**
 * A schema on a hot path (every realtime frame), compiled by zod into one generated function at
 * its first use. zod/mini interprets schemas node by node, without the JIT full zod has; the
 * compiled parser is 3–10× faster and gives the same result, including the same issues: input it
 * rejects is parsed again by the interpreter, which reports why. Compiling takes milliseconds to
 * tens of them, hence lazily, after activation. REST and webview schemas run too rarely to pay it.
 */
export function compiledOnFirstUse<S extends z.ZodMiniType>(schema: S): () => S {
  let compiled: S | undefined;
  return () => (compiled ??= z.compile(schema));
}
