/** Putting batches on the wire. */
import { MAX_BODY_BYTES, type Envelope, type WireEvent } from '@dwell/contract';

const utf8 = new TextEncoder();

/** The value's JSON in UTF-8 bytes. A TextEncoder, not a Blob: each Blob costs Chromium far more (about 0.1 ms). */
const byteLength = (value: unknown): number => utf8.encode(JSON.stringify(value)).length;

/**
 * Splits events, in order, into chunks whose envelope JSON stays within
 * `maxBytes`. Each event is serialized once: the empty envelope's bytes, plus
 * each event's bytes and a comma but the first, is the body's exact size.
 */
export function splitBySize(
  events: WireEvent[],
  envelope: (events: WireEvent[]) => Envelope,
  maxBytes = MAX_BODY_BYTES,
): WireEvent[][] {
  const empty = byteLength(envelope([])) - 1;
  const chunks: WireEvent[][] = [];
  let chunk: WireEvent[] = [];
  let size = empty;
  for (const event of events) {
    const bytes = byteLength(event) + 1;
    if (chunk.length && size + bytes > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      size = empty;
    }
    chunk.push(event);
    size += bytes;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** POSTs a body with keepalive; resolves with the response, or `undefined` on a network error. */
export function post(url: string, body: string): Promise<Response | undefined> {
  return fetch(url, {
    method: 'POST',
    body,
    keepalive: true,
    headers: { 'content-type': 'application/json' },
  }).catch(() => undefined);
}
