/**
 * Uploads broken off mid-body, over a raw socket against the real collector
 * process: no error line, no 500 in the request log, one short 499 line per
 * upload, counted apart from server errors in `/healthz`, and the process
 * keeps answering.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, tempDir } from '../testing.js';
import { buildCollector, postBatch, startCollectorProcess, type Running } from '../testing/process.js';

/** Sends a request head and about half of its body (5,000 bytes declared, or chunked), then closes the socket. */
async function abortUpload(url: string, framing: 'length' | 'chunked'): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const half = `{"site":"demo","visitor":"v1","sent_at":1,"events":[${' '.repeat(2_500)}`;
  socket.write(
    [
      'POST /v1/events HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Content-Type: application/json',
      `User-Agent: ${BROWSER}`,
      framing === 'length' ? 'Content-Length: 5000' : 'Transfer-Encoding: chunked',
      '',
      framing === 'length' ? half : `${half.length.toString(16)}\r\n${half}\r\n`,
    ].join('\r\n'),
  );
  // Let the collector start reading the body before the client goes away.
  await sleep(100);
  socket.destroy();
}

let collector: Running;

// npm test builds first; this makes a lone `vitest run` test the current sources too.
beforeAll(async () => {
  buildCollector();
  collector = await startCollectorProcess({ DWELL_DATA_DIR: tempDir() });
}, 60_000);
afterAll(() => collector?.kill());

describe('an upload the client breaks off', () => {
  it('is one 499 request line, no error and no 500, counted apart from server errors', async () => {
    await abortUpload(collector.url, 'length');
    await abortUpload(collector.url, 'chunked');
    await sleep(200);
    const health = await fetch(`${collector.url}/healthz`);
    expect(await health.json()).toEqual({
      status: 'ok',
      server_errors: 0,
      client_aborts: 2,
      lag: { events: 0, ms: 0 },
    });
    const response = await postBatch(collector.url, {
      site: 'demo',
      visitor: 'v1',
      sent_at: Date.now(),
      events: [{ id: 'after', type: 'view', content: '/a', session: 's', ts: Date.now() }],
    });
    expect(response.status).toBe(202);
    await sleep(100);
    const log = collector.output();
    expect(log).not.toMatch(/ERROR|aborted|\s500\s/);
    expect(log.match(/^.*POST \/v1\/events 499 .*$/gm)).toEqual([
      expect.stringMatching(/ POST \/v1\/events 499 \d+\.\dms$/),
      expect.stringMatching(/ POST \/v1\/events 499 \d+\.\dms$/),
    ]);
    expect(log).toMatch(/POST \/v1\/events 202 /);
  });
});
