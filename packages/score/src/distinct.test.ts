import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTINCT_EXACT, distinctCount, distinctOf, mergeDistinct } from './distinct.js';

const sketchOf = (texts: readonly string[]) => mergeDistinct(texts.map(distinctOf));

describe('distinct sketch', () => {
  it('counts exactly below DISTINCT_EXACT strings, whatever the repeats', () => {
    const texts = Array.from({ length: DISTINCT_EXACT - 1 }, (_, i) => `/a/${i}`);
    expect(distinctCount(sketchOf([...texts, ...texts]))).toBe(DISTINCT_EXACT - 1);
    expect(distinctCount(sketchOf(['/a/1', '/a/1', '/a/2']))).toBe(2);
    expect(distinctCount([])).toBe(0);
  });

  it('stays at DISTINCT_EXACT hashes and estimates within 20% for 5,000 strings', () => {
    const sketch = sketchOf(Array.from({ length: 5_000 }, (_, i) => `/article/${i}`));
    expect(sketch).toHaveLength(DISTINCT_EXACT);
    expect(Math.abs(distinctCount(sketch) - 5_000) / 5_000).toBeLessThan(0.2);
  });

  it('merges commutatively, associatively and idempotently', () => {
    const sketch = fc.array(fc.string(), { maxLength: 300 }).map(sketchOf);
    fc.assert(
      fc.property(sketch, sketch, sketch, (a, b, c) => {
        expect(mergeDistinct([a, b])).toEqual(mergeDistinct([b, a]));
        expect(mergeDistinct([mergeDistinct([a, b]), c])).toEqual(mergeDistinct([a, mergeDistinct([b, c])]));
        expect(mergeDistinct([a, a])).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });
});
