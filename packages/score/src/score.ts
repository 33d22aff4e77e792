import { measure } from './measure.js';
import type { Bounds, Measure, Model, Signal } from './model.js';
import type { ReaderState } from './reader.js';
import type { EngagementState } from './state.js';
import { modelVersion } from './version.js';

export interface ScoreResult {
  /** 100 × raw / max, rounded to one decimal, 0–100. */
  score: number;
  /** Σ capped points of every signal, floored at 0. */
  raw: number;
  /** Name of the band the raw score falls in. */
  band: string;
  /** Version of the model that produced this score. */
  model: string;
  /** Points each signal contributed, by signal name. */
  signals: Record<string, number>;
}

/** A content state or a reader state: what a model scores (its `kind`). */
export type State = EngagementState | ReaderState;

/** Whether every measure of `bounds` passes `test` against its bound. */
function within(
  state: State,
  bounds: Bounds | undefined,
  test: (value: number, bound: number) => boolean,
): boolean {
  // for…in rather than Object.entries: scoring runs per state in folds and previews, and allocates nothing.
  for (const name in bounds)
    if (!test(measure(state, name as Measure), bounds[name as Measure]!)) return false;
  return true;
}

/** Points of one signal for a state: points × count, capped in absolute value; 0 outside its bounds. */
export function signalPoints(state: State, signal: Signal): number {
  const inBounds =
    within(state, signal.below, (value, bound) => value < bound) &&
    within(state, signal.atLeast, (value, bound) => value >= bound) &&
    within(state, signal.atMost, (value, bound) => value <= bound);
  if (!inBounds) return 0;
  const count = Math.floor(measure(state, signal.measure) / (signal.per ?? 1));
  const points = signal.points * count;
  const cap = signal.cap ?? Infinity;
  // `+ 0` turns the -0 of a penalty times zero into 0.
  return Math.max(-cap, Math.min(cap, points)) + 0;
}

/**
 * The band of a raw score: the one with the highest `min` that the score
 * reaches, else (a model whose lowest band starts above 0) the lowest band.
 */
export function bandOf(raw: number, model: Model): string {
  const bands = Object.entries(model.bands).sort(([, a], [, b]) => b.min - a.min);
  return (bands.find(([, band]) => raw >= band.min) ?? bands[bands.length - 1])?.[0] ?? '';
}

/** Scores a state with a model; the result names the model's version. */
export function score(state: State, model: Model): ScoreResult {
  return scoreAs(state, model, modelVersion(model));
}

/**
 * `score()` with the model's version given rather than hashed: the SDK takes
 * the version the collector sends with the model (or `DEFAULT_MODEL_VERSION`)
 * and so ships no hash function.
 */
export function scoreAs(state: State, model: Model, version: string): ScoreResult {
  const signals: Record<string, number> = {};
  let total = 0;
  for (const name in model.signals) total += signals[name] = signalPoints(state, model.signals[name]!);
  const raw = Math.max(0, total);
  return {
    score: Math.min(100, Math.round((raw * 1000) / model.max) / 10),
    raw,
    band: bandOf(raw, model),
    model: version,
    signals,
  };
}
