/**
 * How content is ranked without letting one enthusiastic reader put an
 * article on top: by the lower bound of a 95% interval of its mean reader
 * score, where the variance is estimated with a prior. With few readers the
 * bound is low however high their scores; with many it approaches the mean.
 *
 * The variance of the readers' scores is the sample's sum of squares plus
 * `PRIOR_READERS` pseudo-readers at the largest variance a 0–100 score can
 * have (50², half the readers at 0 and half at 100), divided by
 * (n − 1 + `PRIOR_READERS`). Two perfect readers cannot look certain, and 500
 * readers are barely affected.
 */
import { bandOf, type Model } from '@dwell/score';

/** z of a two-sided 95% interval. */
export const Z_95 = 1.959964;

/** The largest variance of a score bounded by 0 and 100: 50². */
export const PRIOR_VARIANCE = 2_500;

/** How many pseudo-readers at `PRIOR_VARIANCE` the variance estimate starts from. */
export const PRIOR_READERS = 2;

export interface ScoreInterval {
  /** Mean score of the readers, 0–100, one decimal. */
  score: number;
  /** Bounds of the 95% interval, 0–100, one decimal; `low` is the ranking key. */
  low: number;
  high: number;
}

/** Rounds to one decimal, as scores are shown. */
export const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * The band of a stored score (× 10). Bands are set on raw points and the
 * score is rounded to a tenth, so half a tenth is added back: raw 50 is stored
 * as 33.3, which is 49.95 raw, and must still be `medium`.
 */
export function bandOfScoreX10(scoreX10: number, model: Model): string {
  return bandOf(((scoreX10 + 0.5) * model.max) / 1000, model);
}

/** The band of a score to one decimal, such as a mean of readers' scores: as `bandOfScoreX10`. */
export function bandOfScore(score: number, model: Model): string {
  return bandOfScoreX10(Math.round(score * 10), model);
}

/** The mean and interval of `readers` scores given Σ score × 10 and Σ (score × 10)². */
export function scoreInterval(readers: number, sumX10: number, sumSqX10: number): ScoreInterval {
  if (readers <= 0) return { score: 0, low: 0, high: 100 };
  const mean = sumX10 / 10 / readers;
  const squares = Math.max(0, sumSqX10 / 100 - readers * mean * mean);
  const variance = (squares + PRIOR_READERS * PRIOR_VARIANCE) / (readers - 1 + PRIOR_READERS);
  const half = Z_95 * Math.sqrt(variance / readers);
  return {
    score: oneDecimal(mean),
    low: oneDecimal(Math.max(0, mean - half)),
    high: oneDecimal(Math.min(100, mean + half)),
  };
}
