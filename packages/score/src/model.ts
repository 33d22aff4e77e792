/**
 * A scoring model is data: which measures of an engagement state count, how
 * many points each is worth, where each is capped, and how raw points map to
 * a 0–100 score and a band. Sites may define their own; `DEFAULT_MODEL` is the
 * table of DESIGN.md ("The score").
 */

/** The measures of a content state (one visitor, one content) that a signal can weigh. */
export const MEASURES = [
  'views',
  'sessions',
  'further_sessions',
  'engaged_ms',
  'shares',
  'scroll_depth',
  'ratings',
  'rating_mean',
] as const;

/** The measures of a reader state (one visitor, the whole site) that a signal can weigh. */
export const READER_MEASURES = [
  'active_days',
  'contents',
  'sessions',
  'views',
  'engaged_ms',
  'shares',
  'ratings',
  'rating_mean',
] as const;

/** A built-in measure, or the count of a custom event by name (`custom:comment`). */
export type Measure = (typeof MEASURES)[number] | (typeof READER_MEASURES)[number] | `custom:${string}`;

/** Bounds on measures: a signal applies only while each listed measure keeps to its bound. */
export type Bounds = Partial<Record<Measure, number>>;

export interface Signal {
  /** The measure of the state this signal weighs. */
  measure: Measure;
  /** The count is `floor(measure / per)`: e.g. each full 15,000 ms of engaged time. Default 1. */
  per?: number;
  /** Points per count; negative for a penalty. */
  points: number;
  /** The most points (in absolute value) this signal can add or take away. */
  cap?: number;
  /**
   * The signal applies only while every listed measure is strictly below its
   * bound: the bounce is "sessions < 2, engaged_ms < 10,000, shares < 1".
   */
  below?: Bounds;
  /** …and at least its bound: the reader's "active on at least 20 days". */
  atLeast?: Bounds;
  /** …and at most its bound: the detractor's "mean rating of at most 2". */
  atMost?: Bounds;
}

export interface Band {
  /** Lowest raw score (inclusive) of this band. */
  min: number;
  /** What editors read, e.g. "Highly engaged". */
  label: string;
}

export interface Model {
  /** The state it scores: one visitor's engagement with one content (the default) or a reader's with the site. */
  kind?: 'content' | 'reader';
  /** Signals by name; the name is what `score().signals` reports. */
  signals: Record<string, Signal>;
  /** The raw score that maps to 100. */
  max: number;
  /** Bands by name, matched on the raw score: the band with the highest `min` that the raw score reaches. */
  bands: Record<string, Band>;
  /**
   * Events older than this many days (before `now`) do not count; a reader
   * model's window is this many whole UTC days, today included.
   */
  windowDays: number;
  /** A session ends after this many minutes without activity. */
  sessionTimeoutMinutes: number;
}

/** Milliseconds in a day, for `windowDays`. */
export const DAY_MS = 86_400_000;

/**
 * The default model: DESIGN.md's table, after the classic customer-engagement
 * weighting (weights, caps, bands 0–50 / 50–100 / 100–150) adapted to content.
 */
export const DEFAULT_MODEL: Model = {
  signals: {
    view: { measure: 'views', points: 10, cap: 10 },
    engaged: { measure: 'engaged_ms', per: 15_000, points: 5, cap: 40 },
    repeat: { measure: 'further_sessions', points: 25, cap: 50 },
    share: { measure: 'shares', points: 25, cap: 50 },
    bounce: {
      measure: 'sessions',
      points: -10,
      below: { sessions: 2, engaged_ms: 10_000, shares: 1 },
    },
  },
  max: 150,
  bands: {
    high: { min: 100, label: 'Highly engaged' },
    medium: { min: 50, label: 'Moderately engaged' },
    low: { min: 0, label: 'At risk' },
  },
  windowDays: 30,
  sessionTimeoutMinutes: 30,
};

/**
 * `modelVersion(DEFAULT_MODEL)`, pinned so that the SDK can name the default
 * model's version without shipping the hash; a test keeps the two equal.
 */
export const DEFAULT_MODEL_VERSION = '1aa2fd4916aa0c';

/**
 * The default reader model: DESIGN.md's table ("The reader score"), the
 * classic weighting table applied to readers. The detractor's penalty is
 * capped at its points, so that it counts once however many contents were
 * rated, as the table's flat −25 says.
 */
export const DEFAULT_READER_MODEL: Model = {
  kind: 'reader',
  signals: {
    daily: { measure: 'active_days', points: 50, cap: 50, atLeast: { active_days: 20 } },
    weekly: {
      measure: 'active_days',
      points: 25,
      cap: 25,
      atLeast: { active_days: 4 },
      below: { active_days: 20 },
    },
    monthly: { measure: 'active_days', points: 10, cap: 10, below: { active_days: 4 } },
    breadth: { measure: 'contents', points: 10, cap: 50 },
    depth: { measure: 'engaged_ms', per: 600_000, points: 5, cap: 25 },
    promoter: { measure: 'ratings', points: 25, cap: 25, atLeast: { rating_mean: 4 } },
    detractor: { measure: 'ratings', points: -25, cap: 25, atMost: { rating_mean: 2 } },
  },
  max: 150,
  bands: DEFAULT_MODEL.bands,
  windowDays: 30,
  sessionTimeoutMinutes: 30,
};

/** `modelVersion(DEFAULT_READER_MODEL)`, pinned as `DEFAULT_MODEL_VERSION` is. */
export const DEFAULT_READER_MODEL_VERSION = '1c42aa10a2949e';
