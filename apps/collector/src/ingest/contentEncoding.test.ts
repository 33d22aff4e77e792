/**
 * Compressed batches, as a server-side sender may send them: gzip, deflate
 * and br are decoded; the 64 KiB limit binds the decoded body too (a bomb is
 * a 413, having decoded no more than the limit); a body that is not what its
 * `Content-Encoding` says is a 400 that says so; another coding is a 415.
 */
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BROWSER, envelope, NOW, postEvents, testApp, wireEvent } from '../testing.js';
import { MAX_BODY_BYTES } from '@dwell/contract';
import { contentCoding } from './contentEncoding.js';

const WINDOW = { now: NOW, windowDays: 30 };

/** Brotli at a quick quality: the default (11) takes a second for the bomb. */
const brotli = (input: string) =>
  brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });

const COMPRESS = { gzip: gzipSync, deflate: deflateSync, br: brotli } as const;

/** Posts `bytes` as JSON with this `Content-Encoding`, declared length or streamed. */
function post(app: ReturnType<typeof testApp>['app'], bytes: Uint8Array, encoding: string, streamed = false) {
  const body = streamed
    ? new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.subarray(at, at + 4096));
          controller.close();
        },
      })
    : bytes;
  return app.request(
    new Request('http://localhost/v1/events', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER, 'content-encoding': encoding },
    } as RequestInit),
  );
}

async function errorOf(response: Response) {
  return {
    status: response.status,
    code: ((await response.json()) as { error: { code: string } }).error.code,
  };
}

describe('POST /v1/events with Content-Encoding', () => {
  it('decodes gzip, deflate and br, declared or streamed, and counts every event', async () => {
    const { app, store } = testApp();
    let views = 0;
    for (const [encoding, compress] of Object.entries(COMPRESS)) {
      for (const streamed of [false, true]) {
        const events = [wireEvent('view'), wireEvent('engage', { ms: 1_000 })];
        const response = await post(app, compress(JSON.stringify(envelope(events))), encoding, streamed);
        expect([encoding, response.status, await response.json()]).toEqual([
          encoding,
          202,
          { accepted: 2, duplicates: 0, rejected: [] },
        ]);
        views++;
      }
    }
    expect(await store.visitorState('demo', 'v1', '/a/1', WINDOW)).toMatchObject({
      views,
      engagedMs: views * 1_000,
    });
  });

  it('takes identity, x-gzip, upper case and a charset as they are meant', async () => {
    const { app } = testApp();
    const text = JSON.stringify(envelope([wireEvent('view')]));
    expect((await postEvents(app, text, { 'content-encoding': 'identity' })).status).toBe(202);
    expect((await post(app, gzipSync(text), 'GZIP')).status).toBe(202);
    expect((await post(app, gzipSync(text), 'x-gzip')).status).toBe(202);
    expect((await post(app, gzipSync(text), 'identity, gzip')).status).toBe(202);
  });

  it('refuses a bomb with 413: the decoded body is held to the limit', async () => {
    const { app } = testApp();
    // 16 MiB of spaces inside a valid envelope: 16 KiB of gzip or deflate, a few bytes of br.
    const padded = `{"site":"demo","visitor":"v1","sent_at":${NOW},"events":[]${' '.repeat(16 * 1024 * 1024)}}`;
    for (const [encoding, compress] of Object.entries(COMPRESS)) {
      const bomb = compress(padded);
      expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
      const response = await post(app, bomb, encoding);
      // The rest of a body never read must not be taken for the next request on the connection.
      expect(response.headers.get('connection')).toBe('close');
      expect([encoding, await errorOf(response)]).toEqual([
        encoding,
        { status: 413, code: 'payload_too_large' },
      ]);
    }
    // Just over the limit once decoded, well under it compressed.
    const over = gzipSync(
      JSON.stringify(envelope([wireEvent('view', { title: 'x'.repeat(MAX_BODY_BYTES) })])),
    );
    expect(await errorOf(await post(app, over, 'gzip'))).toEqual({ status: 413, code: 'payload_too_large' });
    expect(await errorOf(await post(app, over, 'gzip', true))).toEqual({
      status: 413,
      code: 'payload_too_large',
    });
  });

  it('refuses a body that is not what its encoding says with 400 invalid_encoding', async () => {
    const { app, store } = testApp();
    const text = JSON.stringify(envelope([wireEvent('view')]));
    const truncated = gzipSync(text).subarray(0, 20);
    for (const [bytes, encoding] of [
      [Buffer.from(text), 'gzip'],
      [Buffer.from(text), 'deflate'],
      [Buffer.from(text), 'br'],
      [truncated, 'gzip'],
      [gzipSync(text), 'br'],
      [deflateRawSync(text), 'deflate'],
      [Buffer.alloc(0), 'gzip'],
    ] as const) {
      const response = await post(app, bytes, encoding);
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error).toMatchObject({
        code: 'invalid_encoding',
        message: expect.stringContaining(`not ${encoding}`),
      });
    }
    // A decoded body that is no JSON is still invalid_json.
    expect(await errorOf(await post(app, gzipSync('{"site":'), 'gzip'))).toEqual({
      status: 400,
      code: 'invalid_json',
    });
    expect(await store.visitorState('demo', 'v1', '/a/1', WINDOW)).toMatchObject({ views: 0 });
  });

  it('refuses another coding, or two stacked, with 415 unsupported_encoding', async () => {
    const { app } = testApp();
    const text = gzipSync(JSON.stringify(envelope([wireEvent('view')])));
    for (const encoding of ['compress', 'zstd', 'gzip, gzip', 'deflate, br', 'toString']) {
      const response = await post(app, text, encoding);
      expect([encoding, await errorOf(response)]).toEqual([
        encoding,
        { status: 415, code: 'unsupported_encoding' },
      ]);
    }
  });
});

describe('contentCoding', () => {
  it('reads one coding, none for identity or an empty header', () => {
    expect(contentCoding(undefined)).toEqual({ ok: true, coding: null });
    expect(contentCoding(' , identity ')).toEqual({ ok: true, coding: null });
    expect(contentCoding(' Br ')).toEqual({ ok: true, coding: 'br' });
    expect(contentCoding('__proto__')).toEqual({ ok: false, name: '__proto__' });
  });
});
