import { describe, expect, it } from 'vitest';
import { random } from '../../testing/random.js';
import { L2_PENALTY, logisticRegression } from './logisticRegression.js';

/** The penalized loss's gradient at `fit`, per example: zero at the optimum. */
function gradientAt(rows: number[][], outcomes: boolean[], fit: ReturnType<typeof logisticRegression>) {
  const gradient = [0, ...fit.weights.map((weight) => L2_PENALTY * weight)];
  rows.forEach((row, i) => {
    const eta = row.reduce((sum, value, j) => sum + fit.weights[j]! * value, fit.intercept);
    const residual = 1 / (1 + Math.exp(-eta)) - (outcomes[i] ? 1 : 0);
    gradient[0]! += residual;
    row.forEach((value, j) => (gradient[j + 1]! += residual * value));
  });
  return gradient.map((value) => value / rows.length);
}

describe('logisticRegression', () => {
  it('recovers the coefficients that generated the outcomes', () => {
    const next = random(21);
    const rows: number[][] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [next() < 0.3 ? 1 : 0, next() * 2 - 1, next() < 0.5 ? 1 : 0];
      rows.push(row);
      outcomes.push(next() < 1 / (1 + Math.exp(-(-1 + 2 * row[0]! - 1.5 * row[1]!))));
    }
    const fit = logisticRegression(rows, outcomes);
    expect(fit.intercept).toBeCloseTo(-1, 0);
    expect(Math.abs(fit.weights[0]! - 2)).toBeLessThan(0.15);
    expect(Math.abs(fit.weights[1]! + 1.5)).toBeLessThan(0.15);
    expect(Math.abs(fit.weights[2]!)).toBeLessThan(0.1);
    for (const value of gradientAt(rows, outcomes, fit)) expect(Math.abs(value)).toBeLessThan(1e-8);
  });

  it('keeps a perfectly separating weight finite, at the penalized optimum', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 2]);
    const outcomes = rows.map(([value]) => value === 1);
    const fit = logisticRegression(rows, outcomes);
    expect(fit.weights[0]).toBeGreaterThan(2);
    expect(fit.weights[0]).toBeLessThan(10);
    for (const value of gradientAt(rows, outcomes, fit)) expect(Math.abs(value)).toBeLessThan(1e-8);
  });

  it('gives a constant feature no weight', () => {
    const next = random(22);
    const rows = Array.from({ length: 300 }, () => [0, next()]);
    const outcomes = rows.map(([, value]) => next() < value!);
    expect(logisticRegression(rows, outcomes).weights[0]).toBe(0);
  });
});
