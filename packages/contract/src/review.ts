/**
 * The review-and-adjust API's bodies and answers (DESIGN.md, "Review and
 * adjust"): the active models, their history, a preview of candidates and a
 * calibration against an outcome, as the collector builds them and the
 * dashboard's Model view reads them. A model here is its JSON (`@dwell/score`'s
 * `Model` fits it). Types only.
 */

export type ModelScope = 'content' | 'reader';

export interface ModelSignal {
  measure: string;
  per?: number;
  points: number;
  cap?: number;
  below?: Partial<Record<string, number>>;
  atLeast?: Partial<Record<string, number>>;
  atMost?: Partial<Record<string, number>>;
}

export interface ModelSpec {
  kind?: ModelScope;
  signals: Record<string, ModelSignal>;
  max: number;
  bands: Record<string, { min: number; label: string }>;
  windowDays: number;
  sessionTimeoutMinutes: number;
}

/** `GET /model`: the active content model and reader model, each with its version. */
export interface ActiveModels {
  version: string;
  model: ModelSpec;
  reader: { version: string; model: ModelSpec };
}

/** One applied model of `GET /models`, newest first. */
export interface ModelHistoryItem {
  kind: ModelScope;
  version: string;
  applied_at: string;
  active: boolean;
  source: 'config' | 'api';
  model: ModelSpec;
}

export interface ModelHistory {
  site: string;
  models: ModelHistoryItem[];
}

/** A candidate: the edited models, each only when it differs from the active one. */
export interface ModelCandidate {
  model?: ModelSpec;
  reader?: ModelSpec;
}

export interface PreviewContent {
  content: string;
  title: string | null;
  readers: number;
  score: number;
  rank: number;
  candidate_score: number;
  candidate_rank: number;
}

export type BandCounts = Record<string, number>;

/** `POST /models/preview`. */
export interface ModelPreview {
  site: string;
  from: string;
  to: string;
  current: { model: string; reader: string };
  candidate: { model: string; reader: string };
  contents: PreviewContent[];
  bands: { current: BandCounts; candidate: BandCounts };
  readers: {
    readers: number;
    bands: { current: BandCounts; candidate: BandCounts };
    moved: { up: number; down: number };
  };
}

/** `PUT /model`. */
export interface AppliedModels extends ActiveModels {
  site: string;
  /** When the active models were applied. */
  applied_at: string;
  /** What this call recorded: nothing when the models were active already. */
  applied: ModelHistoryItem[];
}

export type CalibrationOutcome = { return_within_days: number } | { event: string; within_days: number };

export interface CalibrationRequest {
  scope: ModelScope;
  outcome: CalibrationOutcome;
  from?: string;
  to?: string;
}

export interface CalibrationRate {
  n: number;
  rate: number | null;
}

export interface CalibratedSignal {
  signal: string;
  measure: string;
  points: number;
  suggested_points: number;
  with: CalibrationRate;
  without: CalibrationRate;
  lift: number | null;
  auc: number;
}

/** `POST /models/calibrate`. */
export interface CalibrationReport {
  site: string;
  scope: ModelScope;
  from: string;
  to: string;
  n: number;
  positives: number;
  split: {
    fit: { n: number; positives: number; to: string };
    test: { n: number; positives: number; from: string };
  };
  signals: CalibratedSignal[];
  suggested: { model: ModelSpec; version: string };
  auc: { current: number; suggested: number };
  verdict: 'suggested' | 'no_signal';
}
