import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, emptyState, fold } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { dayOf } from '../../days.js';
import { DAY, NOW, tempDir, wireEvent } from '../../testing.js';
import { SqliteStore } from './sqliteStore.js';

const TODAY = dayOf(NOW);

function ingest(store: SqliteStore, visitor: string, events: WireEvent[]) {
  return store.ingest({
    site: 'demo',
    visitor,
    model: DEFAULT_MODEL,
    receivedAt: NOW,
    events: events.map((event) => ({ ...event, clientTs: event.ts })),
  });
}

describe('SqliteStore siteActivity', () => {
  it('sums the days over all contents, counts distinct visitors, and histograms the scores of each day', async () => {
    const store = new SqliteStore(tempDir());
    await ingest(store, 'a', [
      wireEvent('view', { content: '/x', ts: NOW - DAY }),
      wireEvent('engage', { content: '/x', ts: NOW - DAY, ms: 30_000 }),
      wireEvent('view', { content: '/y', ts: NOW - DAY }),
    ]);
    await ingest(store, 'b', [wireEvent('view', { content: '/x' }), wireEvent('share', { content: '/x' })]);
    await store.caughtUp();
    const activity = await store.siteActivity('demo', { from: TODAY - 29, to: TODAY });
    expect(activity.visitors).toBe(2);
    expect(activity.days).toEqual([
      {
        day: TODAY - 1,
        visitors: 1,
        views: 2,
        shares: 0,
        engagedMs: 30_000,
        // a on /x: 10 + 10 = 20 → 13.3; a on /y: a bounce, 0.
        scores: expect.arrayContaining([
          { scoreX10: 133, readers: 1 },
          { scoreX10: 0, readers: 1 },
        ]),
      },
      // b on /x: 10 + 25 = 35 → 23.3.
      { day: TODAY, visitors: 1, views: 1, shares: 1, engagedMs: 0, scores: [{ scoreX10: 233, readers: 1 }] },
    ]);
    expect(await store.siteActivity('demo', { from: TODAY, to: TODAY })).toMatchObject({ visitors: 1 });
    expect(await store.siteActivity('other', { from: TODAY - 29, to: TODAY })).toEqual({
      visitors: 0,
      days: [],
    });
    await store.close();
  });
});

describe('SqliteStore readerStates', () => {
  it("gives each reader's state over the window ending with the range, only readers active in it", async () => {
    const store = new SqliteStore(tempDir());
    const early = [wireEvent('view', { session: 'a', ts: NOW - 5 * DAY })];
    const late = [wireEvent('view', { session: 'b' }), wireEvent('engage', { ms: 20_000 })];
    await ingest(store, 'v1', [...early, ...late]);
    await ingest(store, 'v2', [wireEvent('view', { ts: NOW - 5 * DAY })]);
    const query = { site: 'demo', model: DEFAULT_MODEL, now: NOW, range: { from: TODAY - 1, to: TODAY } };
    // v2 was not active in the range; v1's state covers its whole window, the early session too.
    await store.caughtUp();
    expect(await store.readerStates(query, '/a/1')).toEqual([
      fold(emptyState(), [...early, ...late], { now: NOW, windowDays: 30 }),
    ]);
    const past = { ...query, range: { from: TODAY - 6, to: TODAY - 4 } };
    expect(await store.readerStates(past, '/a/1')).toHaveLength(2);
    expect(await store.readerStates(query, '/never')).toEqual([]);
    await store.close();
  });
});
