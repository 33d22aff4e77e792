/**
 * `Content-Encoding` of `POST /v1/events`. Browsers never compress a request,
 * but a server-side sender may: gzip, deflate (the zlib format, as HTTP
 * defines it) and br are decoded, `identity` is none, anything else is
 * refused. The body limit binds the decoded bytes too, so a small bomb
 * cannot expand without bound.
 */
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

/** zlib's one-shot decoders, as called here. */
type Decoder = (
  input: Buffer,
  options: { maxOutputLength: number },
  callback: (error: Error | null, result: Buffer) => void,
) => void;

/** The codings decoded, by the name `Content-Encoding` gives them (`x-gzip`: RFC 9110's alias). */
const DECODERS = {
  gzip: gunzip,
  'x-gzip': gunzip,
  deflate: inflate,
  br: brotliDecompress,
} satisfies Record<string, Decoder>;

export type ContentCoding = keyof typeof DECODERS;

/** The codings a sender may name, for messages and the API document. */
export const SUPPORTED_CODINGS = 'gzip, deflate, br or identity';

export type CodingHeader = { ok: true; coding: ContentCoding | null } | { ok: false; name: string };

function isContentCoding(name: string): name is ContentCoding {
  return Object.hasOwn(DECODERS, name);
}

/**
 * The coding a `Content-Encoding` header names: `null` for none or
 * `identity`. One coding at most: no sender stacks them, and refusing a
 * list keeps a request from asking for decode after decode.
 */
export function contentCoding(header: string | undefined): CodingHeader {
  const names = (header ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity');
  if (names.length === 0) return { ok: true, coding: null };
  const [name] = names as [string];
  if (names.length > 1 || !isContentCoding(name)) return { ok: false, name: names.join(', ') };
  return { ok: true, coding: name };
}

export type Decoded =
  | { ok: true; bytes: Buffer }
  | { ok: false; tooLarge: true }
  | { ok: false; tooLarge: false; message: string };

/**
 * `bytes` decoded from `coding`, or `tooLarge` as soon as the output exceeds
 * `limit` bytes: zlib decodes chunk by chunk on its thread pool and stops
 * there (`maxOutputLength`), so a bomb costs at most `limit` bytes of work.
 */
export function decodeBody(bytes: Buffer, coding: ContentCoding, limit: number): Promise<Decoded> {
  const decode: Decoder = DECODERS[coding];
  return new Promise((resolve) => {
    decode(bytes, { maxOutputLength: limit }, (error, result) => {
      if (!error) resolve({ ok: true, bytes: result });
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        resolve({ ok: false, tooLarge: true });
      } else resolve({ ok: false, tooLarge: false, message: `the body is not ${coding}: ${error.message}` });
    });
  });
}
