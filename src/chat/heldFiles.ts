import * as l10n from '@vscode/l10n';
import type { UploadFile } from '../api/multipart';
import type { AttachmentLimits, StagedFile } from '../protocol/chatProtocol';

/**
 * What one reply may carry. Chatwoot keeps at most 15 attachments on a message
 * (Chatwoot: app/models/message.rb, NUMBER_OF_PERMITTED_ATTACHMENTS), and its dashboard refuses a
 * file over 40 MB before uploading it (Chatwoot: app/javascript/shared/constants/messages.js,
 * MAXIMUM_FILE_UPLOAD_SIZE; the server's own check, GlobalConfig MAXIMUM_FILE_UPLOAD_SIZE with the
 * same default, app/models/attachment.rb). An API token cannot read an installation's own setting,
 * so the default is what is checked.
 */
export const ATTACHMENT_LIMITS: AttachmentLimits = { maxFiles: 15, maxBytes: 40 * 1024 * 1024 };

/**
 * Bytes held at once across every conversation (staged and unsent): a bound on the memory files
 * take, as the outbox bounds its replies. Files are held in memory only, never in VS Code's
 * storage: a reload of the window lets them go, and a reply that waited with them then fails
 * with a clear reason.
 */
export const MAX_HELD_BYTES = 256 * 1024 * 1024;

/** Images up to this size get a `data:` preview in the composer (the CSP allows no `blob:`). */
const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

interface Held {
  readonly file: StagedFile;
  readonly bytes: Uint8Array;
}

/** A file was not taken: `error` says why, in words for the agent. */
export interface Refusal {
  readonly name: string;
  readonly error: string;
}

/**
 * The files the agent attached, per conversation (`<scope>/<conversation id>`): staged in the
 * composer, then taken by a reply, until the reply is confirmed or discarded. Pure: callers read
 * the bytes (VS Code's file system, or what the webview sent) and hand them over.
 */
export class HeldFiles {
  private readonly _held = new Map<string, Held>();
  private readonly _staged = new Map<string, string[]>();
  private _total = 0;
  private _seq = 0;

  constructor(
    private readonly _limits: AttachmentLimits = ATTACHMENT_LIMITS,
    private readonly _maxHeld = MAX_HELD_BYTES,
  ) {}

  get limits(): AttachmentLimits {
    return this._limits;
  }

  /** Bytes held now. */
  get heldBytes(): number {
    return this._total;
  }

  /**
   * Why a file of `size` bytes cannot be staged now, or undefined when it can. Asked before the
   * bytes are read, so a file too big is never read, held or uploaded.
   */
  refusal(key: string, name: string, size: number, alsoStaging = 0): string | undefined {
    if (size > this._limits.maxBytes) return l10n.t('{0} is {1}: Chatwoot accepts files up to {2}.', name, formatBytes(size), formatBytes(this._limits.maxBytes));
    if (this.staged(key).length + alsoStaging >= this._limits.maxFiles) return l10n.t('{0} was not attached: a reply carries at most {1} files.', name, this._limits.maxFiles);
    if (this._total + size > this._maxHeld) return l10n.t('{0} was not attached: {1} of files already wait to be sent.', name, formatBytes(this._maxHeld));
    return undefined;
  }

  /** Stages a file in a conversation's composer; a string when refused. */
  stage(key: string, upload: UploadFile): StagedFile | string {
    const refused = this.refusal(key, upload.name, upload.bytes.length);
    if (refused) return refused;
    const id = `f${Date.now().toString(36)}${(++this._seq).toString(36)}`;
    const file: StagedFile = { id, name: upload.name, size: upload.bytes.length, mimeType: upload.mimeType || 'application/octet-stream' };
    this._held.set(id, { file, bytes: upload.bytes });
    this._total += upload.bytes.length;
    this._staged.set(key, [...this.staged(key).map((f) => f.id), id]);
    return file;
  }

  /** The files staged in a conversation's composer, with image previews. */
  staged(key: string): StagedFile[] {
    return (this._staged.get(key) ?? []).flatMap((id) => {
      const held = this._held.get(id);
      return held ? [withThumbnail(held)] : [];
    });
  }

  /** The agent removed a staged file. */
  unstage(key: string, id: string): void {
    const left = (this._staged.get(key) ?? []).filter((x) => x !== id);
    if (left.length) this._staged.set(key, left);
    else this._staged.delete(key);
    this.release([id]);
  }

  /**
   * A reply takes these staged files: they leave the composer and stay held for the reply. Ids
   * not held (a view that outlived a reload) are left out.
   */
  take(key: string, ids: readonly string[]): StagedFile[] {
    const wanted = new Set(ids);
    const left = (this._staged.get(key) ?? []).filter((id) => !wanted.has(id));
    if (left.length) this._staged.set(key, left);
    else this._staged.delete(key);
    return ids.flatMap((id) => {
      const held = this._held.get(id);
      return held ? [held.file] : [];
    });
  }

  /** The bytes of files a reply carries; undefined when any of them is no longer held. */
  uploads(files: readonly StagedFile[]): UploadFile[] | undefined {
    const out: UploadFile[] = [];
    for (const f of files) {
      const held = this._held.get(f.id);
      if (!held) return undefined;
      out.push({ name: held.file.name, mimeType: held.file.mimeType, bytes: held.bytes });
    }
    return out;
  }

  release(ids: readonly string[]): void {
    for (const id of ids) {
      const held = this._held.get(id);
      if (!held) continue;
      this._held.delete(id);
      this._total -= held.bytes.length;
    }
  }

  /** Sign-out: every file goes. */
  clear(): void {
    this._held.clear();
    this._staged.clear();
    this._total = 0;
  }
}

function withThumbnail(held: Held): StagedFile {
  const { file, bytes } = held;
  if (!/^image\/(png|jpeg|gif|webp)$/.test(file.mimeType) || bytes.length > THUMBNAIL_MAX_BYTES) return file;
  return { ...file, thumbnail: `data:${file.mimeType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64')}` };
}

/** 40 MB, 1.5 kB: the units Chatwoot's dashboard shows (powers of 1024). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** A file's type from its name, for files read from disk (the picker and the Explorer say no type). */
export function mimeTypeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

const MIME: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
