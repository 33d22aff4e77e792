import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTINCT_EXACT } from './distinct.js';
import { measure } from './measure.js';
import { DAY_MS } from './model.js';
import {
  emptyReader,
  foldReader,
  mergeReaders,
  readerWindow,
  utcDay,
  type ReaderEvent,
  type ReaderState,
} from './reader.js';

const NOW = Date.UTC(2026, 10, 22, 12);

const eventArbitrary: fc.Arbitrary<ReaderEvent> = fc.record({
  type: fc.constantFrom('view', 'engage', 'scroll', 'share', 'custom', 'feedback'),
  content: fc.constantFrom('/a/1', '/a/2', '/a/3'),
  session: fc.constantFrom('a', 'b', 'c'),
  ts: fc.integer({ min: NOW - 40 * DAY_MS, max: NOW }),
  ms: fc.integer({ min: 0, max: 120_000 }),
  name: fc.constantFrom('comment', 'subscribe'),
  rating: fc.integer({ min: 0, max: 6 }),
});

const stateArbitrary: fc.Arbitrary<ReaderState> = fc
  .array(eventArbitrary, { maxLength: 20 })
  .map((events) => foldReader(emptyReader(), events));

const view = (content: string, ts = NOW, session = 's'): ReaderEvent => ({
  type: 'view',
  content,
  session,
  ts,
});
const rate = (content: string, rating: number, ts = NOW): ReaderEvent => ({
  type: 'feedback',
  content,
  session: 's',
  ts,
  rating,
});

describe('foldReader', () => {
  it('does not depend on the order of events', () => {
    fc.assert(
      fc.property(
        fc
          .array(eventArbitrary, { maxLength: 40 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          expect(foldReader(emptyReader(), shuffled)).toEqual(foldReader(emptyReader(), events));
        },
      ),
    );
  });

  it('equals folding the halves separately and merging', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary), fc.array(eventArbitrary), (left, right) => {
        expect(foldReader(emptyReader(), [...left, ...right])).toEqual(
          mergeReaders([foldReader(emptyReader(), left), foldReader(emptyReader(), right)]),
        );
      }),
    );
  });

  it('counts active UTC days, distinct contents and sessions of views only', () => {
    const state = foldReader(emptyReader(), [
      view('/a/1', NOW, 's1'),
      view('/a/1', NOW + 1000, 's1'),
      view('/a/2', NOW - DAY_MS, 's2'),
      { type: 'engage', content: '/a/3', session: 's3', ts: NOW - 2 * DAY_MS, ms: 5000 },
    ]);
    expect(measure(state, 'active_days')).toBe(2);
    expect(measure(state, 'contents')).toBe(2);
    expect(measure(state, 'sessions')).toBe(2);
    expect(measure(state, 'views')).toBe(3);
    expect(measure(state, 'engaged_ms')).toBe(5000);
  });

  it('lets a later rating of the same content replace the earlier one, in any order', () => {
    const events = [rate('/a/1', 1, NOW - 1000), rate('/a/1', 5, NOW), rate('/a/2', 3, NOW)];
    for (const order of [events, [...events].reverse()]) {
      const state = foldReader(emptyReader(), order);
      expect(measure(state, 'ratings')).toBe(2);
      expect(measure(state, 'rating_mean')).toBe(4);
    }
  });

  it('ignores a rating that is not an integer from 1 to 5', () => {
    const state = foldReader(emptyReader(), [rate('/a/1', 0), rate('/a/2', 6), rate('/a/3', 2.5)]);
    expect(measure(state, 'ratings')).toBe(0);
    expect(measure(state, 'rating_mean')).toBe(0);
  });

  it('keeps the state small for a reader of 5,000 pages', () => {
    const events = Array.from({ length: 5_000 }, (_, i) =>
      view(`/article/${i}`, NOW - (i % 30) * DAY_MS, `s${i}`),
    );
    const state = foldReader(emptyReader(), events);
    expect(state.contents).toHaveLength(DISTINCT_EXACT);
    expect(JSON.stringify(state).length).toBeLessThan(12_000);
    expect(measure(state, 'active_days')).toBe(30);
  });
});

describe('mergeReaders', () => {
  it('is commutative and associative', () => {
    fc.assert(
      fc.property(stateArbitrary, stateArbitrary, stateArbitrary, (a, b, c) => {
        expect(mergeReaders([a, b])).toEqual(mergeReaders([b, a]));
        expect(mergeReaders([mergeReaders([a, b]), c])).toEqual(mergeReaders([a, mergeReaders([b, c])]));
      }),
    );
  });

  it('has the empty state as identity and modifies no input', () => {
    fc.assert(
      fc.property(stateArbitrary, (a) => {
        const copy = structuredClone(a);
        expect(mergeReaders([a, emptyReader()])).toEqual(a);
        expect(a).toEqual(copy);
      }),
    );
  });
});

describe('readerWindow', () => {
  const today = utcDay(NOW);
  const days = [0, 29, 30].map((ago) => ({
    day: today - ago,
    state: foldReader(emptyReader(), [view(`/a/${ago}`, NOW - ago * DAY_MS)]),
  }));

  it('is whole UTC days: today and the 29 before, not the 30th', () => {
    expect(measure(readerWindow(days, today, 30), 'active_days')).toBe(2);
    expect(measure(readerWindow(days, today - 1, 30), 'active_days')).toBe(2);
    expect(measure(readerWindow(days, today, 1), 'active_days')).toBe(1);
  });
});
