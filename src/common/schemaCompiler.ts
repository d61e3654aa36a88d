// Only compiledSchema.ts imports this, with import(), so the compiler stays out of the main bundle.
export { compile } from 'zod/mini';
