import * as z from 'zod/mini';
import type { FromWebview } from '../../protocol/chatProtocol';

/**
 * Everything the chat webview may send, checked before the host acts on it: the webview renders
 * customers' content, so it is the place an injection would speak from. Bounds are generous
 * for people and tight for abuse.
 */
const id = z.int().check(z.positive());
const conversationId = id;
const echoId = z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9-]+$/));
const content = z.string().check(z.maxLength(100_000));
const fileId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9-]+$/));
// Chatwoot keeps at most 15 attachments on a message (app/models/message.rb).
const attachmentIds = z.optional(z.array(fileId).check(z.maxLength(15)));
const fileName = z.string().check(z.minLength(1), z.maxLength(1024));
// 40 MB as base64, with room: the host checks the decoded size against its limits again.
const base64 = z.string().check(z.maxLength(56 * 1024 * 1024), z.regex(/^[A-Za-z0-9+/]*={0,2}$/));
const codePath = z.string().check(z.minLength(1), z.maxLength(1000));
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
  z.object({ type: z.literal('retry'), conversationId, echoId, content, private: z.boolean(), attachmentIds, ...extras }),
  z.object({ type: z.literal('retry'), conversationId, messageId: id }),
]);

export const FromWebviewSchema = z.union([Retry, z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('focus'), focused: z.boolean() }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('loadOlder'), conversationId, beforeId: id }),
  z.object({ type: z.literal('send'), conversationId, content, private: z.boolean(), echoId, attachmentIds, ...extras }).check(z.refine((m) => m.content.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0, 'empty message')),
  z.object({ type: z.literal('discard'), conversationId, echoId }),
  z.object({ type: z.literal('typing'), conversationId, on: z.boolean(), private: z.boolean() }),
  z.object({ type: z.literal('openLink'), url: z.string().check(z.maxLength(8192)) }),
  z.object({ type: z.literal('action'), conversationId, name: z.enum(['resolve', 'reopen', 'snooze', 'assignToMe', 'openInBrowser', 'assign', 'editLabels', 'setPriority', 'assignTeam']) }),
  z.object({ type: z.literal('draftChanged'), conversationId, draft }),
  z.object({ type: z.literal('pickFiles'), conversationId }),
  z.object({ type: z.literal('stageFiles'), conversationId, files: z.array(z.object({ name: fileName, mimeType: z.string().check(z.maxLength(255)), data: base64 })).check(z.minLength(1), z.maxLength(15)) }),
  z.object({ type: z.literal('unstageFile'), conversationId, fileId }),
  z.object({ type: z.literal('saveAttachment'), url: z.string().check(z.maxLength(8192)), name: fileName }),
  z.object({ type: z.literal('resolveCodeRefs'), paths: z.array(codePath).check(z.maxLength(50)) }),
  z.object({ type: z.literal('openCodeRef'), path: codePath, line: z.int().check(z.positive()), column: z.optional(z.int().check(z.positive())) }),
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
