/**
 * A count of distinct strings (a reader's contents, its sessions) that stays
 * small however many there are: a k-minimum-values sketch (Bar-Yossef et al.,
 * "Counting distinct elements in a data stream", 2002). It keeps the
 * `DISTINCT_EXACT` smallest 53-bit hashes of the strings, sorted; below that
 * many it is the exact set of their hashes, beyond it the k-th smallest hash
 * estimates the count. Merging is the union cut to the smallest k, so it is
 * commutative, associative and idempotent, as every state merge must be.
 */
import { hash53 } from './hash.js';

/**
 * Distinct strings counted exactly: at least the 200 contents for which the
 * local and authoritative reader scores must be equal (DESIGN.md, "The reader
 * score"); past it the estimate's relative error is about 1/√256 ≈ 6%.
 */
export const DISTINCT_EXACT = 256;

/** The sketch of one string. */
export function distinctOf(text: string): number[] {
  return [hash53(text)];
}

/** The union of sketches, cut to the `DISTINCT_EXACT` smallest hashes. */
export function mergeDistinct(sketches: readonly (readonly number[])[]): number[] {
  const union = new Set<number>();
  for (const sketch of sketches) for (const hash of sketch) union.add(hash);
  return [...union].sort((a, b) => a - b).slice(0, DISTINCT_EXACT);
}

/** How many distinct strings a sketch holds: exact below `DISTINCT_EXACT`, else estimated. */
export function distinctCount(sketch: readonly number[]): number {
  if (sketch.length < DISTINCT_EXACT) return sketch.length;
  // The k-th smallest of n uniform hashes sits near k/n of the hash space.
  return Math.round(((DISTINCT_EXACT - 1) * 2 ** 53) / (sketch[DISTINCT_EXACT - 1]! + 1));
}
