/**
 * A scoring model is data: which measures of an engagement state count, how
 * many points each is worth, where each is capped, and how raw points map to
 * a 0–100 score and a band. Sites may define their own; `DEFAULT_MODEL` is the
 * table of DESIGN.md ("The score").
 */

/** The measures of an engagement state that a signal can weigh. */
export const MEASURES = [
  'views',
  'sessions',
  'further_sessions',
  'engaged_ms',
  'shares',
  'scroll_depth',
] as const;

/** A built-in measure, or the count of a custom event by name (`custom:comment`). */
export type Measure = (typeof MEASURES)[number] | `custom:${string}`;

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
  below?: Partial<Record<Measure, number>>;
}

export interface Band {
  /** Lowest raw score (inclusive) of this band. */
  min: number;
  /** What editors read, e.g. "Highly engaged". */
  label: string;
}

export interface Model {
  /** Signals by name; the name is what `score().signals` reports. */
  signals: Record<string, Signal>;
  /** The raw score that maps to 100. */
  max: number;
  /** Bands by name, matched on the raw score: the band with the highest `min` that the raw score reaches. */
  bands: Record<string, Band>;
  /** Events older than this many days (before `now`) do not count. */
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
