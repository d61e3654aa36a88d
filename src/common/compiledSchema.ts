import type * as z from 'zod/mini';

/** zod's schema compiler, a quarter of zod's size: a lazy bundle file, loaded at the first use. */
let compile: ((schema: z.ZodMiniType) => z.ZodMiniType) | undefined;
let loading: Promise<void> | undefined;

/** Loads the compiler once; until it is there, hot-path schemas run interpreted (same results). */
export function loadSchemaCompiler(): Promise<void> {
  return (loading ??= import('./schemaCompiler').then((m) => {
    compile = m.compile;
  }));
}

/**
 * A schema on a hot path (every realtime frame), compiled by zod into one generated function at
 * its first use. zod/mini interprets schemas node by node, without the JIT full zod has; the
 * compiled parser is 3–10× faster and gives the same result, including the same issues: input it
 * rejects is parsed again by the interpreter, which reports why. Compiling takes milliseconds to
 * tens of them, hence lazily, after activation. REST and webview schemas run too rarely to pay it.
 * The first uses, before the compiler has loaded, parse with the schema itself.
 */
export function compiledOnFirstUse<S extends z.ZodMiniType>(schema: S): () => S {
  let compiled: S | undefined;
  return () => {
    if (compiled) return compiled;
    if (!compile) {
      void loadSchemaCompiler();
      return schema;
    }
    return (compiled = compile(schema) as S);
  };
}
