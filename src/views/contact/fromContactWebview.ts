import * as z from 'zod/mini';
import type { FromContactWebview } from '../../protocol/contactProtocol';

/**
 * Everything the Contact webview may send, checked before the host acts on it: the view shows
 * customers' text, so it is where an injection would speak from.
 */
const id = z.int().check(z.positive());

/** Chatwoot keeps note content in a text column; the dashboard's editor has no limit of its own. */
export const NOTE_MAX_LENGTH = 20_000;

export const FromContactWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('openLink'), url: z.string().check(z.maxLength(8192)) }),
  z.object({ type: z.literal('openConversation'), conversationId: id }),
  z.object({ type: z.literal('addNote'), contactId: id, content: z.string().check(z.maxLength(NOTE_MAX_LENGTH), z.refine((s) => s.trim().length > 0, 'empty note')) }),
]);

// The schema and the protocol's types must describe the same messages.
type Parsed = z.infer<typeof FromContactWebviewSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _inSync: Same<Parsed, FromContactWebview> = true;
void _inSync;
