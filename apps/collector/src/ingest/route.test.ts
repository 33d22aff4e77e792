import { describe, expect, it } from 'vitest';
import { emptyState, fold } from '@dwell/score';
import { silentLogger } from '../log.js';
import { StoreBusyError } from '../store/store.js';
import { BROWSER, DAY, demoSite, envelope, NOW, postEvents, testApp, wireEvent } from '../testing.js';

const WINDOW = { now: NOW, windowDays: 30 };

describe('POST /v1/events: 202', () => {
  it('stores a batch and reports a bad event by index without costing the others', async () => {
    const { app, store } = testApp();
    const events = [
      wireEvent('view'),
      { ...wireEvent('engage'), ms: 'long' },
      wireEvent('share'),
      { type: 'nap' },
    ];
    const response = await postEvents(app, envelope(events));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, issues: [{ path: 'ms', message: 'Invalid input: expected number, received string' }] },
        { index: 3, issues: [{ path: 'type', message: expect.stringContaining('view') }] },
      ],
    });
    const state = await store.visitorState('demo', 'v1', '/a/1', WINDOW);
    expect(state).toMatchObject({ views: 1, shares: 1, engagedMs: 0 });
  });

  it("accepts sendBeacon's text/plain and JSON with a charset", async () => {
    const { app } = testApp();
    for (const type of ['text/plain;charset=UTF-8', 'application/json; charset=utf-8']) {
      const response = await postEvents(app, envelope([wireEvent('view')]), { 'content-type': type });
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ accepted: 1 });
    }
  });

  it('counts a repeated event id in duplicates, also under concurrent delivery', async () => {
    const { app, store } = testApp();
    const body = envelope([wireEvent('view'), wireEvent('engage', { ms: 45_000 })]);
    const first = await postEvents(app, body);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const again = await Promise.all(Array.from({ length: 10 }, () => postEvents(app, body)));
    const results = await Promise.all(again.map((response) => response.json()));
    expect(results.every((result) => result.accepted === 0 && result.duplicates === 2)).toBe(true);
    const concurrent = envelope([wireEvent('share')]);
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => postEvents(app, concurrent).then((r) => r.json())),
    );
    expect(racing.reduce((sum, result) => sum + result.accepted, 0)).toBe(1);
    expect(await store.visitorState('demo', 'v1', '/a/1', WINDOW)).toMatchObject({
      views: 1,
      engagedMs: 45_000,
      shares: 1,
    });
  });

  it('answers a bot 202 and counts nothing', async () => {
    const { app, store } = testApp();
    const response = await postEvents(app, envelope([wireEvent('view')]), {
      'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 0, duplicates: 0, rejected: [], bot: true });
    expect(await store.visitorState('demo', 'v1', '/a/1', WINDOW)).toEqual(emptyState());
  });
});

describe('POST /v1/events: clock correction', () => {
  it("moves events by the server's receive time minus sent_at", async () => {
    const { app, store } = testApp();
    // The browser's clock is an hour and a day behind; its events happened 10 s and 5 s before sending.
    const skew = -(DAY + 3_600_000);
    const events = [
      wireEvent('view', { ts: NOW + skew - 10_000 }),
      wireEvent('engage', { ts: NOW + skew - 5_000, ms: 20_000 }),
    ];
    const response = await postEvents(app, envelope(events, { sent_at: NOW + skew }));
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [] });
    const state = await store.visitorState('demo', 'v1', '/a/1', WINDOW);
    expect([state.first, state.last]).toEqual([NOW - 10_000, NOW - 5_000]);
  });

  it('refuses what is over 5 minutes ahead or older than the window after correction, with the reason', async () => {
    const { app } = testApp();
    const events = [
      wireEvent('view', { ts: NOW + 5 * 60_000 }),
      wireEvent('view', { ts: NOW + 5 * 60_000 + 1 }),
      wireEvent('view', { ts: NOW - 30 * DAY }),
      wireEvent('view', { ts: NOW - 30 * DAY - 1 }),
    ];
    const body = await (await postEvents(app, envelope(events))).json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, issues: [{ path: 'ts', message: expect.stringContaining('5 minutes in the future') }] },
      {
        index: 3,
        issues: [{ path: 'ts', message: expect.stringContaining("older than the model's window") }],
      },
    ]);
  });
});

