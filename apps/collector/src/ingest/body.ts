/**
 * Reading the body of `POST /v1/events` within the 64 KiB that a keepalive
 * fetch or a beacon may carry. A declared `Content-Length` over the limit is
 * refused before a byte is read; a chunked body is counted as it streams; a
 * compressed body is held to the limit before and after decoding.
 */
import { MAX_BODY_BYTES } from '@dwell/contract';
import { decodeBody, type ContentCoding } from './contentEncoding.js';

/** The media types accepted: `fetch` sends JSON, `navigator.sendBeacon` with a string sends text/plain. */
export const ACCEPTED_MEDIA_TYPES = ['application/json', 'text/plain'] as const;

/** Whether a `Content-Type` header names one of the accepted media types (parameters such as charset aside). */
export function isAcceptedMediaType(header: string | undefined): boolean {
  if (!header) return false;
  const semicolon = header.indexOf(';');
  const type = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return type === ACCEPTED_MEDIA_TYPES[0] || type === ACCEPTED_MEDIA_TYPES[1];
}

export type BodyText =
  | { ok: true; text: string }
  | { ok: false; tooLarge: true }
  | { ok: false; tooLarge: false; message: string };

type BodyBytes = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true };

/** The body as text, decoded from `coding`; `tooLarge` once it exceeds `limit` bytes, compressed or not. */
export async function readBodyText(
  request: Request,
  coding: ContentCoding | null = null,
  limit = MAX_BODY_BYTES,
): Promise<BodyText> {
  const body = await readBodyBytes(request, limit);
  const decoded = body.ok && coding ? await decodeBody(body.bytes, coding, limit) : body;
  return decoded.ok ? { ok: true, text: decoded.bytes.toString('utf8') } : decoded;
}

/** The raw bytes, or `tooLarge` once they exceed `limit`. */
async function readBodyBytes(request: Request, limit: number): Promise<BodyBytes> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (Number(declared) > limit) return { ok: false, tooLarge: true };
    // With a Content-Length, Node's HTTP parser delivers exactly that many bytes,
    // and arrayBuffer() takes @hono/node-server's direct read of the socket.
    const bytes = await request.arrayBuffer();
    if (bytes.byteLength > limit) return { ok: false, tooLarge: true };
    return { ok: true, bytes: Buffer.from(bytes) };
  }
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
