/**
 * Standardization of features on the fit part: each feature minus its mean,
 * divided by its standard deviation, so that one L2 penalty treats a count of
 * shares (0–2) and of engaged quarter-minutes (0–8) alike, and Newton's
 * steps are well conditioned.
 */

export interface Standardizer {
  means: number[];
  /** Standard deviations; 0 for a feature that is constant on the fit part (it carries no evidence). */
  deviations: number[];
  /** A row in standard units; a constant feature becomes 0. */
  apply(row: readonly number[]): number[];
}

/** The standardizer of `rows` (one array of features per example, all of the same length). */
export function standardizer(rows: readonly (readonly number[])[]): Standardizer {
  const width = rows[0]?.length ?? 0;
  const means = Array.from(
    { length: width },
    (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length,
  );
  const deviations = means.map((mean, j) => {
    const variance = rows.reduce((sum, row) => sum + (row[j]! - mean) ** 2, 0) / rows.length;
    // Rounding leaves a constant column a variance of ~1e-30, not 0: that is no variation.
    return variance > 1e-12 * Math.max(1, mean * mean) ? Math.sqrt(variance) : 0;
  });
  return {
    means,
    deviations,
    apply: (row) => row.map((value, j) => (deviations[j] ? (value - means[j]!) / deviations[j]! : 0)),
  };
}
