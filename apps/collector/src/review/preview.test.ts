import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_VERSION, DEFAULT_READER_MODEL, modelVersion, type Model } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { isoDay, dayOf } from '../days.js';
import {
  DAY,
  envelope,
  NOW,
  postEvents,
  read,
  READ_KEY,
  testApp,
  NO_SHARES,
  wireEvent,
  type TestApp,
} from '../testing.js';

const BREADTH_ONLY: Model = {
  ...DEFAULT_READER_MODEL,
  signals: { breadth: { measure: 'contents', points: 60, cap: 150 } },
};
const YESTERDAY = NOW - DAY;

function post(app: TestApp['app'], body: unknown, key = READ_KEY) {
  return app.request('/v1/sites/demo/models/preview', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
  });
}

/** Six readers share /share after a glance; six others read /deep for a minute without sharing. */
async function seeded(): Promise<TestApp> {
  const test = testApp();
  await test.models.start(NOW);
  for (let reader = 0; reader < 12; reader++) {
    const content = reader < 6 ? '/share' : '/deep';
    const events: WireEvent[] = [wireEvent('view', { content, ts: YESTERDAY, title: `Story ${content}` })];
    events.push(
      reader < 6
        ? wireEvent('share', { content, ts: YESTERDAY })
        : wireEvent('engage', { content, ms: 60_000, ts: YESTERDAY }),
    );
    const response = await postEvents(test.app, envelope(events, { visitor: `v${reader}` }));
    expect(response.status).toBe(202);
  }
  await test.store.caughtUp();
  return test;
}

describe('POST /v1/sites/:site/models/preview', () => {
  it('moves share-heavy stories down when shares count for nothing, and leaves the active model untouched', async () => {
    const { app } = await seeded();
    const response = await post(app, { model: NO_SHARES });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.current).toEqual({
      model: DEFAULT_MODEL_VERSION,
      reader: modelVersion(DEFAULT_READER_MODEL),
    });
    expect(body.candidate.model).toBe(modelVersion(NO_SHARES));
    expect(body.contents).toEqual([
      {
        content: '/share',
        title: 'Story /share',
        readers: 6,
        score: 23.3,
        rank: 1,
        candidate_score: 6.7,
        candidate_rank: 2,
      },
      {
        content: '/deep',
        title: 'Story /deep',
        readers: 6,
        score: 20,
        rank: 2,
        candidate_score: 20,
        candidate_rank: 1,
      },
    ]);
    expect(body.bands).toEqual({ current: { low: 12 }, candidate: { low: 12 } });
    // The reader model is not a candidate: its bands as the reader views hold them, nobody moved.
    expect(body.readers).toEqual({
      readers: 12,
      bands: { current: { low: 12 }, candidate: { low: 12 } },
      moved: { up: 0, down: 0 },
    });
    // Nothing applied: the model, the scores and the ranked list are the active model's.
    const model = await (await app.request('/v1/sites/demo/model')).json();
    expect(model.version).toBe(DEFAULT_MODEL_VERSION);
    const pair = await (await read(app, '/v1/sites/demo/visitors/v0/score?content=/share')).json();
    expect(pair).toMatchObject({ model: DEFAULT_MODEL_VERSION, signals: { share: 25 } });
    expect((await (await read(app, '/v1/sites/demo/models')).json()).models).toHaveLength(2);
  });

  it('scores the current model as the ranked list scores that range', async () => {
    const { app } = await seeded();
    const day = isoDay(dayOf(YESTERDAY));
    const body = await (await post(app, { model: NO_SHARES, from: day, to: day })).json();
    const list = await (await read(app, `/v1/sites/demo/content?from=${day}&to=${day}`)).json();
    for (const item of list.items) {
      const previewed = body.contents.find((entry: { content: string }) => entry.content === item.content);
      expect(previewed.score).toBe(item.score);
    }
    expect(body.from).toBe(day);
  });

  it('previews a reader model: the readers by band under each, and how many move up or down', async () => {
    const { app } = await seeded();
    const body = await (await post(app, { reader: BREADTH_ONLY })).json();
    // Default: monthly 10 + breadth 10 = raw 20, low. Breadth only: 60, medium.
    expect(body.readers).toEqual({
      readers: 12,
      bands: { current: { low: 12 }, candidate: { medium: 12 } },
      moved: { up: 12, down: 0 },
    });
    expect(body.candidate).toEqual({ model: DEFAULT_MODEL_VERSION, reader: modelVersion(BREADTH_ONLY) });
    expect(body.contents.map((entry: { rank: number; candidate_rank: number }) => entry.rank)).toEqual([
      1, 2,
    ]);
  });

  it('scores a reader over its window ending with its latest day in the range, earlier days too, as /readers does', async () => {
    const test = testApp();
    await test.models.start(NOW);
    const events = [
      wireEvent('view', { content: '/a', ts: NOW - 10 * DAY }),
      wireEvent('view', { content: '/b', ts: NOW - 10 * DAY }),
      wireEvent('view', { content: '/c', session: 's2', ts: YESTERDAY }),
    ];
    expect((await postEvents(test.app, envelope(events))).status).toBe(202);
    await test.store.caughtUp();
    const from = isoDay(dayOf(NOW) - 5);
    // Medium from a raw 30 on: the reader's raw 40 counts the days before the range too (else 20, low).
    const candidate: Model = {
      ...DEFAULT_READER_MODEL,
      bands: { ...DEFAULT_READER_MODEL.bands, medium: { min: 30, label: 'Moderately engaged' } },
    };
    const body = await (await post(test.app, { reader: candidate, from })).json();
    const readers = await (await read(test.app, `/v1/sites/demo/readers?from=${from}`)).json();
    // Two days (monthly +10) and three contents (+30): raw 40, as /readers has it.
    expect(readers.bands).toMatchObject({ low: 1, medium: 0 });
    expect(body.readers.bands.current).toEqual({ low: 1 });
    expect(body.readers).toMatchObject({
      readers: 1,
      bands: { candidate: { medium: 1 } },
      moved: { up: 1, down: 0 },
    });
  });

  it('needs a read key and names a bad field', async () => {
    const { app } = await seeded();
    expect((await post(app, { model: NO_SHARES }, 'nobody-has-this-key')).status).toBe(401);
    const bad = await post(app, { model: { ...NO_SHARES, max: -1 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('model.max');
    const range = await post(app, { from: '2026-13-01' });
    expect(range.status).toBe(400);
  });
});
