/**
 * `POST /models/calibrate`: the examples out of the store's history
 * (`calibrationExamples.ts`), calibrated against the site's active model of
 * the scope (`calibration/`), and the answer as the API gives it.
 */
import { modelVersion } from '@dwell/score';
import type { CalibrationReport as CalibrationAnswer } from '@dwell/contract';
import { isoDay } from '../days.js';
import type { Site } from '../sites.js';
import type { DayRange, Store } from '../store/store.js';
import { calibrate, type Calibration, type CalibrationReport } from './calibration/index.js';
import {
  contentExamples,
  outcomeDaysOf,
  readerExamples,
  scoredDays,
  type Outcome,
} from './calibrationExamples.js';

export type Scope = 'content' | 'reader';

export async function runCalibration(
  store: Store,
  site: Site,
  scope: Scope,
  outcome: Outcome,
  range: DayRange,
  today: number,
): Promise<Calibration> {
  const model = scope === 'content' ? site.model : site.readerModel;
  const scored = scoredDays(range, outcome, today);
  const after = scored.to + outcome.withinDays;
  if (scope === 'reader') {
    const rows = store.readerDays(site.id, { from: scored.from - model.windowDays + 1, to: after });
    return calibrate(await readerExamples(rows, scored, model, outcome), model);
  }
  const outcomeDays = await outcomeDaysOf(
    store.readerDays(site.id, { from: scored.from, to: after }),
    outcome,
  );
  const rows = store.pairDays(site.id, { from: scored.from - model.windowDays + 1, to: scored.to });
  return calibrate(await contentExamples(rows, scored, model, outcome, outcomeDays), model);
}

/** The report as `POST /models/calibrate` answers it. */
export function calibrationAnswer(
  site: Site,
  scope: Scope,
  range: DayRange,
  report: CalibrationReport,
): CalibrationAnswer {
  return {
    site: site.id,
    scope,
    from: isoDay(range.from),
    to: isoDay(range.to),
    n: report.n,
    positives: report.positives,
    split: {
      fit: {
        n: report.split.fit.n,
        positives: report.split.fit.positives,
        to: isoDay(report.split.fit.lastDay),
      },
      test: {
        n: report.split.test.n,
        positives: report.split.test.positives,
        from: isoDay(report.split.test.firstDay),
      },
    },
    signals: report.signals.map(({ suggestedPoints, ...signal }) => ({
      ...signal,
      suggested_points: suggestedPoints,
    })),
    suggested: { model: report.suggested, version: modelVersion(report.suggested) },
    auc: report.auc,
    verdict: report.verdict,
  };
}
