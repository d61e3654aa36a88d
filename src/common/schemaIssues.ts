import * as z from 'zod/mini';

/** What a value is, as a message may say it: never the value itself, which may be a secret. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isNaN(value) ? 'NaN' : typeof value;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * zod/mini ships no messages: every issue would read "Invalid input". zod's English locale would
 * add 3 KiB to the bundle for dozens of string formats we never check; these cover the checks
 * our schemas make. A schema's own message (`z.refine(fn, 'empty message')`) still wins.
 */
function englishMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, received ${kindOf(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map(literal).join(' | ')}`;
    case 'too_small':
      return `too small: expected ${issue.origin} ${issue.origin === 'string' || issue.origin === 'array' ? 'length ' : ''}${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return `too big: expected ${issue.origin} ${issue.origin === 'string' || issue.origin === 'array' ? 'length ' : ''}${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `must match ${issue.pattern}` : `invalid ${issue.format}`;
    case 'invalid_union':
      return issue.note === 'No matching discriminator' ? 'not one of the known values' : 'matches none of the expected shapes';
    default:
      return undefined;
  }
}

z.config({ localeError: englishMessage });

/** Renders zod issues as `path: message` without the offending values, which may be secrets. */
export function describeIssues(error: { readonly issues: readonly z.core.$ZodIssue[] }): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
