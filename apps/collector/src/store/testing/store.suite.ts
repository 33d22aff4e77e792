/**
 * The storage contract, run against every store with the same assertions:
 * `../sqlite/sqliteStore.test.ts` and `../postgres/postgresStore.test.ts` call
 * `storeSuite` with a backend that opens stores on fresh, empty storage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  DEFAULT_READER_MODEL,
  emptyReader,
  emptyState,
  fold,
  foldReader,
  modelVersion,
  score,
  utcDay,
  type Model,
  type ReaderEvent,
} from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { dayOf } from '../../days.js';
import { forEachRow, type Rows } from '../engine/async.js';
import { DAY, NOW, wireEvent } from '../../testing.js';
import {
  StoreBusyError,
  type ContentTotals,
  type IngestBatch,
  type LagBound,
  type Store,
  type ReaderQuery,
  type StoredEvent,
} from '../store.js';

/** Fresh, empty storage, and what a test can do with it besides opening stores. */
export interface FreshStorage {
  /** Opens a store on it; may be called more than once (two connections, as two processes would). */
  open(): Promise<Store>;
  /** Holds back the folding of the views until the returned function is called. */
  holdViews(): Promise<() => Promise<void>>;
  /** Every row of the views, comparable with `toEqual` (see `testing/views.ts`). */
  views(): Promise<unknown>;
}

export interface StoreBackend {
  name: string;
  /**
   * Ingest's counts are the log's: an event stored before counts as a
   * duplicate whatever request carried it. Behind JetStream they are the
   * stream's: a retried request's events are duplicates, an event re-sent in
   * another request is accepted again (and still stored and folded once).
   */
  countsPerEvent?: boolean;
  /** Ingest refuses batches while the views lag past the bound (behind JetStream, the stream holds them). */
  boundsLag?: boolean;
  /** Fresh, empty storage, whose stores refuse ingest past `lagBound`. */
  fresh(lagBound?: LagBound): Promise<FreshStorage>;
}

const TODAY = dayOf(NOW);
const WINDOW = { now: NOW, windowDays: 30 };
const RANGE = { from: TODAY - 29, to: TODAY };

function stored(event: WireEvent): StoredEvent {
  return { ...event, clientTs: event.ts };
}

export function batch(events: WireEvent[], extra: Partial<IngestBatch> = {}): IngestBatch {
  return {
    site: 'demo',
    visitor: 'v1',
    model: DEFAULT_MODEL,
    receivedAt: NOW,
    events: events.map(stored),
    ...extra,
  };
}

/** `GET /readers`' default query: the reader window ending today against the one before (its view: `readerPeriods.ts`). */
export function readersQuery(atRiskLimit = 10): ReaderQuery {
  return {
    site: 'demo',
    range: { from: TODAY - 29, to: TODAY },
    previous: { from: TODAY - 59, to: TODAY - 30 },
    bandsLowFirst: ['low', 'medium', 'high'],
    windowDays: 30,
    atRiskLimit,
  };
}

function query(extra: { model?: Model; now?: number; from?: number; to?: number } = {}) {
  const { model = DEFAULT_MODEL, now = NOW, from = RANGE.from, to = RANGE.to } = extra;
  return { site: 'demo', model, now, range: { from, to } };
}

/** An event as fast-check draws it: the fields of `wireEvent`, and its visitor. */
type DrawnEvent = { type: WireEvent['type']; visitor: string; content: string } & Record<string, unknown>;

/**
 * Ingests drawn events as one batch per visitor, at once, and returns them as
 * sent. A view carries its content's title: one title per content, since which
 * of two titles a content keeps is the last write's (see the README).
 */
async function ingestDrawn(store: Store, drawn: DrawnEvent[]): Promise<(WireEvent & { visitor: string })[]> {
  const events = drawn.map(({ visitor, ...fields }) => ({
    ...wireEvent(fields.type, { ...fields, title: `Title of ${fields.content}` }),
    visitor,
  }));
  const visitors = [...new Set(events.map((event) => event.visitor))];
  await Promise.all(
    visitors.map((visitor) =>
      store.ingest(
        batch(
          events.filter((event) => event.visitor === visitor),
          { visitor },
        ),
      ),
    ),
  );
  return events;
}

