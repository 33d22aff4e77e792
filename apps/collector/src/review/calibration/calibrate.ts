/**
 * Calibration (DESIGN.md, "Review and adjust"): which signals of a model
 * predict an outcome on a site's own data, and the points a logistic
 * regression fitted on the earlier examples suggests, both judged by their
 * AUC on the later examples. Pure: the caller extracts the examples (states
 * measured before each outcome's period) and maps the result to HTTP.
 */
import { score, type Model, type Signal } from '@dwell/score';
import { auc } from './auc.js';
import type { Calibration, CalibrationExample, CalibrationPart } from './calibration.js';
import { logisticRegression } from './logisticRegression.js';
import { byStrength, signalReport } from './signalReport.js';
import { signalCount } from './signalCount.js';
import { standardizer } from './standardizer.js';
import { suggestModel, type FittedSignal } from './suggestModel.js';
import { timeSplit } from './timeSplit.js';
import { aucMargin, verdictOf } from './verdictOf.js';

/**
 * The fewest positives, and the fewest negatives, a calibration needs: with
 * fewer, a fitted weight or an AUC moves by tenths from one sample to the next.
 */
export const MIN_CLASS_EXAMPLES = 50;

/**
 * The fewest of each class that each side of the time split needs: the fit
 * needs both outcomes to weigh anything, and the held-out AUC is undefined
 * without both (outcomes bunched in time can leave a side short of one).
 */
export const MIN_PART_CLASS_EXAMPLES = 10;

interface Row extends CalibrationExample {
  counts: number[];
}

const positivesOf = (rows: readonly { positive: boolean }[]) => rows.filter((row) => row.positive).length;

/** The too-little-data answer for `part`, or `null` when it has enough of both classes. */
function shortOf(
  part: CalibrationPart,
  rows: readonly { positive: boolean }[],
  needed: number,
): Calibration | null {
  const positives = positivesOf(rows);
  const negatives = rows.length - positives;
  return positives < needed || negatives < needed
    ? { ok: false, reason: 'too_little_data', part, positives, negatives, needed }
    : null;
}

/** Calibrates `model` against the outcomes of `examples`. */
export function calibrate(examples: readonly CalibrationExample[], model: Model): Calibration {
  const tooFew = shortOf('all', examples, MIN_CLASS_EXAMPLES);
  if (tooFew) return tooFew;
  const signals: [string, Signal][] = Object.entries(model.signals);
  const rows: Row[] = examples.map((example) => ({
    ...example,
    counts: signals.map(([, signal]) => signalCount(example.state, signal)),
  }));
  const { fit, test } = timeSplit(rows);
  const shortPart =
    shortOf('fit', fit, MIN_PART_CLASS_EXAMPLES) ?? shortOf('test', test, MIN_PART_CLASS_EXAMPLES);
  if (shortPart) return shortPart;

  // Fit on the earlier part, in standard units; weights back to log-odds per count.
  const standard = standardizer(fit.map((row) => row.counts));
  const regression = logisticRegression(
    fit.map((row) => standard.apply(row.counts)),
    fit.map((row) => row.positive),
  );
  const fitted: Record<string, FittedSignal> = {};
  signals.forEach(([name], j) => {
    const deviation = standard.deviations[j]!;
    fitted[name] = {
      perCount: deviation ? regression.weights[j]! / deviation : null,
      observedMax: fit.reduce((most, row) => Math.max(most, row.counts[j]!), 0),
    };
  });

  // Judge on the later part only.
  const outcomes = test.map((row) => row.positive);
  const heldOut = (scores: readonly number[]) => auc(scores, outcomes);
  const fittedAuc = heldOut(
    test.map((row) =>
      standard.apply(row.counts).reduce((sum, value, j) => sum + regression.weights[j]! * value, 0),
    ),
  );
  // A signal's points are its count × points: a penalty ranks by minus its count.
  const signalAucs = signals.map(([, signal], j) =>
    heldOut(test.map((row) => (signal.points < 0 ? -1 : 1) * row.counts[j]!)),
  );
  const current = heldOut(test.map((row) => score(row.state, model).raw));
  const testPositives = positivesOf(test);
  const verdict = verdictOf({
    signalAucs,
    fittedAuc,
    positives: testPositives,
    negatives: test.length - testPositives,
  });
  const margin = aucMargin(testPositives, test.length - testPositives);
  const unproven = new Set(
    signals.filter((_, j) => Math.abs(signalAucs[j]! - 0.5) <= margin).map(([name]) => name),
  );
  const suggested = verdict === 'suggested' ? suggestModel(model, fitted, unproven) : model;

  const allOutcomes = rows.map((row) => row.positive);
  return {
    ok: true,
    report: {
      n: rows.length,
      positives: positivesOf(rows),
      split: {
        fit: { n: fit.length, positives: positivesOf(fit), lastDay: fit[fit.length - 1]!.day },
        test: { n: test.length, positives: testPositives, firstDay: test[0]!.day },
      },
      signals: signals
        .map(([name, signal], j) =>
          signalReport(
            name,
            signal,
            suggested.signals[name]!,
            rows.map((row) => row.counts[j]!),
            allOutcomes,
            signalAucs[j]!,
          ),
        )
        .sort(byStrength),
      suggested,
      auc: {
        current,
        suggested:
          suggested === model ? current : heldOut(test.map((row) => score(row.state, suggested).raw)),
      },
      verdict,
    },
  };
}
