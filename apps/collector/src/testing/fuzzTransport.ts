/**
 * The fuzz campaign's requests wrong in their HTTP rather than their JSON:
 * media types, methods, bodies over the limit (declared, chunked, or once
 * decoded: bombs), bodies that are not what their encoding says, and
 * encodings the collector does not decode.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { envelopeText, request, type Make } from './fuzzBody.js';

const mediaTypes = fc
  .constantFrom(
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
    'application/jsonx',
    'image/png',
    'json',
  )
  .map(
    (type): Make =>
      (index, now) =>
        request('media types', envelopeText(index, now), [415], { 'content-type': type }),
  );

const methods = fc
  .constantFrom('GET', 'PUT', 'DELETE', 'PATCH')
  .map((method): Make => () => ({ ...request('methods', Buffer.alloc(0), [405]), method }));

const overLimit = fc
  .tuple(fc.integer({ min: 65_537, max: 100_000 }), fc.boolean())
  .map(([size, chunked]): Make => () => ({
    ...request('over the limit', Buffer.alloc(size, 0x20), [413]),
    ...(chunked ? { chunkBytes: 16_384 } : {}),
  }));

/** 4 MiB of spaces inside an envelope, compressed once: brotli takes a while. */
const bombs = new Map<string, Buffer>();
function bomb(coding: string): Buffer {
  let bytes = bombs.get(coding);
  if (!bytes) {
    const text = `{"site":"demo","events":[]${' '.repeat(4 * 1024 * 1024)}}`;
    bombs.set(coding, (bytes = coding === 'br' ? brotliCompressSync(text) : gzipSync(text)));
  }
  return bytes;
}

const encodings = fc
  .constantFrom(
    'bomb-gzip',
    'bomb-br',
    'mislabelled-gzip',
    'mislabelled-br',
    'mislabelled-deflate',
    'garbage-gzip',
    'compress',
    'zstd',
    'gzip, br',
  )
  .map((kind): Make => (index, now) => {
    const text = envelopeText(index, now);
    const [what, coding = kind] = kind.split('-') as [string, string?];
    if (what === 'bomb') return request('encodings', bomb(coding), [413], { 'content-encoding': coding });
    if (what === 'mislabelled') return request('encodings', text, [400], { 'content-encoding': coding });
    if (what === 'garbage')
      return request('encodings', gzipSync('{"site":'), [400], { 'content-encoding': coding });
    return request('encodings', gzipSync(text), [415], { 'content-encoding': kind });
  });

export const transport: fc.Arbitrary<Make> = fc.oneof(mediaTypes, methods, overLimit, encodings);
