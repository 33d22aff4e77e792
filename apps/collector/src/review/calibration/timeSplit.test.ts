import { describe, expect, it } from 'vitest';
import { random } from '../../testing/random.js';
import { FIT_FRACTION, timeSplit } from './timeSplit.js';

describe('timeSplit', () => {
  it('fits on the earlier days and tests on the later ones, never splitting a day', () => {
    const next = random(7);
    // Days of very different sizes, in no order: some days hold 10% of the examples.
    const examples = Array.from({ length: 500 }, (_, id) => ({
      id,
      day: 19_000 + Math.floor(next() ** 2 * 40),
    }));
    const { fit, test } = timeSplit(examples);
    expect(fit.length + test.length).toBe(examples.length);
    expect(new Set([...fit, ...test].map(({ id }) => id)).size).toBe(examples.length);
    const lastFit = Math.max(...fit.map(({ day }) => day));
    const firstTest = Math.min(...test.map(({ day }) => day));
    expect(lastFit).toBeLessThan(firstTest);
    // The boundary nearest 70%: no other day boundary is closer.
    const boundaries = [...new Set(examples.map(({ day }) => day))]
      .map((day) => examples.filter((example) => example.day < day).length)
      .filter((size) => size > 0);
    const target = FIT_FRACTION * examples.length;
    for (const size of boundaries) {
      expect(Math.abs(fit.length - target)).toBeLessThanOrEqual(Math.abs(size - target));
    }
    expect(fit.length / examples.length).toBeGreaterThan(0.6);
    expect(fit.length / examples.length).toBeLessThan(0.8);
  });

  it('keeps a day whole even when it holds most examples', () => {
    const examples = [
      ...Array.from({ length: 10 }, () => ({ day: 1 })),
      ...Array.from({ length: 80 }, () => ({ day: 2 })),
      ...Array.from({ length: 10 }, () => ({ day: 3 })),
    ];
    const { fit, test } = timeSplit(examples);
    expect([fit.length, test.length]).toEqual([90, 10]);
  });

  it('has no test part when all examples are of one day', () => {
    const { fit, test } = timeSplit([{ day: 5 }, { day: 5 }, { day: 5 }]);
    expect([fit.length, test.length]).toEqual([3, 0]);
  });
});
