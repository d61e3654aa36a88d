// Small HTTP plumbing shared by the REST and control routers: a route table, request params
// merged from query and body the way Rails merges them, and reply helpers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { boundaryOf, parseMultipart, toParams, type FormPart } from './multipart';

export type Params = Record<string, unknown>;

export interface Reply {
  status: number;
  /** JSON body; undefined sends an empty body (Rails `head :ok`). */
  body?: unknown;
  /** Plain-text body, for the few non-JSON answers (rack-attack's 429). */
  text?: string;
  /** A file's bytes (Active Storage serving an attachment). */
  bytes?: { contentType: string; data: Buffer };
  /** A redirect's Location (Active Storage's redirect controllers). */
  redirect?: string;
}

export interface Request {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  params: Params;
  headers: IncomingMessage['headers'];
  /** A multipart body's parts, in order (their values are in `params` too). */
  parts?: FormPart[];
}

export type Handler<Ctx> = (req: Request, match: string[], ctx: Ctx) => Reply | Promise<Reply>;

export interface Route<Ctx> {
  method: string;
  pattern: RegExp;
  handler: Handler<Ctx>;
}

export const json = (status: number, body?: unknown): Reply => ({ status, body });
export const ok = (body?: unknown): Reply => ({ status: 200, body });

/** `a[]=1&a[]=2` becomes a: ['1','2'], as Rack parses it; plain keys stay strings. */
export function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    if (key.endsWith('[]')) {
      const k = key.slice(0, -2);
      const prev = out[k];
      out[k] = Array.isArray(prev) ? [...prev, value] : [value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A multipart upload may be as large as Chatwoot's default file limit times the 15 files of a message. */
const MULTIPART_LIMIT = 15 * 40 * 1024 * 1024;

/** The body as params; a multipart body also as its parts, in order. */
export async function readRequestBody(req: IncomingMessage): Promise<{ params: Params; parts?: FormPart[] }> {
  const boundary = boundaryOf(String(req.headers['content-type'] ?? ''));
  if (!boundary) return { params: await readBody(req) };
  const parts = parseMultipart(await readRaw(req, MULTIPART_LIMIT), boundary);
  return { params: toParams(parts), parts };
}

async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<Params> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(b);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) return parseQuery(new URLSearchParams(text));
  const parsed: unknown = JSON.parse(text);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Params) : {};
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  if (reply.redirect !== undefined) {
    res.writeHead(reply.status, { location: reply.redirect, 'content-length': '0' });
    res.end();
  } else if (reply.bytes !== undefined) {
    res.writeHead(reply.status, { 'content-type': reply.bytes.contentType, 'content-length': String(reply.bytes.data.length) });
    res.end(reply.bytes.data);
  } else if (reply.text !== undefined) {
    res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(reply.text);
  } else if (reply.body === undefined) {
    res.writeHead(reply.status, { 'content-length': '0' });
    res.end();
  } else {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  }
}

export function route<Ctx>(routes: Route<Ctx>[], method: string, path: string): { route: Route<Ctx>; match: string[] } | undefined {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) return { route: r, match: m.slice(1) };
  }
  return undefined;
}

// Param readers: Rails params arrive as strings from a query and as JSON types from a body.
export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
  if (typeof v === 'string' && v) return v.split(',');
  return [];
}
