/**
 * A time split: the earlier examples fit the weights, the later ones test
 * them, as the weights will be used — on readers who come after the data
 * they were fitted on. A random split would let a day's (or a story's)
 * peculiarities leak from the fit into the test and flatter the fit.
 */

/** About this share of the examples, the earliest days, fits; the rest tests. */
export const FIT_FRACTION = 0.7;

export interface TimeSplit<Example> {
  fit: Example[];
  test: Example[];
}

/**
 * Splits examples by day at the day boundary closest to `FIT_FRACTION` of
 * them (the earlier boundary on a tie), so that every fit example's day
 * precedes every test example's and no day is on both sides. With a single
 * day there is no boundary: all fit and the test part is empty.
 */
export function timeSplit<Example extends { day: number }>(examples: readonly Example[]): TimeSplit<Example> {
  const sorted = [...examples].sort((a, b) => a.day - b.day);
  const target = FIT_FRACTION * sorted.length;
  let cut = sorted.length;
  for (let at = 1; at < sorted.length; at++) {
    if (sorted[at]!.day === sorted[at - 1]!.day) continue;
    if (cut === sorted.length || Math.abs(at - target) < Math.abs(cut - target)) cut = at;
  }
  return { fit: sorted.slice(0, cut), test: sorted.slice(cut) };
}
