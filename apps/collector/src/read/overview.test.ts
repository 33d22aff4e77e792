import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '@dwell/score';
import { DAY, envelope, NOW, OTHER_SITE, postEvents, read, testApp, wireEvent } from '../testing.js';
import { bandOfScore, bandOfScoreX10 } from './ranking.js';

describe('GET /v1/sites/:site/overview', () => {
  it('answers the site score, bands, visitors and views, and the same by day', async () => {
    const { app } = testApp();
    // a: /x yesterday (view + 30 s: 20 raw → 13.3) and /y yesterday (a bounce: 0).
    await postEvents(
      app,
      envelope(
        [
          wireEvent('view', { content: '/x', ts: NOW - DAY }),
          wireEvent('engage', { content: '/x', ts: NOW - DAY, ms: 30_000 }),
          wireEvent('view', { content: '/y', ts: NOW - DAY }),
        ],
        { visitor: 'a' },
      ),
    );
    // b: /x today, three sessions, 2 min, two shares: 10 + 40 + 50 + 50 = 150 → 100, high.
    await postEvents(
      app,
      envelope(
        [
          ...['s1', 's2', 's3'].map((session) => wireEvent('view', { content: '/x', session })),
          wireEvent('engage', { content: '/x', ms: 120_000 }),
          wireEvent('share', { content: '/x' }),
          wireEvent('share', { content: '/x' }),
        ],
        { visitor: 'b' },
      ),
    );
    const response = await read(app, '/v1/sites/demo/overview');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body).toMatchObject({
      site: 'demo',
      from: '2026-10-24',
      to: '2026-11-22',
      contents: 2,
      visitors: 2,
      readers: 3,
      views: 5,
      shares: 2,
      score: 37.8,
      bands: { high: 1, medium: 0, low: 2 },
    });
    expect(body.series).toEqual([
      {
        day: '2026-11-21',
        visitors: 1,
        readers: 2,
        views: 2,
        shares: 0,
        engaged_ms: 30_000,
        score: 6.7,
        bands: { high: 0, medium: 0, low: 2 },
      },
      {
        day: '2026-11-22',
        visitors: 1,
        readers: 1,
        views: 3,
        shares: 2,
        engaged_ms: 120_000,
        score: 100,
        bands: { high: 1, medium: 0, low: 0 },
      },
    ]);
    const today = await (await read(app, '/v1/sites/demo/overview?from=2026-11-22')).json();
    expect(today).toMatchObject({ visitors: 1, readers: 1, views: 3, score: 100 });
    expect(today.series).toHaveLength(1);
  });

  it('needs the read key and validates the range', async () => {
    const { app } = testApp();
    expect((await app.request('/v1/sites/demo/overview')).status).toBe(401);
    expect((await read(app, '/v1/sites/demo/overview', OTHER_SITE.readKeys[0])).status).toBe(403);
    const bad = await read(app, '/v1/sites/demo/overview?from=2026-11-30&to=2026-11-01');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('from');
    const empty = await (await read(app, '/v1/sites/demo/overview')).json();
    expect(empty).toMatchObject({ readers: 0, visitors: 0, score: 0, series: [] });
  });

  it('bands a stored score as its raw points: 33.3 is raw 50, medium', () => {
    expect(bandOfScoreX10(333, DEFAULT_MODEL)).toBe('medium');
    expect(bandOfScoreX10(327, DEFAULT_MODEL)).toBe('low');
    expect(bandOfScoreX10(667, DEFAULT_MODEL)).toBe('high');
    expect(bandOfScoreX10(660, DEFAULT_MODEL)).toBe('medium');
    // A mean of readers at raw 50 each is 33.3 too: the item's band must agree with theirs.
    expect(bandOfScore(33.3, DEFAULT_MODEL)).toBe('medium');
    expect(bandOfScore(66.7, DEFAULT_MODEL)).toBe('high');
  });
});
