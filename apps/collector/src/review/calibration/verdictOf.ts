/**
 * Whether the data predicts the outcome at all. When it does not, fitted
 * weights are noise, and suggesting them would be a misleading reweighting.
 */
import type { Verdict } from './calibration.js';

/** An AUC within this of 0.5 predicts too little to act on, however many examples show it. */
export const AUC_MARGIN = 0.05;

/**
 * …and within this many standard deviations of a null AUC (a coin's, on
 * this many held-out examples) it may be chance: beyond 3 a useless
 * signal strays 0.3% of the time, so the best of seven about 2%.
 */
export const NULL_DEVIATIONS = 3;

/**
 * The margin around 0.5 for `positives` and `negatives` held-out examples:
 * the larger of `AUC_MARGIN` and `NULL_DEVIATIONS` × the null AUC's standard
 * deviation √((n₁ + n₀ + 1) ÷ (12·n₁·n₀)) (Mann–Whitney without ties; ties only
 * narrow it, so this errs towards "no signal").
 */
export function aucMargin(positives: number, negatives: number): number {
  const deviation = Math.sqrt((positives + negatives + 1) / (12 * positives * negatives));
  return Math.max(AUC_MARGIN, NULL_DEVIATIONS * deviation);
}

export interface VerdictInput {
  /** Each signal's held-out AUC on its own. */
  signalAucs: readonly number[];
  /** The held-out AUC of the fitted regression (before rounding into points). */
  fittedAuc: number;
  /** Held-out positives and negatives. */
  positives: number;
  negatives: number;
}

/**
 * `no_signal` when no signal on its own is further than the margin from 0.5
 * (either way: a signal that falls with the outcome predicts too) and the
 * fitted combination does not beat 0.5 by the margin; else `suggested`.
 */
export function verdictOf({ signalAucs, fittedAuc, positives, negatives }: VerdictInput): Verdict {
  const margin = aucMargin(positives, negatives);
  const predictive = signalAucs.some((value) => Math.abs(value - 0.5) > margin) || fittedAuc - 0.5 > margin;
  return predictive ? 'suggested' : 'no_signal';
}
