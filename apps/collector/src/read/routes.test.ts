import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
  emptyState,
  fold,
  modelVersion,
  score,
  type Model,
} from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import {
  DAY,
  demoSite,
  envelope,
  NOW,
  OTHER_SITE,
  postEvents,
  read,
  testApp,
  wireEvent,
} from '../testing.js';

const VERSION = modelVersion(DEFAULT_MODEL);

/** A reader's events: `sessions` views, `engagedMs` engaged, `shares` shares. */
function reader(
  content: string,
  sessions: number,
  engagedMs: number,
  shares = 0,
  extra: Partial<WireEvent> = {},
) {
  const events: WireEvent[] = [];
  for (let i = 0; i < sessions; i++) events.push(wireEvent('view', { content, session: `s${i}`, ...extra }));
  if (engagedMs) events.push(wireEvent('engage', { content, ms: engagedMs }));
  for (let i = 0; i < shares; i++) events.push(wireEvent('share', { content }));
  return events;
}

describe('GET /v1/sites/:site/model', () => {
  it('is public and cacheable: {version, model, reader}, ETag, 304 on revalidation', async () => {
    const { app } = testApp();
    const response = await app.request('/v1/sites/demo/model');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      version: VERSION,
      model: DEFAULT_MODEL,
      reader: { version: DEFAULT_READER_MODEL_VERSION, model: DEFAULT_READER_MODEL },
    });
    const etag = `"${VERSION}.${DEFAULT_READER_MODEL_VERSION}"`;
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const revalidated = await app.request('/v1/sites/demo/model', {
      headers: { 'if-none-match': `W/${etag}` },
    });
    expect(revalidated.status).toBe(304);
    expect((await app.request('/v1/sites/nope/model')).status).toBe(404);
    const invalid = await app.request('/v1/sites/not%20a%20site/model');
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.issues[0].path).toBe('site');
    const head = await app.request('/v1/sites/demo/model', { method: 'HEAD' });
    expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, etag, '']);
  });

  it("serves a site's own model with its version", async () => {
    const model: Model = {
      ...DEFAULT_MODEL,
      signals: { ...DEFAULT_MODEL.signals, comment: { measure: 'custom:comment', points: 20 } },
    };
    const { app } = testApp([demoSite({ model })]);
    expect(await (await app.request('/v1/sites/demo/model')).json()).toEqual({
      version: modelVersion(model),
      model,
      reader: { version: DEFAULT_READER_MODEL_VERSION, model: DEFAULT_READER_MODEL },
    });
  });
});

