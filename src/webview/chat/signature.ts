/**
 * The agent's message signature on replies, appended as Chatwoot's dashboard appends it: the
 * body's trailing space trimmed, a blank line, `--`, a blank line, the signature (trimmed, line
 * ends normalised); nothing is added when the body already ends with it.
 * Chatwoot: app/javascript/dashboard/helper/editorHelper.js (`appendSignature`, `SIGNATURE_DELIMITER`).
 */
export const SIGNATURE_DELIMITER = '--';

export function cleanSignature(signature: string): string {
  return signature.trim().replace(/\r\n?/g, '\n');
}

export function appendSignature(body: string, signature: string): string {
  const cleaned = cleanSignature(signature);
  if (!cleaned || body.trimEnd().endsWith(cleaned)) return body;
  return `${body.trimEnd()}\n\n${SIGNATURE_DELIMITER}\n\n${cleaned}`;
}
