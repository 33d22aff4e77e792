import { describe, expect, it } from 'vitest';
import { PRIOR_READERS, PRIOR_VARIANCE, scoreInterval } from './ranking.js';

/** The sums of a list of scores, as the aggregates keep them (× 10). */
function interval(scores: number[]) {
  const x10 = scores.map((value) => Math.round(value * 10));
  return scoreInterval(
    scores.length,
    x10.reduce((a, b) => a + b, 0),
    x10.reduce((a, b) => a + b * b, 0),
  );
}

describe('scoreInterval', () => {
  it('ranks 500 readers at 80 above one at 100, and above five at 100', () => {
    const many = interval(Array(500).fill(80));
    expect(many).toEqual({ score: 80, low: 79.7, high: 80.3 });
    expect(interval([100])).toEqual({ score: 100, low: 2, high: 100 });
    expect(interval(Array(5).fill(100)).low).toBeLessThan(many.low);
    // Enough perfect readers do win: the bound approaches the mean.
    expect(interval(Array(20).fill(100)).low).toBeGreaterThan(many.low);
  });

  it('is the mean with a normal interval whose variance starts from a prior', () => {
    const scores = [20, 40, 60, 80];
    const mean = 50;
    const squares = scores.reduce((sum, value) => sum + (value - mean) ** 2, 0);
    const half = 1.959964 * Math.sqrt((squares + PRIOR_READERS * PRIOR_VARIANCE) / (3 + PRIOR_READERS) / 4);
    expect(interval(scores)).toEqual({
      score: 50,
      low: Math.round((mean - half) * 10) / 10,
      high: Math.round((mean + half) * 10) / 10,
    });
  });

  it('knows nothing without readers', () => {
    expect(scoreInterval(0, 0, 0)).toEqual({ score: 0, low: 0, high: 100 });
  });
});
