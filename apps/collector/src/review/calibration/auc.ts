/**
 * The area under the ROC curve, exactly: the Mann–Whitney statistic over all
 * (positive, negative) pairs, a pair whose scores tie counting half. It is
 * the chance that a random positive scores above a random negative, so 0.5
 * is "no better than a coin", 1 a perfect ranking and 0 a reversed one.
 */

/**
 * AUC of `scores` (finite numbers) for the outcomes `positive` at the same
 * indices. Throws a RangeError when the lengths differ or a class is empty:
 * the AUC is then undefined, and a caller must refuse rather than show a number.
 */
export function auc(scores: readonly number[], positive: readonly boolean[]): number {
  if (scores.length !== positive.length) throw new RangeError('auc: scores and outcomes differ in length');
  const order = scores.map((_, index) => index).sort((a, b) => scores[a]! - scores[b]!);
  // Ranks from 1, ties sharing the mean of their ranks: the Mann–Whitney U counts a tie half.
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let at = start; at < end; at++) {
      if (positive[order[at]!]) {
        rankSum += rank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0)
    throw new RangeError('auc: needs at least one positive and one negative');
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
