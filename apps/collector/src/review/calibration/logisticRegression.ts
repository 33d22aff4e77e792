/**
 * L2-regularized logistic regression, fitted by Newton's method (IRLS) with a
 * backtracking line search; ml-matrix solves each Newton system.
 *
 * Why not ml-logistic-regression (installed for this, and left unused): it
 * runs a fixed number of plain gradient steps (50,000 by default) on the
 * *summed* gradient, so its step grows with the number of examples and
 * diverges on a large site unless retuned per site; it has no intercept (a
 * column of ones has to be added, and is then penalized alike) and no L2
 * penalty, so a signal that separates a small sample perfectly drives its
 * weight as far as the steps allow; it trains both one-vs-all classifiers of
 * a two-class problem; and it ships no types. Measured here on 3,000 rows of
 * 7 columns, its default training took 57 s; 30,000 rows did not finish 500
 * steps in a minute. Newton on the same problems converges in 4–5 iterations
 * of O(n·k²) (0.1 s; 100,000 rows in 0.4 s) to the exact penalized optimum.
 */
import { Matrix, solve } from 'ml-matrix';

/**
 * The L2 penalty λ of ½·λ·‖w‖² added to the summed log-loss, as
 * scikit-learn's default (C = 1): on standardized features it barely moves
 * weights fitted on hundreds of examples, yet keeps a perfectly separating
 * signal's weight finite. The intercept is not penalized.
 */
export const L2_PENALTY = 1;

/** Newton converges quadratically: far fewer are ever needed. */
const MAX_ITERATIONS = 100;

/** Converged once the Newton decrement (the loss a full step would still gain) is below this. */
const TOLERANCE = 1e-10;

export interface LogisticFit {
  intercept: number;
  /** One weight per feature, on the features' own scale. */
  weights: number[];
}

/** log(1 + e^η) without overflow. */
const softplus = (eta: number) => (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)));

/** The logistic regression of `outcomes` on `rows` (features, one array per example). */
export function logisticRegression(
  rows: readonly (readonly number[])[],
  outcomes: readonly boolean[],
  l2 = L2_PENALTY,
): LogisticFit {
  const width = (rows[0]?.length ?? 0) + 1;
  // θ[0] is the intercept, θ[j + 1] the weight of feature j.
  let theta = new Array<number>(width).fill(0);
  const eta = (coefficients: readonly number[], row: readonly number[]) =>
    row.reduce((sum, value, j) => sum + coefficients[j + 1]! * value, coefficients[0]!);
  const loss = (coefficients: readonly number[]) =>
    rows.reduce((sum, row, i) => {
      const linear = eta(coefficients, row);
      return sum + softplus(linear) - (outcomes[i] ? linear : 0);
    }, 0) +
    (l2 / 2) * coefficients.reduce((sum, value, j) => sum + (j ? value * value : 0), 0);

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = theta.map((value, j) => (j ? l2 * value : 0));
    // The Hessian Xᵀ·diag(p(1 − p))·X + λ·I (the intercept unpenalized), row-major.
    const hessian = new Float64Array(width * width);
    for (let j = 1; j < width; j++) hessian[j * width + j] = l2;
    rows.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-eta(theta, row)));
      const residual = p - (outcomes[i] ? 1 : 0);
      const weight = p * (1 - p);
      for (let a = 0; a < width; a++) {
        const xa = a ? row[a - 1]! : 1;
        gradient[a]! += residual * xa;
        for (let b = 0; b < width; b++) hessian[a * width + b]! += weight * xa * (b ? row[b - 1]! : 1);
      }
    });
    const matrix = Matrix.from1DArray(width, width, hessian);
    const step = solve(matrix, Matrix.columnVector(gradient)).to1DArray();
    const decrement = step.reduce((sum, value, j) => sum + value * gradient[j]!, 0);
    if (!(decrement > TOLERANCE)) break;
    // Halve the step until it lowers the loss enough (Armijo); a full Newton step usually does.
    const before = loss(theta);
    let size = 1;
    let next = theta.map((value, j) => value - step[j]!);
    while (loss(next) > before - 1e-4 * size * decrement && size > 1e-10) {
      size /= 2;
      next = theta.map((value, j) => value - size * step[j]!);
    }
    theta = next;
  }
  return { intercept: theta[0]!, weights: theta.slice(1) };
}
