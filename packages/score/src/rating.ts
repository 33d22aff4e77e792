/**
 * A reader's rating of a content (DESIGN.md, "Feedback"): an integer on a
 * 5-point Likert scale, with the time it was given, so that of two ratings of
 * the same content the later one counts, in whatever order they are folded.
 */

/** `[ts, rating]`: when the rating was given, and the rating 1–5. */
export type Rating = [ts: number, rating: number];

/** The lowest and highest rating: "not worth my time" … "very worth it". */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** Whether `value` is a rating: an integer from 1 to 5. */
export function isRating(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= RATING_MIN && (value as number) <= RATING_MAX;
}

/** The later of two ratings; at the same moment the higher, so that the choice never depends on order. */
export function laterRating(a: Rating | undefined, b: Rating | undefined): Rating | undefined {
  if (!a || !b) return a ?? b;
  return b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a;
}
