import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, emptyState, fold, score, type ScoreEvent } from '@dwell/score';
import { dayOf } from '../../days.js';
import { DAY, NOW } from '../../testing.js';
import {
  boundaryDay,
  contributionOf,
  dayScoreX10,
  mergeDays,
  windowState,
  type DayState,
} from './engagement.js';

const eventArbitrary: fc.Arbitrary<ScoreEvent> = fc.record({
  type: fc.constantFrom('view', 'engage', 'scroll', 'share', 'custom'),
  session: fc.constantFrom('a', 'b', 'c'),
  ts: fc.integer({ min: NOW - 45 * DAY, max: NOW }),
  ms: fc.integer({ min: 0, max: 120_000 }),
  depth: fc.double({ min: 0, max: 1, noNaN: true }),
  name: fc.constantFrom('comment', 'subscribe'),
});

/** What a store keeps: one state per day, folded from that day's events. */
function daysOf(events: ScoreEvent[]): DayState[] {
  const byDay = new Map<number, ScoreEvent[]>();
  for (const event of events) byDay.set(dayOf(event.ts), [...(byDay.get(dayOf(event.ts)) ?? []), event]);
  // A window long enough to keep every event: the day states hold everything.
  return [...byDay].map(([day, list]) => ({
    day,
    state: fold(emptyState(), list, { now: NOW, windowDays: 3650 }),
  }));
}

describe('windowState', () => {
  it('equals fold over all the events, whatever the time of day the window ends', () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 60 }),
        fc.integer({ min: 0, max: DAY - 1 }),
        (events, offset) => {
          const window = { now: NOW - offset, windowDays: 30 };
          const boundary = boundaryDay(window);
          const onBoundary = events.filter((event) => dayOf(event.ts) === boundary);
          const expected = fold(
            emptyState(),
            events.filter((event) => event.ts <= window.now),
            window,
          );
          const rows = daysOf(events.filter((event) => event.ts <= window.now));
          expect(
            windowState(
              rows,
              onBoundary.filter((event) => event.ts <= window.now),
              window,
            ),
          ).toEqual(expected);
          expect(score(windowState(rows, onBoundary, window), DEFAULT_MODEL)).toEqual(
            score(expected, DEFAULT_MODEL),
          );
        },
      ),
    );
  });

  it('ignores day states before the boundary day and takes the boundary day from its events', () => {
    const window = { now: NOW, windowDays: 30 };
    const boundary = boundaryDay(window);
    const late = { type: 'view', session: 'late', ts: NOW - 30 * DAY + 1 } as const;
    const early = { type: 'view', session: 'early', ts: NOW - 30 * DAY - 1 } as const;
    const rows = daysOf([early, late, { type: 'view', session: 'old', ts: NOW - 40 * DAY }]);
    const state = windowState(rows, [early, late], window);
    expect(dayOf(late.ts)).toBe(boundary);
    expect(state.sessions).toEqual(['late']);
  });
});

describe('day scores and contributions', () => {
  it("scores a day with the model's window of days ending with it", () => {
    const day = dayOf(NOW);
    const rows: DayState[] = [
      {
        day: day - 30,
        state: fold(emptyState(), [{ type: 'view', session: 'x', ts: NOW - 30 * DAY }], {
          now: NOW,
          windowDays: 365,
        }),
      },
      {
        day,
        state: fold(emptyState(), [{ type: 'view', session: 'y', ts: NOW }], { now: NOW, windowDays: 365 }),
      },
    ];
    // Day − 30 is outside the 30 days ending today: one session, a bounce (10 − 10 = 0).
    expect(dayScoreX10(rows, day, DEFAULT_MODEL)).toBe(0);
    // Both inside 31 days: two sessions, view 10 + repeat 25 = 35 → 23.3.
    expect(dayScoreX10(rows, day, { ...DEFAULT_MODEL, windowDays: 31 })).toBe(233);
    expect(mergeDays(rows, day - 30, day).sessions).toEqual(['x', 'y']);
  });

  it('has no contribution for an empty window, and one with score × 10 and band otherwise', () => {
    expect(contributionOf(emptyState(), 5, DEFAULT_MODEL)).toBeNull();
    const state = fold(
      emptyState(),
      [
        { type: 'view', session: 'a', ts: NOW },
        { type: 'view', session: 'b', ts: NOW },
      ],
      { now: NOW, windowDays: 30 },
    );
    expect(contributionOf(state, 7, DEFAULT_MODEL)).toEqual({
      lastDay: 7,
      scoreX10: 233,
      band: 'low',
      repeat: true,
      // The reader score of that day is the fold's to fill in (`updatePairDays`).
      audienceX10: 0,
    });
  });
});
