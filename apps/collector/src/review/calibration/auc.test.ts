import { describe, expect, it } from 'vitest';
import { auc } from './auc.js';

describe('auc', () => {
  it('is 0.5 when every score ties', () => {
    expect(auc([3, 3, 3, 3, 3], [true, false, true, false, false])).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([4, 3, 2, 1], [false, false, true, true])).toBe(0);
  });

  it('counts the pairs: 3 of the 4 (positive, negative) pairs are ordered', () => {
    // Positives 0.35 and 0.8, negatives 0.1 and 0.4: 0.35 > 0.1, 0.35 < 0.4, 0.8 > both.
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  it('counts a tied pair half', () => {
    // Positives 2 and 3, negatives 1 and 2: 2 > 1, 2 = 2 (½), 3 > 1, 3 > 2 → 3.5 / 4.
    expect(auc([1, 2, 2, 3], [false, true, false, true])).toBe(0.875);
    // Positives 5, 7, 5 and negatives 5, 3: (½ + 1) + (1 + 1) + (½ + 1) of 6 pairs.
    expect(auc([5, 5, 7, 5, 3], [true, false, true, true, false])).toBe(5 / 6);
  });

  it('does not depend on the order of the examples', () => {
    const scores = [0.2, 0.9, 0.4, 0.4, 0.7, 0.1];
    const positive = [false, true, true, false, true, false];
    const reversed = auc([...scores].reverse(), [...positive].reverse());
    expect(reversed).toBe(auc(scores, positive));
  });

  it('refuses an undefined AUC rather than answer a number', () => {
    expect(() => auc([1, 2], [true, true])).toThrow(RangeError);
    expect(() => auc([], [])).toThrow(RangeError);
    expect(() => auc([1, 2], [true])).toThrow(RangeError);
  });
});
