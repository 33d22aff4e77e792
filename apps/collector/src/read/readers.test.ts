import { describe, expect, it } from 'vitest';
import {
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
  emptyReader,
  foldReader,
  score,
  type ReaderEvent,
} from '@dwell/score';
import type { Readers, ReaderScore, WireEvent } from '@dwell/contract';
import { DAY, demoSite, envelope, NOW, postEvents, read, testApp, wireEvent } from '../testing.js';

/** The seeds' worked example as events: 5 days, 3 articles, 30 minutes engaged, one rated 5. */
function workedExample(): WireEvent[] {
  const events: WireEvent[] = [];
  for (let day = 0; day < 5; day++) {
    events.push(wireEvent('view', { content: '/a/1', session: `s${day}`, ts: NOW - day * DAY }));
  }
  events.push(
    wireEvent('view', { content: '/a/2', session: 's0' }),
    wireEvent('view', { content: '/a/3', session: 's0' }),
  );
  events.push(wireEvent('engage', { content: '/a/1', ms: 30 * 60_000 }));
  events.push(wireEvent('feedback', { content: '/a/2', rating: 2, ts: NOW - 1000 }));
  events.push(wireEvent('feedback', { content: '/a/2', rating: 5 }));
  return events;
}

async function send(
  app: ReturnType<typeof testApp>['app'],
  visitor: string,
  events: WireEvent[],
  sentAt = NOW,
) {
  const response = await postEvents(app, envelope(events, { visitor, sent_at: sentAt }));
  expect(response.status).toBe(202);
  expect((await response.json()).rejected).toEqual([]);
}

describe('GET /v1/sites/:site/visitors/:visitor/score without content', () => {
  it("is the reader score: score(fold(the reader's events), reader model), the worked example's 63.3", async () => {
    const { app } = testApp();
    const events = workedExample();
    await send(app, 'v1', events);
    const response = await read(app, '/v1/sites/demo/visitors/v1/score');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReaderScore;
    const expected = score(foldReader(emptyReader(), events as ReaderEvent[]), DEFAULT_READER_MODEL);
    expect(body).toEqual({
      site: 'demo',
      visitor: 'v1',
      ...expected,
      model: DEFAULT_READER_MODEL_VERSION,
      active_days: 5,
      contents: 3,
      engaged_ms: 30 * 60_000,
      rating_mean: 5,
      last_seen: new Date(NOW).toISOString(),
    });
    expect(body).toMatchObject({ raw: 95, score: 63.3, band: 'medium' });
  });

  it('is empty for a visitor never seen, and scores with the site reader model', async () => {
    const readerModel = {
      ...DEFAULT_READER_MODEL,
      signals: { breadth: { measure: 'contents' as const, points: 50, cap: 150 } },
    };
    const { app, sites } = testApp([demoSite({ readerModel })]);
    expect(await (await read(app, '/v1/sites/demo/visitors/nobody/score')).json()).toMatchObject({
      score: 0,
      band: 'low',
      last_seen: null,
      rating_mean: null,
    });
    await send(app, 'v1', [wireEvent('view', { content: '/a/1' }), wireEvent('view', { content: '/a/2' })]);
    const body = (await (await read(app, '/v1/sites/demo/visitors/v1/score')).json()) as ReaderScore;
    expect(body).toMatchObject({ raw: 100, band: 'high', model: sites.get('demo')!.readerVersion });
  });
});

describe('GET /v1/sites/:site/readers', () => {
  it('counts readers by band as of their latest activity, by day, and lists who fell', async () => {
    const { app, clock } = testApp();
    // v-loyal: medium 30 days ago (previous period), gone now; v-steady: medium then and now;
    // v-new: only now; v-low: low in both.
    const old = NOW - 30 * DAY;
    const mediumAt = (ts: number, prefix: string) => [
      ...[0, 1, 2, 3].map((d) =>
        wireEvent('view', { content: `/${prefix}/${d}`, session: `${prefix}${d}`, ts: ts - d * DAY }),
      ),
      wireEvent('view', { content: `/${prefix}/4`, session: `${prefix}0`, ts }),
    ];
    clock.now = old;
    await send(app, 'v-loyal', mediumAt(old, 'l'), old);
    await send(app, 'v-steady', mediumAt(old, 'p'), old);
    await send(app, 'v-low', [wireEvent('view', { content: '/a/1', ts: old })], old);
    clock.now = NOW;
    await send(app, 'v-steady', mediumAt(NOW, 'q'));
    await send(app, 'v-new', [wireEvent('view', { content: '/a/1' })]);
    await send(app, 'v-low', [wireEvent('view', { content: '/a/1' })]);
    const response = await read(app, '/v1/sites/demo/readers');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Readers;
    expect(body.model).toBe(DEFAULT_READER_MODEL_VERSION);
    expect(body.readers).toBe(3);
    expect(body.bands).toEqual({ high: 0, medium: 1, low: 2 });
    expect(body.movement).toEqual({ up: 0, same: 2, down: 0, new: 1, gone: 1 });
    expect(body.at_risk).toEqual([
      {
        visitor: 'v-loyal',
        previous_score: 50,
        previous_band: 'medium',
        score: 0,
        band: 'low',
        fall: 50,
        last_seen: '2026-10-23',
      },
    ]);
    expect(body.series).toHaveLength(30);
    expect(body.series.at(-1)).toEqual({
      day: '2026-11-22',
      readers: 3,
      bands: { high: 0, medium: 1, low: 2 },
    });
    expect(body.series.at(-2)).toMatchObject({ readers: 1, bands: { high: 0, medium: 1, low: 0 } });
  });

  it('exports a band as CSV with pseudonymous visitor ids, and names a bad band', async () => {
    const { app } = testApp();
    await send(app, 'v1', [wireEvent('view', { content: '/a/1' })]);
    const csv = await read(app, '/v1/sites/demo/readers?format=csv&band=low');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toBe('visitor,score,band,last_seen\r\nv1,13.3,low,2026-11-22\r\n');
    const bad = await read(app, '/v1/sites/demo/readers?format=csv&band=gold');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('band');
    expect((await app.request('/v1/sites/demo/readers')).status).toBe(401);
  });
});

describe('content items', () => {
  it('carry the audience and the latest rating of each reader', async () => {
    const { app } = testApp();
    await send(app, 'v1', [
      wireEvent('view'),
      wireEvent('feedback', { rating: 1, ts: NOW - 5 }),
      wireEvent('feedback', { rating: 4 }),
    ]);
    await send(app, 'v2', [
      wireEvent('view'),
      wireEvent('view', { content: '/a/2' }),
      wireEvent('feedback', { rating: 5 }),
    ]);
    const body = await (await read(app, '/v1/sites/demo/content')).json();
    const item = body.items.find((entry: { content: string }) => entry.content === '/a/1');
    expect(item.ratings).toEqual({ count: 2, mean: 4.5, distribution: [0, 0, 0, 1, 1] });
    // v1: 1 day, 1 content, promoter: 10 + 10 + 25 = 45 → 30; v2: 10 + 20 + 25 = 55 → 36.7.
    expect(item.audience).toBe(33.4);
    const detail = await (await read(app, '/v1/sites/demo/content/%2Fa%2F1')).json();
    expect(detail).toMatchObject({ audience: 33.4, ratings: item.ratings });
  });
});
