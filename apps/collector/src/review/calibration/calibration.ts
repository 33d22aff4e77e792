/**
 * The types of a calibration (DESIGN.md, "Review and adjust"): labelled
 * examples in, and either a report of each signal's predictive power with a
 * suggested model, or why there is too little data to say.
 */
import type { Measure, Model, State } from '@dwell/score';

/** One scored activity (a content state or a reader state) and whether the outcome followed it. */
export interface CalibrationExample {
  /** The state as it was before the outcome's period began. */
  state: State;
  /** Whether the outcome (a return, a custom event) happened. */
  positive: boolean;
  /** UTC day number of the scored activity's end: what the time split orders by. */
  day: number;
}

/** How often the outcome followed among `n` examples; `null` when there are none. */
export interface Rate {
  n: number;
  rate: number | null;
}

export interface SignalReport {
  signal: string;
  measure: Measure;
  /** Points per count in the current model. */
  points: number;
  /** Points per count in the suggested model. */
  suggestedPoints: number;
  /** Examples (all of them) where the signal counted at least once… */
  with: Rate;
  /** …and where it did not. */
  without: Rate;
  /** `with.rate ÷ without.rate`; `null` when either is undefined or the divisor is 0. */
  lift: number | null;
  /**
   * Held-out AUC of the signal's current points (of its count when it has
   * 0 points): above 0.5 the signal, as signed now, rises with the outcome.
   */
  auc: number;
}

/** `suggested`: the data predicts the outcome and `suggested` is fitted to it; `no_signal`: it does not. */
export type Verdict = 'suggested' | 'no_signal';

export interface CalibrationReport {
  n: number;
  positives: number;
  /** The time split: the fit part's days all precede the test part's. */
  split: {
    fit: { n: number; positives: number; lastDay: number };
    test: { n: number; positives: number; firstDay: number };
  };
  /** Strongest predictor first: |auc − 0.5| descending, then by name. */
  signals: SignalReport[];
  /** The current model with only points (and a cap below one count's points) changed; the current one unchanged on `no_signal`. */
  suggested: Model;
  /** Held-out AUC of the raw score under the current and the suggested model. */
  auc: { current: number; suggested: number };
  verdict: Verdict;
}

/** Which examples lacked a class: all of them, or one side of the time split. */
export type CalibrationPart = 'all' | 'fit' | 'test';

export type Calibration =
  | { ok: true; report: CalibrationReport }
  | {
      ok: false;
      reason: 'too_little_data';
      part: CalibrationPart;
      /** Positives and negatives in `part`. */
      positives: number;
      negatives: number;
      /** The fewest of each class that `part` needs. */
      needed: number;
    };
