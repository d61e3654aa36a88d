/** A file to upload: its name as the agent sees it, its type, and its bytes. */
export interface UploadFile {
  readonly name: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export type FormField = readonly [name: string, value: string | UploadFile];

/** A `multipart/form-data` body whose length is known before it is sent, streamed so its progress can be told. */
export interface MultipartBody {
  readonly contentType: string;
  readonly length: number;
  /** A fresh stream of the body; `onProgress` hears the bytes handed over so far. */
  stream(onProgress?: (sent: number, total: number) => void): ReadableStream<Uint8Array>;
}

/** Large files are handed over in slices so progress moves while they go. */
const SLICE = 64 * 1024;

/**
 * Encodes form fields as browsers do for `FormData` (RFC 7578, with the WHATWG escapes in names:
 * `"` as %22 and line breaks as %0D%0A), which is what Rack parses on Chatwoot's side.
 */
export function multipartBody(fields: readonly FormField[], boundary: string): MultipartBody {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const [name, value] of fields) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
    if (typeof value === 'string') {
      parts.push(enc.encode(`${head}\r\n\r\n`), enc.encode(value), enc.encode('\r\n'));
      continue;
    }
    head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.mimeType.replace(/[\r\n]/g, '') || 'application/octet-stream'}\r\n\r\n`;
    parts.push(enc.encode(head));
    for (let at = 0; at < value.bytes.length; at += SLICE) parts.push(value.bytes.subarray(at, at + SLICE));
    parts.push(enc.encode('\r\n'));
  }
  parts.push(enc.encode(`--${boundary}--\r\n`));
  const length = parts.reduce((n, p) => n + p.length, 0);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    stream(onProgress) {
      let next = 0;
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          const part = parts[next++];
          if (!part) {
            controller.close();
            return;
          }
          controller.enqueue(part);
          sent += part.length;
          onProgress?.(sent, length);
        },
      });
    },
  };
}

function escapeName(name: string): string {
  return name.replace(/\r\n|\r|\n/g, '%0D%0A').replace(/"/g, '%22');
}

/** A boundary no file is likely to contain, as browsers make them. */
export function newBoundary(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 24; i++) s += Math.floor(random() * 36).toString(36);
  return `----ChatwootVSCode${s}`;
}
