// multipart/form-data as Rails reads it (Rack::Multipart::Parser): each part's
// Content-Disposition name, and for a file its filename and Content-Type; `name[]` repeated
// becomes an array, a file an uploaded file. Chatwoot's dashboard sends a reply with files this
// way (Chatwoot: app/javascript/dashboard/api/inbox/message.js, buildCreatePayload).

import type { Params } from './http';

export interface UploadedFile {
  /** Rack's `original_filename`, with the browser's escapes (%22, %0D%0A) undone. */
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/** One part as it arrived, in order: what a test compares with what Chatwoot expects. */
export interface FormPart {
  readonly name: string;
  readonly value?: string;
  readonly file?: UploadedFile;
}

export function boundaryOf(contentType: string): string | undefined {
  const m = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Parses a whole body; throws on a body that is not well-formed multipart (Rack answers 400 then). */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('no multipart boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error('malformed multipart delimiter');
    at += 2;
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd < 0) throw new Error('multipart part without headers');
    const headers = body.subarray(at, headEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) throw new Error('unterminated multipart part');
    const data = body.subarray(headEnd + 4, next);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '') ?? 'text/plain';
    const name = param(disposition, 'name');
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = param(disposition, 'filename');
    parts.push(filename === undefined ? { name, value: data.toString('utf8') } : { name, file: { filename, contentType: type, data: Buffer.from(data) } });
    at = next + 2;
  }
}

function param(disposition: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(disposition);
  return m ? m[1].replace(/%22/g, '"').replace(/%0D%0A/gi, '\n') : undefined;
}

/**
 * The parts as Rails params: `attachments[]` repeated becomes `attachments: [...]`, and
 * `content_attributes[in_reply_to]` becomes `content_attributes: { in_reply_to }` (one level).
 */
export function toParams(parts: readonly FormPart[]): Params {
  const out: Params = {};
  for (const p of parts) {
    const value = p.file ?? p.value;
    if (p.name.endsWith('[]')) {
      const k = p.name.slice(0, -2);
      const prev = out[k];
      out[k] = Array.isArray(prev) ? [...(prev as unknown[]), value] : [value];
      continue;
    }
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(p.name);
    if (nested) {
      const prev = out[nested[1]];
      out[nested[1]] = { ...(typeof prev === 'object' && prev !== null && !Array.isArray(prev) ? prev : {}), [nested[2]]: value };
    } else out[p.name] = value;
  }
  return out;
}
