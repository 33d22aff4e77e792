/**
 * An error no handler caught is a bug: an error line with its stack, a 500,
 * counted in `/healthz`. A client gone mid-upload is not: the request line
 * with 499, no error line, counted apart. (The same over a real socket:
 * `abortedUpload.test.ts`.)
 */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../log.js';
import { BROWSER, testApp } from '../testing.js';
import { RequestCounts } from './requestCounts.js';

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    info: (line) => lines.push(line),
    error: (line, error) => lines.push(`ERROR ${line}${error instanceof Error ? ` ${error.stack}` : ''}`),
    flush() {},
  };
  return { lines, logger };
}

/** A body that sends half of itself, then fails as Node's request stream does when its socket closes. */
function brokenBody(): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      sent = true;
      controller.enqueue(new TextEncoder().encode('{"site":"demo","visitor":'));
    },
  });
}

describe('the error handler', () => {
  it('answers a bug 500 with an error line, counted as a server error', async () => {
    const { lines, logger } = recordingLogger();
    const counts = new RequestCounts();
    const { app } = testApp(undefined, { logger, counts });
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const response = await app.request('/boom');
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe('internal_error');
    expect(lines).toEqual([
      expect.stringMatching(/^ERROR GET \/boom failed Error: boom\n/),
      expect.stringMatching(/^GET \/boom 500 /),
    ]);
    expect(await (await app.request('/healthz')).json()).toMatchObject({
      server_errors: 1,
      client_aborts: 0,
    });
  });

  it('logs an upload its client broke off as one 499 line, no error, counted apart', async () => {
    const { lines, logger } = recordingLogger();
    const { app } = testApp(undefined, { logger });
    const request = new Request('http://localhost/v1/events', {
      method: 'POST',
      body: brokenBody(),
      duplex: 'half',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER },
    } as RequestInit);
    // The Node request as @hono/node-server passes it once the socket closed mid-body.
    const incoming = { complete: false, destroyed: true, errored: new Error('aborted'), socket: {} };
    const response = await app.request(request, undefined, { incoming });
    expect(response.status).toBe(499);
    expect(lines).toEqual([expect.stringMatching(/^POST \/v1\/events 499 \d+\.\dms$/)]);
    expect(await (await app.request('/healthz')).json()).toEqual({
      status: 'ok',
      server_errors: 0,
      client_aborts: 1,
      lag: { events: 0, ms: 0 },
    });
  });

  it('still counts a failing read of a complete request as a server error', async () => {
    const { lines, logger } = recordingLogger();
    const { app } = testApp(undefined, { logger });
    const request = new Request('http://localhost/v1/events', {
      method: 'POST',
      body: brokenBody(),
      duplex: 'half',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER },
    } as RequestInit);
    const response = await app.request(request, undefined, {
      incoming: { complete: true, destroyed: false, errored: null },
    });
    expect(response.status).toBe(500);
    expect(lines[0]).toMatch(/^ERROR POST \/v1\/events failed Error: aborted/);
  });
});
