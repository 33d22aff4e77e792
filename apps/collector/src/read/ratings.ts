/** The rating summary and the audience of a content item (DESIGN.md, "Feedback", "The reader score"). */
import type { RatingSummary } from '@dwell/contract';
import type { AudienceSum, RatingCounts } from '../store/store.js';

/** Count, mean to two decimals, and distribution of a content's ratings. */
export function ratingSummary(counts: RatingCounts | undefined): RatingSummary {
  const distribution: RatingCounts = counts ? [...counts] : [0, 0, 0, 0, 0];
  const count = distribution.reduce((total, n) => total + n, 0);
  const total = distribution.reduce((sum, n, index) => sum + n * (index + 1), 0);
  return { count, mean: count ? Math.round((total / count) * 100) / 100 : null, distribution };
}

/** The mean reader score of a content's readers, to one decimal; `null` without readers. */
export function audienceOf(sum: AudienceSum | undefined): number | null {
  return sum?.readers ? Math.round(sum.scoreX10 / sum.readers) / 10 : null;
}
