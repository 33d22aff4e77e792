/**
 * Fitted weights back into a model: the regression's log-odds per count
 * become points per count, rescaled to the model's own scale, so that the
 * bands (and `max`) keep their meaning and an editor compares like with like.
 */
import type { Model, Signal } from '@dwell/score';

export interface FittedSignal {
  /**
   * The fitted log-odds per count; `null` when the signal's count never varied
   * on the fit part, so the data says nothing about it and its points are kept.
   */
  perCount: number | null;
  /** The largest count seen on the fit part (what an uncapped signal can reach). */
  observedMax: number;
}

/** The most counts a signal adds: a capped signal's cap ÷ its points, else the most seen. */
function maxCount(signal: Signal, fitted: FittedSignal): number {
  return signal.points !== 0 && signal.cap !== undefined
    ? signal.cap / Math.abs(signal.points)
    : fitted.observedMax;
}

/**
 * The suggested model: `model` with each signal's points replaced by its
 * fitted weight × one scale, rounded; kind, bands, max, window, session
 * timeout, measures, per, bounds and caps kept. The scale makes the positive
 * signals' reach (Σ points × max count: 150 for DEFAULT_MODEL, its `max`)
 * what it is in the current model. Penalties stay negative if the data says
 * so, a negligible weight rounds to 0, and a cap is raised only where it
 * would fall below one count's points (the signal must be able to count once).
 * The signals in `unproven` (their held-out effect is within chance) count
 * in the scale but keep their points: a weight fitted to noise, however
 * large (a rare count's log-odds are), is no reason to change one.
 */
export function suggestModel(
  model: Model,
  fitted: Readonly<Record<string, FittedSignal>>,
  unproven: ReadonlySet<string> = new Set(),
): Model {
  const evidence = Object.entries(model.signals).flatMap(([name, signal]) => {
    const fit = fitted[name];
    return fit && fit.perCount !== null
      ? [{ name, points: signal.points, perCount: fit.perCount, count: maxCount(signal, fit) }]
      : [];
  });
  const reach = (weights: readonly number[], positiveOnly: boolean) =>
    evidence.reduce((sum, { count }, i) => {
      const weight = weights[i]!;
      return sum + (positiveOnly ? Math.max(0, weight) : Math.abs(weight)) * count;
    }, 0);
  const current = evidence.map(({ points }) => points);
  const weights = evidence.map(({ perCount }) => perCount);
  // Only penalties fitted (every score would floor at 0): scale on both signs instead.
  const positiveOnly = reach(weights, true) > 0;
  const fittedReach = reach(weights, positiveOnly);
  if (!(fittedReach > 0)) return model;
  // A current model of penalties only has no positive reach: its `max` is the scale then.
  const scale = (reach(current, positiveOnly) || model.max) / fittedReach;

  const signals: Record<string, Signal> = { ...model.signals };
  evidence.forEach(({ name, perCount }) => {
    if (unproven.has(name)) return;
    const signal = model.signals[name]!;
    // `+ 0` turns the -0 of a rounded small penalty into 0.
    const points = Math.round(scale * perCount) + 0;
    const cap = signal.cap !== undefined ? Math.max(signal.cap, Math.abs(points)) : undefined;
    signals[name] = { ...signal, points, ...(cap !== undefined ? { cap } : {}) };
  });
  return { ...model, signals };
}
