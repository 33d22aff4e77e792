import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type Model } from './model.js';
import { score } from './score.js';
import { emptyState, fold, merge, mergeAll, type EngagementState, type ScoreEvent } from './state.js';

const NOW = Date.UTC(2026, 10, 22);
const options = { now: NOW, windowDays: 30 };

const eventArbitrary: fc.Arbitrary<ScoreEvent> = fc.record({
  type: fc.constantFrom('view', 'engage', 'scroll', 'share', 'custom'),
  session: fc.constantFrom('a', 'b', 'c', 'd'),
  ts: fc.integer({ min: NOW - 40 * 86_400_000, max: NOW }),
  ms: fc.integer({ min: 0, max: 120_000 }),
  depth: fc.double({ min: 0, max: 1, noNaN: true }),
  name: fc.constantFrom('comment', 'subscribe'),
});

const stateArbitrary: fc.Arbitrary<EngagementState> = fc
  .array(eventArbitrary, { maxLength: 20 })
  .map((events) => fold(emptyState(), events, options));

describe('fold', () => {
  it('does not depend on the order of events', () => {
    fc.assert(
      fc.property(
        fc
          .array(eventArbitrary, { maxLength: 40 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          expect(fold(emptyState(), shuffled, options)).toEqual(fold(emptyState(), events, options));
        },
      ),
    );
  });

  it('equals folding the halves separately and merging', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary), fc.array(eventArbitrary), (left, right) => {
        expect(fold(emptyState(), [...left, ...right], options)).toEqual(
          merge(fold(emptyState(), left, options), fold(emptyState(), right, options)),
        );
      }),
    );
  });

  it('ignores a non-finite or negative amount', () => {
    const events: ScoreEvent[] = [
      { type: 'engage', session: 'a', ts: NOW, ms: Number.NaN },
      { type: 'engage', session: 'a', ts: NOW, ms: -5 },
      { type: 'scroll', session: 'a', ts: NOW, depth: Infinity },
    ];
    expect(fold(emptyState(), events, options)).toMatchObject({ engagedMs: 0, scrollDepth: 0 });
  });

  it('records the first and last time', () => {
    const state = fold(
      emptyState(),
      [
        { type: 'view', session: 'a', ts: NOW - 5 },
        { type: 'share', session: 'a', ts: NOW - 9 },
      ],
      options,
    );
    expect([state.first, state.last]).toEqual([NOW - 9, NOW - 5]);
  });
});

describe('merge', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(stateArbitrary, stateArbitrary, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(stateArbitrary, stateArbitrary, stateArbitrary, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
      }),
    );
  });

  it('has the empty state as identity', () => {
    fc.assert(
      fc.property(stateArbitrary, (a) => {
        expect(merge(a, emptyState())).toEqual(a);
      }),
    );
  });
});

describe('score bounds', () => {
  const modelArbitrary: fc.Arbitrary<Model> = fc
    .dictionary(
      fc.constantFrom('a', 'b', 'c', 'd'),
      fc.record(
        {
          measure: fc.constantFrom(
            'views',
            'sessions',
            'further_sessions',
            'engaged_ms',
            'shares',
            'custom:comment',
          ),
          per: fc.integer({ min: 1, max: 30_000 }),
          points: fc.integer({ min: -50, max: 50 }),
          cap: fc.integer({ min: 0, max: 100 }),
        },
        { requiredKeys: ['measure', 'points'] },
      ),
      { minKeys: 1 },
    )
    .chain((signals) =>
      fc.record({
        signals: fc.constant(signals),
        max: fc.integer({ min: 1, max: 300 }),
        bands: fc.constant(DEFAULT_MODEL.bands),
        windowDays: fc.constant(30),
        sessionTimeoutMinutes: fc.constant(30),
      }),
    );

  it('never lets a signal exceed its cap and keeps the score within 0–100', () => {
    fc.assert(
      fc.property(stateArbitrary, modelArbitrary, (state, model) => {
        const result = score(state, model);
        for (const [name, points] of Object.entries(result.signals)) {
          expect(Math.abs(points)).toBeLessThanOrEqual(model.signals[name]!.cap ?? Infinity);
        }
        expect(result.raw).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(Object.keys(DEFAULT_MODEL.bands)).toContain(result.band);
      }),
    );
  });
});

describe('custom event names', () => {
  it('counts only names a model can weigh, never an inherited property', () => {
    const events: ScoreEvent[] = [
      'comment',
      'constructor',
      '__proto__',
      'toString',
      'two words',
      'a'.repeat(65),
    ].map((name) => ({ type: 'custom', session: 'a', ts: NOW, name }));
    const state = fold(emptyState(), events, options);
    expect(state.custom).toEqual({ comment: 1 });
    expect(Object.getPrototypeOf(state.custom)).toBe(Object.prototype);
  });
});

describe('mergeAll', () => {
  it('equals merging one by one', () => {
    fc.assert(
      fc.property(fc.array(stateArbitrary, { maxLength: 6 }), (states) => {
        expect(mergeAll(states)).toEqual(states.reduce(merge, emptyState()));
      }),
    );
  });
});
