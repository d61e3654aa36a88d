import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { describeIssues } from '../../../src/common/schemaIssues';

suite('common/schemaIssues', () => {
  const issuesOf = (schema: z.ZodMiniType, value: unknown): string => {
    const result = schema.safeParse(value);
    assert.ok(!result.success, 'expected the value to be refused');
    return describeIssues(result.error);
  };

  test('each issue names its path, what was expected and what type arrived', () => {
    const Row = z.looseObject({
      id: z.int(),
      status: z.enum(['open', 'resolved']),
      kind: z.literal('user'),
      code: z.string().check(z.minLength(8), z.maxLength(10), z.regex(/^[a-z]+$/)),
      tags: z.array(z.string()),
      meta: z.looseObject({ count: z.int().check(z.nonnegative()) }),
    });
    assert.equal(
      issuesOf(Row, { id: 1.5, status: 'closed', kind: 'bot', code: 'AB', tags: 'x', meta: { count: -1 } }),
      'id: expected int, received number; status: expected "open" | "resolved"; kind: expected "user"; code: too small: expected string length >= 8; code: must match /^[a-z]+$/',
    );
    assert.equal(issuesOf(Row, null), '(root): expected object, received null');
    assert.equal(issuesOf(z.array(z.int()), [1, 'two']), '1: expected number, received string');
    assert.equal(issuesOf(z.string().check(z.maxLength(3)), 'abcd'), '(root): too big: expected string length <= 3');
  });

  test('a union says which shapes it tried; a schema’s own message wins', () => {
    const Message = z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b'), n: z.int() })]);
    assert.equal(issuesOf(Message, { type: 'c' }), 'type: not one of the known values');
    assert.equal(issuesOf(z.union([z.string(), z.int()]), true), '(root): matches none of the expected shapes');
    assert.equal(issuesOf(z.string().check(z.refine((s) => s.trim() !== '', 'empty message')), '  '), '(root): empty message');
  });

  test('values never appear, only their types; at most five issues', () => {
    const secret = 'Xk3p9QvT2mLw8RzY1aBc';
    const text = issuesOf(z.looseObject({ a: z.int(), b: z.int(), c: z.int(), d: z.int(), e: z.int(), f: z.int() }), {
      a: secret, b: secret, c: secret, d: secret, e: secret, f: secret,
    });
    assert.ok(!text.includes(secret), text);
    assert.equal(text.split('; ').length, 5);
  });
});
