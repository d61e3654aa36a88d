import * as z from 'zod/mini';
import { compiledOnFirstUse } from '../common/compiledSchema';
import { describeIssues } from '../common/schemaIssues';

/**
 * ActionCable's wire protocol, as `@rails/actioncable` (internal.js) and the Rails server speak it:
 * constants, the commands a client sends, and zod schemas for the frames it receives.
 * Nothing Chatwoot-specific lives here.
 */

/** Offered in this order; a server that picks `actioncable-unsupported` is telling us to go away. */
export const SUBPROTOCOLS = ['actioncable-v1-json', 'actioncable-unsupported'] as const;
export const UNSUPPORTED_SUBPROTOCOL = 'actioncable-unsupported';

export const DEFAULT_MOUNT_PATH = '/cable';

export const DisconnectReason = {
  unauthorized: 'unauthorized',
  invalidRequest: 'invalid_request',
  serverRestart: 'server_restart',
  remote: 'remote',
} as const;

const WelcomeFrame = z.looseObject({ type: z.literal('welcome') });
// The Rails server sends the Unix time as `message`; only its arrival matters.
const PingFrame = z.looseObject({ type: z.literal('ping'), message: z.optional(z.unknown()) });
const ConfirmFrame = z.looseObject({ type: z.literal('confirm_subscription'), identifier: z.string() });
const RejectFrame = z.looseObject({ type: z.literal('reject_subscription'), identifier: z.string() });
const DisconnectFrame = z.looseObject({
  type: z.literal('disconnect'),
  reason: z.optional(z.string()),
  // Rails 6 servers omit it; rails' client then reconnects, so absent means true.
  reconnect: z.optional(z.boolean()),
});

export const ControlFrame = z.discriminatedUnion('type', [WelcomeFrame, PingFrame, ConfirmFrame, RejectFrame, DisconnectFrame]);
export type ControlFrame = z.infer<typeof ControlFrame>;

/** A broadcast to one subscription. `message` is the channel's payload, decoded by the channel. */
export const DataFrame = z.looseObject({
  identifier: z.string(),
  message: z.unknown(),
});
export type DataFrame = z.infer<typeof DataFrame>;

// Every frame is decoded, so both are compiled (about a millisecond, at the first frame).
const compiledControlFrame = compiledOnFirstUse(ControlFrame);
const compiledDataFrame = compiledOnFirstUse(DataFrame);

export type Frame = { kind: 'control'; frame: ControlFrame } | { kind: 'data'; frame: DataFrame };

export type FrameDecodeResult =
  | { ok: true; value: Frame }
  | { ok: false; problem: string };

/** Parses one text frame. Never throws: malformed frames are reported for the caller to log and drop. */
export function decodeFrame(text: string): FrameDecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `not JSON (${text.length} characters)` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'not a JSON object' };
  }
  if ('type' in json && (json as { type?: unknown }).type !== undefined) {
    const parsed = compiledControlFrame().safeParse(json);
    if (!parsed.success) return { ok: false, problem: `control frame: ${describeIssues(parsed.error)}` };
    return { ok: true, value: { kind: 'control', frame: parsed.data } };
  }
  const parsed = compiledDataFrame().safeParse(json);
  if (!parsed.success) return { ok: false, problem: `data frame: ${describeIssues(parsed.error)}` };
  return { ok: true, value: { kind: 'data', frame: parsed.data } };
}

export function subscribeCommand(identifier: string): string {
  return JSON.stringify({ command: 'subscribe', identifier });
}

export function unsubscribeCommand(identifier: string): string {
  return JSON.stringify({ command: 'unsubscribe', identifier });
}

/** `perform(action, data)`: the payload is itself a JSON string inside the frame, as rails' client sends it. */
export function messageCommand(identifier: string, data: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ command: 'message', identifier, data: JSON.stringify(data) });
}