describe('POST /v1/events: refusals', () => {
  it('400: not JSON', async () => {
    const { app } = testApp();
    const response = await postEvents(app, '{"site": "demo",');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid_json', issues: [{ path: '' }] });
  });

  it('400: a bad envelope, each bad field named', async () => {
    const { app } = testApp();
    const response = await postEvents(app, {
      site: 'no such site!',
      visitor: '',
      sent_at: 'now',
      events: {},
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_envelope');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'site',
      'visitor',
      'sent_at',
      'events',
    ]);
    expect(error.message).toBe('invalid batch envelope: site, visitor, sent_at, events');
  });

  it('403: unknown site, and an origin the site does not accept', async () => {
    const { app } = testApp();
    const unknown = await postEvents(app, { ...envelope([wireEvent('view')]), site: 'nope' });
    expect(unknown.status).toBe(403);
    expect((await unknown.json()).error.code).toBe('unknown_site');
    const foreign = await postEvents(app, envelope([wireEvent('view')]), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    // Another site's origin is no better.
    const other = await postEvents(app, envelope([wireEvent('view')]), { origin: 'https://other.example' });
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe('origin_not_allowed');
  });

  it('413: a body over 64 KiB, declared or streamed', async () => {
    const { app } = testApp();
    const big = JSON.stringify(envelope([wireEvent('view', { title: 'x'.repeat(70_000) })]));
    const declared = await postEvents(app, big, { 'content-length': String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('connection')).toBe('close');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 70; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await app.request(
      new Request('http://localhost/v1/events', {
        method: 'POST',
        body: stream,
        duplex: 'half',
        headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('payload_too_large');
  });

  it('415: a media type other than JSON or text/plain', async () => {
    const { app } = testApp();
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const response = await postEvents(app, envelope([wireEvent('view')]), { 'content-type': type });
      expect(response.status).toBe(415);
    }
  });

  it('429 with Retry-After per site and client, keyed by a hash of the address', async () => {
    const { app } = testApp([demoSite({ rateLimit: { perMinute: 60, burst: 2 } })]);
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const send = (address: string) => postEvents(app, envelope([wireEvent('view')]), {}, from(address));
    expect((await send('10.0.0.1')).status).toBe(202);
    expect((await send('10.0.0.1')).status).toBe(202);
    const limited = await send('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await send('10.0.0.2')).status).toBe(202);
  });

  it('405 for other methods, 503 when the store cannot commit', async () => {
    const { app, store } = testApp();
    expect((await app.request('/v1/events')).status).toBe(405);
    await store.close();
    const response = await postEvents(app, envelope([wireEvent('view')]));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('503 without an error line per request when the store is busy', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (line: string) => void errors.push(line) };
    const { app, store } = testApp(undefined, { logger });
    const ingest = store.ingest.bind(store);
    store.ingest = () => Promise.reject(new StoreBusyError('the SQLite writer is 10000 batches behind'));
    const response = await postEvents(app, envelope([wireEvent('view')]));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ error: { code: 'store_unavailable' } });
    expect(errors).toEqual([]);
    // Any other failure is worth an error line.
    store.ingest = ingest;
    await store.close();
    expect((await postEvents(app, envelope([wireEvent('view')]))).status).toBe(503);
    expect(errors).toEqual(['POST /v1/events: the store failed to commit a batch']);
  });
});

describe('POST /v1/events: CORS', () => {
  it("answers a preflight for an origin some site accepts, and echoes it when it is the batch's site's", async () => {
    const { app } = testApp();
    const preflight = await app.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type');
    const refused = await app.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const response = await postEvents(app, envelope([wireEvent('view')]), {
      origin: 'http://127.0.0.1:8080',
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(response.headers.get('vary')).toBe('Origin');
  });
});

describe('POST /v1/events: the score it leads to', () => {
  it('is fold and score of @dwell/score over the accepted events', async () => {
    const { app, store } = testApp();
    const events = [
      wireEvent('view'),
      wireEvent('view', { session: 's2' }),
      wireEvent('engage', { ms: 61_000 }),
    ];
    await postEvents(app, envelope(events));
    expect(await store.visitorState('demo', 'v1', '/a/1', WINDOW)).toEqual(
      fold(emptyState(), events, WINDOW),
    );
  });
});