export function storeSuite(backend: StoreBackend): void {
  /** A store on fresh storage. */
  const open = async () => (await backend.fresh()).open();

  describe(`${backend.name} ingest`, () => {
    it('stores an event id once per site however often it arrives', async () => {
      const store = await open();
      const events = [wireEvent('view'), wireEvent('engage', { ms: 30_000 })];
      expect(await store.ingest(batch(events))).toEqual({ accepted: 2, duplicates: 0 });
      expect(await store.ingest(batch(events))).toEqual({ accepted: 0, duplicates: 2 });
      expect(await store.ingest(batch([events[0]!, events[0]!]))).toEqual(
        backend.countsPerEvent === false ? { accepted: 1, duplicates: 1 } : { accepted: 0, duplicates: 2 },
      );
      // The same id on another site is another event.
      expect(await store.ingest(batch(events, { site: 'other' }))).toEqual({ accepted: 2, duplicates: 0 });
      await store.caughtUp();
      const [totals] = await store.contentTotals(query());
      expect(totals).toMatchObject({ readers: 1, views: 1, engagedMs: 30_000 });
      await store.close();
    });

    it('counts once under concurrent delivery: one group commit, and two stores on the same storage', async () => {
      const { open: openShared } = await backend.fresh();
      const [first, second] = await Promise.all([openShared(), openShared()]);
      const events = Array.from({ length: 20 }, (_, index) =>
        wireEvent(index % 2 ? 'engage' : 'view', { session: `s${index}` }),
      );
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => first.ingest(batch(events))),
        ...Array.from({ length: 10 }, () => second.ingest(batch(events))),
      ]);
      expect(results.reduce((sum, result) => sum + result.accepted, 0)).toBe(20);
      expect(results.reduce((sum, result) => sum + result.duplicates, 0)).toBe(380);
      await first.caughtUp();
      const [totals] = await first.contentTotals(query());
      expect(totals).toMatchObject({ readers: 1, views: 10, engagedMs: 150_000 });
      await Promise.all([first.close(), second.close()]);
    });

    it('keeps each visitor state equal to fold over its events, and the aggregates equal to the visitors', async () => {
      const store = await open();
      const eventArbitrary = fc.record({
        type: fc.constantFrom('view', 'engage', 'scroll', 'share', 'custom'),
        visitor: fc.constantFrom('v1', 'v2', 'v3'),
        content: fc.constantFrom('/a', '/b'),
        session: fc.constantFrom('s1', 's2', 's3'),
        ts: fc.integer({ min: NOW - 29 * DAY, max: NOW }),
      });
      const all: (WireEvent & { visitor: string })[] = [];
      await fc.assert(
        fc.asyncProperty(fc.array(eventArbitrary, { minLength: 1, maxLength: 15 }), async (drawn) => {
          all.push(...(await ingestDrawn(store, drawn)));
          let sumX10 = 0;
          for (const visitor of ['v1', 'v2', 'v3']) {
            for (const content of ['/a', '/b']) {
              const mine = all.filter((event) => event.visitor === visitor && event.content === content);
              const expected = fold(emptyState(), mine, WINDOW);
              expect(await store.visitorState('demo', visitor, content, WINDOW)).toEqual(expected);
              if (mine.length) sumX10 += Math.round(score(expected, DEFAULT_MODEL).score * 10);
            }
          }
          await store.caughtUp();
          const totals = await store.contentTotals(query());
          expect(totals.reduce((sum, entry) => sum + entry.scoreX10, 0)).toBe(sumX10);
        }),
        { numRuns: 25 },
      );
      await store.close();
    });

    it("scores the readers, their band counts and the contents' audience again when the reader model changes", async () => {
      const store = await open();
      store.useReaderModels(new Map([['demo', DEFAULT_READER_MODEL]]));
      await store.ingest(batch([wireEvent('view', { content: '/a' }), wireEvent('view', { content: '/b' })]));
      await store.caughtUp();
      const today = utcDay(NOW);
      const range = { from: today - 29, to: today };
      const segments = () => store.readerSegments(readersQuery()).then((answer) => answer.bands);
      // One day (+10), two contents (+20): raw 30, 20.0.
      expect(await segments()).toEqual(new Map([['low', 1]]));
      expect((await store.contentAudience('demo', ['/a'], range)).get('/a')).toEqual({
        readers: 1,
        scoreX10: 200,
      });
      const generous: Model = {
        ...DEFAULT_READER_MODEL,
        signals: { breadth: { measure: 'contents', points: 60, cap: 150 } },
      };
      store.useReaderModels(new Map([['demo', generous]]));
      // Raw 120, 80.0: re-scored by the materializer before its next fold, events or not.
      await expect.poll(segments, { timeout: 10_000 }).toEqual(new Map([['high', 1]]));
      expect((await store.contentAudience('demo', ['/a', '/b'], range)).get('/b')).toEqual({
        readers: 1,
        scoreX10: 800,
      });
      await store.close();
    });

    it('applies models: the reader rows and the content views are scored with them when applyModels resolves', async () => {
      const store = await open();
      store.useReaderModels(new Map([['demo', DEFAULT_READER_MODEL]]));
      await store.ingest(
        batch([wireEvent('view', { content: '/a' }), wireEvent('share', { content: '/a' })]),
      );
      await store.caughtUp();
      const today = utcDay(NOW);
      const range = { from: today - 29, to: today };
      const noShares: Model = {
        ...DEFAULT_MODEL,
        signals: { ...DEFAULT_MODEL.signals, share: { measure: 'shares', points: 0 } },
      };
      const generous: Model = {
        ...DEFAULT_READER_MODEL,
        signals: { breadth: { measure: 'contents', points: 120, cap: 150 } },
      };
      const sumOf = async (model: Model) =>
        (await store.contentTotals(query({ model }))).find((row) => row.content === '/a')?.scoreX10;
      // View 10 + share 25: raw 35, 23.3.
      expect(await sumOf(DEFAULT_MODEL)).toBe(233);
      await store.applyModels('demo', noShares, generous, NOW);
      // No waiting: the answer already holds the new scores. View 10: 6.7; breadth 120: 80.0.
      expect(await sumOf(noShares)).toBe(67);
      expect((await store.contentAudience('demo', ['/a'], range)).get('/a')).toEqual({
        readers: 1,
        scoreX10: 800,
      });
      await store.close();
    });

    it('scans the daily pair states and the reader rows of a range, each pair and each reader together', async () => {
      const store = await open();
      store.useReaderModels(new Map([['demo', DEFAULT_READER_MODEL]]));
      const today = utcDay(NOW);
      for (const visitor of ['v1', 'v2']) {
        await store.ingest(
          batch(
            [
              wireEvent('view', { content: '/a', ts: NOW - 3 * DAY }),
              wireEvent('view', { content: '/b', ts: NOW - DAY }),
              wireEvent('view', { content: '/a', session: 's2', ts: NOW }),
              wireEvent('view', { content: '/c', ts: NOW - 40 * DAY }),
            ],
            { visitor },
          ),
        );
      }
      await store.caughtUp();
      const rowsOf = async <Row>(rows: Rows<Row>) => {
        const all: Row[] = [];
        await forEachRow(rows, (row) => all.push(row));
        return all;
      };
      const pairs = await rowsOf(store.pairDays('demo', { from: today - 5, to: today }));
      // Day 40 is outside; each pair's rows are together, whatever the order of the pairs.
      expect(pairs.map((row) => `${row.visitor} ${row.content} ${today - row.day}`).sort()).toEqual([
        'v1 /a 0',
        'v1 /a 3',
        'v1 /b 1',
        'v2 /a 0',
        'v2 /a 3',
        'v2 /b 1',
      ]);
      const keys = pairs.map((row) => `${row.visitor} ${row.content}`);
      expect(new Set(keys).size).toBe(keys.filter((key, index) => key !== keys[index - 1]).length);
      expect(JSON.parse(pairs[0]!.state)).toMatchObject({ views: 1 });
      const readers = await rowsOf(store.readerDays('demo', { from: today - 5, to: today }));
      expect(readers.map((row) => [row.visitor, today - row.day])).toEqual([
        ['v1', 3],
        ['v1', 1],
        ['v1', 0],
        ['v2', 3],
        ['v2', 1],
        ['v2', 0],
      ]);
      expect(readers[0]).toMatchObject({ next_day: today - 1, band: 'low' });
      expect(JSON.parse(readers[2]!.state)).toMatchObject({ views: 1 });
      await store.close();
    });

    it('keeps the applied models of each site, newest first, across stores on the same storage', async () => {
      const storage = await backend.fresh();
      const store = await storage.open();
      expect(await store.siteModels('demo')).toEqual([]);
      const entry = (kind: 'content' | 'reader', model: Model, appliedAt: number) => ({
        site: 'demo',
        kind,
        version: modelVersion(model),
        model,
        source: 'api' as const,
        appliedAt,
      });
      await store.recordSiteModels([
        entry('content', DEFAULT_MODEL, NOW),
        entry('reader', DEFAULT_READER_MODEL, NOW),
      ]);
      const later: Model = { ...DEFAULT_MODEL, max: 200 };
      await store.recordSiteModels([entry('content', later, NOW + 1)]);
      const second = await storage.open();
      expect(await second.siteModels('demo')).toEqual([
        entry('content', later, NOW + 1),
        entry('reader', DEFAULT_READER_MODEL, NOW),
        entry('content', DEFAULT_MODEL, NOW),
      ]);
      expect(await second.siteModels('other')).toEqual([]);
      await second.close();
      await store.close();
    });

    it('keeps each reader state equal to foldReader over its events in the reader window, and the bands equal to the readers', async () => {
      const store = await open();
      const eventArbitrary = fc.record({
        type: fc.constantFrom('view', 'engage', 'share', 'feedback'),
        visitor: fc.constantFrom('v1', 'v2', 'v3'),
        content: fc.constantFrom('/a', '/b', '/c'),
        session: fc.constantFrom('s1', 's2', 's3'),
        // Late events on earlier days too: a row inserted before others relinks its neighbours.
        ts: fc.integer({ min: NOW - 29 * DAY, max: NOW }),
        rating: fc.integer({ min: 1, max: 5 }),
        ms: fc.integer({ min: 0, max: 900_000 }),
      });
      const all: (WireEvent & { visitor: string })[] = [];
      const today = utcDay(NOW);
      await fc.assert(
        fc.asyncProperty(fc.array(eventArbitrary, { minLength: 1, maxLength: 15 }), async (drawn) => {
          all.push(...(await ingestDrawn(store, drawn)));
          const bands = new Map<string, number>();
          for (const visitor of ['v1', 'v2', 'v3']) {
            const mine = all.filter((event) => event.visitor === visitor);
            const expected = foldReader(emptyReader(), mine as ReaderEvent[]);
            expect(await store.readerState('demo', visitor, today, 30)).toEqual(expected);
            if (mine.length) {
              const { band } = score(expected, DEFAULT_READER_MODEL);
              bands.set(band, (bands.get(band) ?? 0) + 1);
            }
          }
          await store.caughtUp();
          const segments = await store.readerSegments(readersQuery());
          expect(segments.bands).toEqual(bands);
        }),
        { numRuns: 25 },
      );
      await store.close();
    });

    it("answers the default reader comparison from its view as the periods' pairing does, as readers come, go and come back late", async () => {
      const storage = await backend.fresh();
      const store = await storage.open();
      const eventArbitrary = fc.record({
        type: fc.constantFrom('view', 'engage', 'share', 'feedback'),
        visitor: fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5', 'v6'),
        content: fc.constantFrom('/a', '/b', '/c', '/d', '/e', '/f'),
        session: fc.constantFrom('s1', 's2', 's3'),
        // Both periods, with late events in the earlier one: a reader's row there changes after the view is made.
        ts: fc.integer({ min: NOW - 59 * DAY, max: NOW }),
        rating: fc.integer({ min: 1, max: 5 }),
        ms: fc.integer({ min: 0, max: 900_000 }),
      });
      const viewQuery = readersQuery(3);
      const comparable = (segments: Awaited<ReturnType<Store['readerSegments']>>) => ({
        ...segments,
        moves: [...segments.moves].sort((a, b) =>
          `${a.previous}/${a.current}` < `${b.previous}/${b.current}` ? -1 : 1,
        ),
      });
      const compare = async () => {
        const fromView = await store.readerSegments(viewQuery);
        // Another window than the range's is not the default comparison: the periods are paired in SQL.
        const paired = await store.readerSegments({ ...viewQuery, windowDays: 31 });
        expect(comparable(fromView)).toEqual(comparable(paired));
        return fromView;
      };
      // Five days and five contents of the earlier period (raw 75: medium), then nothing, one view, or as much again.
      const earlier = (visitor: string) =>
        [0, 1, 2, 3, 4].map((k) =>
          wireEvent('view', { content: `/p${k}`, session: `${visitor}-${k}`, ts: NOW - (40 + k) * DAY }),
        );
      const later = (visitor: string, days: number) =>
        [0, 1, 2, 3, 4]
          .slice(0, days)
          .map((k) =>
            wireEvent('view', { content: `/c${k}`, session: `${visitor}-c${k}`, ts: NOW - (5 + k) * DAY }),
          );
      for (const [visitor, days] of [
        ['gone', 0],
        ['faller', 1],
        ['steady', 5],
      ] as const) {
        await store.ingest(batch([...earlier(visitor), ...later(visitor, days)], { visitor }));
      }
      await store.caughtUp();
      expect((await compare()).atRisk.map((reader) => reader.previous.visitor)).toEqual(['gone', 'faller']);
      await fc.assert(
        fc.asyncProperty(fc.array(eventArbitrary, { minLength: 1, maxLength: 20 }), async (drawn) => {
          await ingestDrawn(store, drawn);
          await store.caughtUp();
          await compare();
        }),
        { numRuns: 25 },
      );
      // The view was read, not the pairing twice.
      const views = (await storage.views()) as Record<string, string[]>;
      expect(views.reader_periods?.length).toBeGreaterThan(0);
      await store.close();
    });

    it('survives reopening without migrating again', async () => {
      const { open: openShared } = await backend.fresh();
      const store = await openShared();
      await store.ingest(batch([wireEvent('view', { title: 'T', url: 'https://n.example/a/1' })]));
      await store.close();
      const reopened = await openShared();
      await reopened.caughtUp();
      expect(await reopened.contentMeta('demo', '/a/1')).toMatchObject({
        title: 'T',
        url: 'https://n.example/a/1',
      });
      expect(await reopened.ingest(batch([wireEvent('view')]))).toEqual({ accepted: 1, duplicates: 0 });
      await reopened.close();
    });

    it('keeps the latest metadata of a content, writing only what changed', async () => {
      const store = await open();
      await store.ingest(batch([wireEvent('view', { title: 'Draft', section: 'News', ts: NOW - 1_000 })]));
      await store.ingest(batch([wireEvent('view', { title: 'Final', ts: NOW })]));
      await store.ingest(batch([wireEvent('view'), wireEvent('engage')]));
      await store.caughtUp();
      expect(await store.contentMeta('demo', '/a/1')).toEqual({
        title: 'Final',
        url: null,
        section: 'News',
        author: null,
      });
      expect(await store.contentMeta('demo', '/never')).toBeNull();
      await store.close();
    });

    it('rejects work after close', async () => {
      const store = await open();
      await store.close();
      await expect(store.ingest(batch([wireEvent('view')]))).rejects.toThrow(/closed/);
    });
  });

  describe(`${backend.name} windows and refresh`, () => {
    it('folds the boundary day from its raw events: only those after the window start count', async () => {
      const store = await open();
      await store.ingest(
        batch([
          wireEvent('view', { session: 'outside', ts: NOW - 30 * DAY - 3_600_000 }),
          wireEvent('view', { session: 'inside', ts: NOW - 30 * DAY + 3_600_000 }),
          wireEvent('view', { session: 'today', ts: NOW }),
        ]),
      );
      const state = await store.visitorState('demo', 'v1', '/a/1', WINDOW);
      expect(state.sessions).toEqual(['inside', 'today']);
      // The aggregates were computed the same way at ingest: two sessions, 10 + 25 = 35 → 23.3.
      await store.caughtUp();
      expect((await store.contentTotals(query()))[0]).toMatchObject({ readers: 1, scoreX10: 233 });
      await store.close();
    });

    it('keeps the live window equal to the sum of its days, across days and refreshes', async () => {
      const store = await open();
      const sorted = (list: ContentTotals[]) =>
        list.filter((entry) => entry.readers > 0).sort((a, b) => (a.content < b.content ? -1 : 1));
      // A 31-day model makes the same 30 days a plain range, summed from content_days.
      const wider = { ...DEFAULT_MODEL, windowDays: 31 };
      for (let day = 0; day < 4; day++) {
        const now = NOW + day * DAY;
        for (let visitor = 0; visitor < 6; visitor++) {
          const content = `/c${(visitor + day) % 3}`;
          const events = [
            wireEvent('view', { content, ts: now, session: `d${day}` }),
            wireEvent('engage', { content, ts: now, ms: 16_000 * visitor }),
          ];
          await store.ingest(batch(events, { visitor: `v${visitor}`, receivedAt: now }));
        }
        const today = TODAY + day;
        await store.caughtUp();
        const live = await store.contentTotals(query({ now, from: today - 29, to: today }));
        const summed = await store.contentTotals(query({ now, model: wider, from: today - 29, to: today }));
        expect(sorted(live)).toEqual(sorted(summed));
        // Six readers, each counted once however many days it came back.
        expect(live.reduce((sum, entry) => sum + entry.readers, 0)).toBe(Math.min(18, 6 * (day + 1)));
        await store.refresh('demo', DEFAULT_MODEL, now);
      }
      await store.close();
    });

    it('slides the window: a reader whose old sessions leave it is scored again', async () => {
      const store = await open();
      await store.refresh('demo', DEFAULT_MODEL, NOW);
      await store.ingest(
        batch([
          wireEvent('view', { session: 'old', ts: NOW - 29 * DAY }),
          wireEvent('view', { session: 'new', ts: NOW }),
        ]),
      );
      // Two sessions: view 10 + repeat 25 = 35 → 23.3.
      await store.caughtUp();
      expect((await store.contentTotals(query()))[0]).toMatchObject({
        readers: 1,
        scoreX10: 233,
        repeaters: 1,
      });
      const later = NOW + 2 * DAY;
      expect(await store.refresh('demo', DEFAULT_MODEL, later)).toEqual({ rescored: 1, modelChanged: false });
      // One session left, under 10 s engaged: view 10 − bounce 10 = 0.
      const [totals] = await store.contentTotals(query({ now: later, from: TODAY - 27, to: TODAY + 2 }));
      expect(totals).toMatchObject({ readers: 1, scoreX10: 0, repeaters: 0 });
      expect(
        score(await store.visitorState('demo', 'v1', '/a/1', { now: later, windowDays: 30 }), DEFAULT_MODEL)
          .score,
      ).toBe(0);
      await store.close();
    });

    it('re-scores everything from the stored states when the model changes', async () => {
      const store = await open();
      await store.refresh('demo', DEFAULT_MODEL, NOW);
      await store.ingest(batch([wireEvent('view'), wireEvent('share')]));
      await store.ingest(batch([wireEvent('view')], { visitor: 'v2' }));
      const generous: Model = { ...DEFAULT_MODEL, signals: { view: { measure: 'views', points: 150 } } };
      await store.caughtUp();
      expect(await store.refresh('demo', generous, NOW)).toEqual({ rescored: 2, modelChanged: true });
      const [totals] = await store.contentTotals(query({ model: generous }));
      expect(totals).toMatchObject({ readers: 2, scoreX10: 2000 });
      const details = await store.contentDetails(query({ model: generous }), ['/a/1']);
      expect(details.get('/a/1')?.bands).toEqual({ high: 2 });
      expect(await store.contentSeries('demo', '/a/1', RANGE)).toEqual([
        { day: TODAY, views: 2, shares: 1, engagedMs: 0, readers: 2, scoreX10: 2000 },
      ]);
      await store.close();
    });

    it('answers a past range with the readers as they were at its end', async () => {
      const store = await open();
      await store.ingest(batch([wireEvent('view', { session: 'a', ts: NOW - 5 * DAY })]));
      await store.ingest(batch([wireEvent('view', { session: 'b', ts: NOW }), wireEvent('share')]));
      // Today: two sessions and a share, 10 + 25 + 25 = 60 → 40.
      await store.caughtUp();
      expect((await store.contentTotals(query()))[0]).toMatchObject({ readers: 1, scoreX10: 400, views: 2 });
      // Up to three days ago: one session, a bounce, 0; one view in the range.
      const past = query({ from: TODAY - 10, to: TODAY - 3 });
      expect((await store.contentTotals(past))[0]).toMatchObject({
        readers: 1,
        scoreX10: 0,
        views: 1,
        shares: 0,
      });
      expect((await store.contentDetails(past, ['/a/1'])).get('/a/1')?.bands).toEqual({ low: 1 });
      await store.close();
    });

    it('filters by section and author from the views', async () => {
      const store = await open();
      await store.ingest(batch([wireEvent('view', { content: '/s', section: 'Science', author: 'Ada' })]));
      await store.ingest(batch([wireEvent('view', { content: '/p', section: 'Politics' })]));
      await store.caughtUp();
      const contents = async (filter: object) =>
        (await store.contentTotals({ ...query(), ...filter })).map((entry) => entry.content);
      expect((await contents({})).sort()).toEqual(['/p', '/s']);
      expect(await contents({ section: 'Science' })).toEqual(['/s']);
      expect(await contents({ author: 'Ada' })).toEqual(['/s']);
      expect(await contents({ author: 'Nobody' })).toEqual([]);
      await store.close();
    });
  });

  describe(`${backend.name} log and views`, () => {
    const streamEvent = fc.record({
      visitor: fc.constantFrom('v1', 'v2', 'v3'),
      content: fc.constantFrom('/a', '/b', '/c'),
      type: fc.constantFrom('view', 'engage', 'share', 'scroll', 'custom', 'feedback'),
      session: fc.constantFrom('s1', 's2', 's3'),
      // Two reader windows: the view of the default reader comparison has rows to rebuild.
      ts: fc.integer({ min: NOW - 59 * DAY, max: NOW }),
      rating: fc.integer({ min: 1, max: 5 }),
    });

    it('rebuilds views equal to the ones folded as the events arrived', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(streamEvent, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
          async (batches) => {
            const storage = await backend.fresh();
            const store = await storage.open();
            for (const [index, drawn] of batches.entries()) {
              await ingestDrawn(store, drawn);
              // Reading the default reader comparison makes its view: rebuilt like every other.
              if (index === 0) await store.caughtUp().then(() => store.readerSegments(readersQuery()));
            }
            await store.caughtUp();
            const incremental = await storage.views();
            await store.rebuildViews();
            expect(await storage.views()).toEqual(incremental);
            await store.close();
          },
        ),
        { numRuns: 8, endOnFailure: true },
      );
    }, 60_000);

    it('rebuilds while something else holds the views, once they are free', async () => {
      const storage = await backend.fresh();
      const store = await storage.open();
      await store.ingest(batch([wireEvent('view', { title: 'T' }), wireEvent('engage', { ms: 30_000 })]));
      await store.caughtUp();
      const before = await storage.views();
      const release = await storage.holdViews();
      const rebuilt = store.rebuildViews();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await release();
      await rebuilt;
      expect(await storage.views()).toEqual(before);
      await store.close();
    });

    it.skipIf(backend.boundsLag === false)(
      'answers ingest with StoreBusyError while the views lag past the bound, then takes batches again',
      async () => {
        const storage = await backend.fresh({ maxEvents: 5, maxMs: 60_000 });
        const store = await storage.open();
        const release = await storage.holdViews();
        const events = Array.from({ length: 10 }, () => wireEvent('view'));
        expect(await store.ingest(batch(events))).toEqual({ accepted: 10, duplicates: 0 });
        // PostgreSQL measures its lag every LAG_POLL_MS.
        for (let tries = 0; (await store.lag(Date.now())).events <= 5 && tries < 100; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect((await store.lag(Date.now())).events).toBe(10);
        await expect(store.ingest(batch([wireEvent('view')]))).rejects.toThrow(StoreBusyError);
        await release();
        await store.caughtUp();
        for (let tries = 0; (await store.lag(Date.now())).events > 0 && tries < 100; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(await store.ingest(batch([wireEvent('view')]))).toEqual({ accepted: 1, duplicates: 0 });
        await store.caughtUp();
        expect((await store.contentTotals(query()))[0]).toMatchObject({ views: 11 });
        await store.close();
      },
      40_000,
    );
  });
}