describe('read API authorization', () => {
  const paths = [
    '/v1/sites/demo/content',
    '/v1/sites/demo/content/%2Fa%2F1',
    '/v1/sites/demo/visitors/v1/score?content=%2Fa%2F1',
  ];

  it("401 without a read key or with a key of no site, 403 with another site's", async () => {
    const { app } = testApp();
    for (const path of paths) {
      const none = await app.request(path);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="dwell"');
      expect((await none.json()).error.code).toBe('unauthorized');
      expect((await read(app, path, 'not-a-key')).status).toBe(401);
      const foreign = await read(app, path, OTHER_SITE.readKeys[0]);
      expect(foreign.status).toBe(403);
      expect((await foreign.json()).error.code).toBe('forbidden');
    }
  });

  it("answers a CORS preflight from the site's origins, with Authorization allowed", async () => {
    const { app } = testApp();
    const preflight = await app.request('/v1/sites/demo/content', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization');
    const foreign = await app.request('/v1/sites/demo/content', {
      method: 'OPTIONS',
      headers: { origin: 'https://other.example' },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('GET /v1/sites/:site/visitors/:visitor/score', () => {
  async function visitorScore(events: WireEvent[], clock?: number) {
    const context = testApp();
    expect((await postEvents(context.app, envelope(events))).status).toBe(202);
    if (clock) context.clock.now = clock;
    const response = await read(context.app, '/v1/sites/demo/visitors/v1/score?content=%2Fa%2F1');
    expect(response.status).toBe(200);
    return response.json();
  }

  it('two sessions, 61 s engaged, a share: 10 + 20 + 25 + 25 = 80 raw, 53.3, medium', async () => {
    const events = reader('/a/1', 2, 61_000, 1);
    const body = await visitorScore(events);
    expect(body).toEqual({
      site: 'demo',
      visitor: 'v1',
      content: '/a/1',
      score: 53.3,
      raw: 80,
      band: 'medium',
      model: VERSION,
      signals: { view: 10, engaged: 20, repeat: 25, share: 25, bounce: 0 },
    });
    const {
      score: value,
      raw,
      band,
      model,
      signals,
    } = score(fold(emptyState(), events, { now: NOW, windowDays: 30 }), DEFAULT_MODEL);
    expect(body).toMatchObject({ score: value, raw, band, model, signals });
  });

  it('a bounce: one session, 5 s engaged: 10 − 10 = 0', async () => {
    expect(await visitorScore(reader('/a/1', 1, 5_000))).toMatchObject({
      score: 0,
      raw: 0,
      band: 'low',
      signals: { view: 10, bounce: -10 },
    });
  });

  it('everything capped: 3 sessions, 2 min, 3 shares: 10 + 40 + 50 + 50 = 150, 100, high', async () => {
    expect(await visitorScore(reader('/a/1', 3, 120_000, 3))).toMatchObject({
      score: 100,
      raw: 150,
      band: 'high',
    });
  });

  it('events that left the window no longer count', async () => {
    expect(await visitorScore(reader('/a/1', 2, 0), NOW + 30 * DAY + 1)).toMatchObject({
      score: 0,
      raw: 0,
      signals: { view: 0 },
    });
  });

  it("weighs custom events of the site's model", async () => {
    const model: Model = {
      ...DEFAULT_MODEL,
      signals: { ...DEFAULT_MODEL.signals, comment: { measure: 'custom:comment', points: 20 } },
    };
    const { app } = testApp([demoSite({ model })]);
    await postEvents(app, envelope([...reader('/a/1', 2, 30_000), wireEvent('custom', { name: 'comment' })]));
    const body = await (await read(app, '/v1/sites/demo/visitors/v1/score?content=%2Fa%2F1')).json();
    // 10 + 10 + 25 + 20 = 65 raw.
    expect(body).toMatchObject({
      raw: 65,
      score: 43.3,
      band: 'medium',
      model: modelVersion(model),
      signals: { comment: 20 },
    });
  });

  it('400 naming content when it is empty; 0 for a visitor never seen', async () => {
    const { app } = testApp();
    const empty = await read(app, '/v1/sites/demo/visitors/v1/score?content=');
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.issues[0].path).toBe('content');
    const unseen = await (await read(app, '/v1/sites/demo/visitors/nobody/score?content=%2Fx')).json();
    expect(unseen).toMatchObject({ score: 0, raw: 0, band: 'low', model: VERSION });
  });
});

describe('GET /v1/sites/:site/content', () => {
  it('does not let one reader at 100 outrank 500 readers at 80', async () => {
    const { app } = testApp();
    await postEvents(
      app,
      envelope(reader('/one-fan', 3, 120_000, 2, { title: 'One fan' }), { visitor: 'fan' }),
    );
    const batches = Array.from({ length: 500 }, (_, index) =>
      postEvents(
        app,
        envelope(reader('/popular', 3, 105_000, 1, { title: 'Popular' }), { visitor: `r${index}` }),
      ),
    );
    expect((await Promise.all(batches)).every((response) => response.status === 202)).toBe(true);
    const response = await read(app, '/v1/sites/demo/content');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      site: 'demo',
      model: VERSION,
      from: '2026-10-24',
      to: '2026-11-22',
      order: 'score',
    });
    expect(body.items.map((item: { content: string }) => item.content)).toEqual(['/popular', '/one-fan']);
    expect(body.items[0]).toEqual({
      content: '/popular',
      title: 'Popular',
      score: 80,
      band: 'high',
      low: 79.7,
      high: 80.3,
      readers: 500,
      views: 1500,
      engaged_ms_avg: 105_000,
      shares: 500,
      repeat_rate: 1,
      bands: { high: 500, medium: 0, low: 0 },
      // Each reader: one day, one content, 105 s: 10 + 10 = 20 raw, 13.3 as a reader.
      audience: 13.3,
      ratings: { count: 0, mean: null, distribution: [0, 0, 0, 0, 0] },
      url: null,
      section: null,
      author: null,
    });
    expect(body.items[1]).toMatchObject({ score: 100, low: 2, high: 100, readers: 1 });
    const byViews = await (await read(app, '/v1/sites/demo/content?order=views&limit=1')).json();
    expect(byViews.items.map((item: { content: string }) => item.content)).toEqual(['/popular']);
  });

  it('is the mean of the visitor scores, with the band distribution', async () => {
    const { app } = testApp();
    const readers = [reader('/a/1', 1, 0), reader('/a/1', 2, 61_000, 1), reader('/a/1', 3, 120_000, 3)];
    for (const [index, events] of readers.entries())
      await postEvents(app, envelope(events, { visitor: `v${index}` }));
    const scores: number[] = [];
    for (const index of readers.keys()) {
      const body = await (await read(app, `/v1/sites/demo/visitors/v${index}/score?content=%2Fa%2F1`)).json();
      scores.push(body.score);
    }
    expect(scores).toEqual([0, 53.3, 100]);
    const [item] = (await (await read(app, '/v1/sites/demo/content')).json()).items;
    expect(item).toMatchObject({
      score: 51.1,
      band: 'medium',
      readers: 3,
      bands: { high: 1, medium: 1, low: 1 },
      repeat_rate: 0.667,
    });
  });

  it('filters by section and author, and refuses bad ranges naming the field', async () => {
    const { app } = testApp();
    await postEvents(
      app,
      envelope([
        wireEvent('view', { content: '/s', section: 'Science', author: 'Ada' }),
        wireEvent('view', { content: '/p', section: 'Politics' }),
      ]),
    );
    const contents = async (query: string) =>
      (await (await read(app, `/v1/sites/demo/content?${query}`)).json()).items.map(
        (item: { content: string }) => item.content,
      );
    expect(await contents('section=Science')).toEqual(['/s']);
    expect(await contents('author=Ada')).toEqual(['/s']);
    expect((await contents('')).sort()).toEqual(['/p', '/s']);
    for (const [query, path] of [
      ['from=2026-11-20&to=2026-11-10', 'from'],
      ['from=2026-01-01', 'from'],
      ['to=2026-02-30', 'to'],
      ['limit=0', 'limit'],
      ['order=random', 'order'],
    ]) {
      const response = await read(app, `/v1/sites/demo/content?${query}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error.issues[0].path).toBe(path);
    }
  });
});

describe('GET /v1/sites/:site/content/:content', () => {
  it('answers one item with a daily series, for an URL-encoded id', async () => {
    const { app } = testApp();
    await postEvents(
      app,
      envelope(
        [
          wireEvent('view', { ts: NOW - DAY, title: 'First' }),
          wireEvent('engage', { ts: NOW - DAY, ms: 20_000 }),
        ],
        { visitor: 'a' },
      ),
    );
    await postEvents(
      app,
      envelope([wireEvent('view', { session: 'x' }), wireEvent('share')], { visitor: 'b' }),
    );
    const response = await read(app, '/v1/sites/demo/content/%2Fa%2F1');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      site: 'demo',
      model: VERSION,
      content: '/a/1',
      title: 'First',
      readers: 2,
      views: 2,
      shares: 1,
    });
    // a: view 10 + engaged 5 (20 s, no bounce) = 15 → 10; b: view 10 + share 25 = 35 → 23.3.
    expect(body.series).toEqual([
      { day: '2026-11-21', views: 1, readers: 1, score: 10, engaged_ms: 20_000, shares: 0 },
      { day: '2026-11-22', views: 1, readers: 1, score: 23.3, engaged_ms: 0, shares: 1 },
    ]);
    expect(body).toMatchObject({ score: 16.7, bands: { high: 0, medium: 0, low: 2 } });
    expect((await read(app, '/v1/sites/demo/content/%2Fnever')).status).toBe(404);
  });
});
