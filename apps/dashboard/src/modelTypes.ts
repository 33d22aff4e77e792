/**
 * The review-and-adjust API as the Model view reads it (DESIGN.md, "Review
 * and adjust"): the active models, their history, a preview of candidates
 * and a calibration against an outcome. Only the fields the view uses.
 */
import type { Issue } from '@dwell/contract';

export type Scope = 'content' | 'reader';

export interface Signal {
  measure: string;
  per?: number;
  points: number;
  cap?: number;
  below?: Record<string, number>;
  atLeast?: Record<string, number>;
  atMost?: Record<string, number>;
}

export interface Model {
  kind?: Scope;
  signals: Record<string, Signal>;
  max: number;
  bands: Record<string, { min: number; label: string }>;
  windowDays: number;
  sessionTimeoutMinutes: number;
}

/** `GET /model`: the active content model and reader model, each with its version. */
export interface ActiveModels {
  version: string;
  model: Model;
  reader: { version: string; model: Model };
}

/** One applied model of `GET /models`, newest first. */
export interface HistoryItem {
  kind: Scope;
  version: string;
  applied_at: string;
  active: boolean;
  source: 'config' | 'api';
  model: Model;
}

export interface History {
  site: string;
  models: HistoryItem[];
}

/** A candidate: the edited models, each only when it differs from the active one. */
export interface Candidate {
  model?: Model;
  reader?: Model;
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
export interface Preview {
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
export interface Applied {
  site: string;
  version: string;
  reader: { version: string };
  applied_at: string;
  applied: HistoryItem[];
}

export type Outcome = { return_within_days: number } | { event: string; within_days: number };

export interface CalibrationRequest {
  scope: Scope;
  outcome: Outcome;
  from?: string;
  to?: string;
}

interface Rate {
  n: number;
  rate: number | null;
}

export interface CalibratedSignal {
  signal: string;
  measure: string;
  points: number;
  suggested_points: number;
  with: Rate;
  without: Rate;
  lift: number | null;
  auc: number;
}

/** `POST /models/calibrate`. */
export interface Calibration {
  site: string;
  scope: Scope;
  from: string;
  to: string;
  n: number;
  positives: number;
  split: {
    fit: { n: number; positives: number; to: string };
    test: { n: number; positives: number; from: string };
  };
  signals: CalibratedSignal[];
  suggested: { model: Model; version: string };
  auc: { current: number; suggested: number };
  verdict: 'suggested' | 'no_signal';
}

export type { Issue };
