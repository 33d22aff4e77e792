/**
 * What an editor reads about one signal: how often the outcome followed with
 * and without it, their ratio, and how well the signal alone ranks the
 * held-out examples.
 */
import type { Signal } from '@dwell/score';
import type { Rate, SignalReport } from './calibration.js';

/** The outcome's rate among the examples whose count passes `test`. */
function rateOf(
  counts: readonly number[],
  outcomes: readonly boolean[],
  test: (count: number) => boolean,
): Rate {
  let n = 0;
  let positives = 0;
  counts.forEach((count, i) => {
    if (!test(count)) return;
    n++;
    if (outcomes[i]) positives++;
  });
  return { n, rate: n ? positives / n : null };
}

/**
 * The report of signal `name`: `counts` and `outcomes` are all the examples'
 * (the rates describe the site's data), `auc` the held-out one.
 */
export function signalReport(
  name: string,
  signal: Signal,
  suggested: Signal,
  counts: readonly number[],
  outcomes: readonly boolean[],
  auc: number,
): SignalReport {
  const present = rateOf(counts, outcomes, (count) => count > 0);
  const absent = rateOf(counts, outcomes, (count) => !(count > 0));
  return {
    signal: name,
    measure: signal.measure,
    points: signal.points,
    suggestedPoints: suggested.points,
    with: present,
    without: absent,
    lift: present.rate !== null && absent.rate ? present.rate / absent.rate : null,
    auc,
  };
}

/** Strongest predictor first (|auc − 0.5| descending: a signal that falls with the outcome predicts too), then by name. */
export function byStrength(a: SignalReport, b: SignalReport): number {
  return (
    Math.abs(b.auc - 0.5) - Math.abs(a.auc - 0.5) || (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : 0)
  );
}
