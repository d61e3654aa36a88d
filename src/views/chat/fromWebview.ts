import * as z from 'zod/mini';
import type { FromWebview } from '../../shared/chatProtocol';

/**
 * Everything the chat webview may send, checked before the host acts on it: the webview renders
 * customers' content, so it is the place an injection would speak from. Bounds are generous
 * for people and tight for abuse.
 */
const id = z.int().check(z.positive());
const conversationId = id;
const echoId = z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9-]+$/));
const content = z.string().check(z.maxLength(100_000));
const draft = z.object({ text: z.string().check(z.maxLength(100_000)), private: z.boolean() });
/** What a reply may carry besides its text: the quoted message, and an e-mail's cc and bcc lines. */
const extras = {
  inReplyTo: z.optional(id),
  ccEmails: z.optional(z.string().check(z.maxLength(10_000))),
  bccEmails: z.optional(z.string().check(z.maxLength(10_000))),
};

// `retry` has two shapes (an unsent reply, or a message the channel failed), so it sits beside
// the discriminated union rather than inside it.
const Retry = z.union([
  z.object({ type: z.literal('retry'), conversationId, echoId, content: content.check(z.minLength(1)), private: z.boolean(), ...extras }),
  z.object({ type: z.literal('retry'), conversationId, messageId: id }),
]);

export const FromWebviewSchema = z.union([Retry, z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('loadOlder'), conversationId, beforeId: id }),
  z.object({ type: z.literal('send'), conversationId, content: content.check(z.refine((s) => s.trim().length > 0, 'empty message')), private: z.boolean(), echoId, ...extras }),
  z.object({ type: z.literal('discard'), conversationId, echoId }),
  z.object({ type: z.literal('typing'), conversationId, on: z.boolean(), private: z.boolean() }),
  z.object({ type: z.literal('openLink'), url: z.string().check(z.maxLength(8192)) }),
  z.object({ type: z.literal('action'), conversationId, name: z.enum(['resolve', 'reopen', 'snooze', 'assignToMe', 'openInBrowser']) }),
  z.object({ type: z.literal('draftChanged'), conversationId, draft }),
])]);

// The schema and the protocol's types must describe the same messages.
type Parsed = z.infer<typeof FromWebviewSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _inSync: Same<Parsed['type'], FromWebview['type']> = true;
void _inSync;

export type ParsedFromWebview = Parsed;

/** Only these open outside VS Code; anything else (javascript:, file:, command:, data:) is refused. */
export function isOpenableLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * What the trace log says about a message from the webview: its type and size, never its text.
 * Replies, private notes and drafts are customers' and colleagues' words; a log is shared in
 * bug reports.
 */
export function describeWebviewMessage(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const name = typeof type === 'string' && /^[A-Za-z]{1,32}$/.test(type) ? type : 'unknown';
  let size: number;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    size = -1;
  }
  return `${name} (${size} chars)`;
}
