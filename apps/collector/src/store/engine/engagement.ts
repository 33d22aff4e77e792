/**
 * How the stored daily states of one (visitor, content) pair become scores.
 * Pure and store-agnostic: every store (SQLite now, PostgreSQL later) keeps
 * one engagement state per (site, visitor, content, UTC day) and calls these,
 * so windowing has one definition. Scoring itself is only `@dwell/score`.
 */
import {
  DAY_MS,
  emptyState,
  fold,
  merge,
  score,
  windowStart,
  type EngagementState,
  type FoldOptions,
  type Model,
  type ScoreEvent,
} from '@dwell/score';
import { dayOf } from '../../days.js';

/** The state of one pair's events on one day. */
export interface DayState {
  day: number;
  state: EngagementState;
}

/** What one reader adds to its content's aggregates. */
export interface Contribution {
  /** The day of the reader's latest activity: where the aggregates count it. */
  lastDay: number;
  /** The reader's score × 10, an integer, so sums stay exact. */
  scoreX10: number;
  band: string;
  /** Viewed in more than one session. */
  repeat: boolean;
  /** The visitor's reader score × 10 as of `lastDay`: what the content's `audience` averages. */
  audienceX10: number;
}

/** The day on which the window ending at `now` starts (partly inside it). */
export function boundaryDay(options: FoldOptions): number {
  return dayOf(windowStart(options));
}

/** Merges the day states with `from ≤ day ≤ to`. */
export function mergeDays(rows: Iterable<DayState>, from: number, to: number): EngagementState {
  let state = emptyState();
  for (const row of rows) if (row.day >= from && row.day <= to) state = merge(state, row.state);
  return state;
}

/**
 * The state of the window ending at `now`, exactly as `fold` over all of the
 * pair's events would give it: whole days after the boundary day are merged,
 * and the boundary day, only partly inside the window, is folded again from
 * its raw events (which `fold` filters by time).
 */
export function windowState(
  rows: Iterable<DayState>,
  boundaryEvents: Iterable<ScoreEvent>,
  options: FoldOptions,
): EngagementState {
  const boundary = boundaryDay(options);
  return merge(fold(emptyState(), boundaryEvents, options), mergeDays(rows, boundary + 1, Infinity));
}

/** The reader's score × 10 over the `windowDays` days ending with `day`. */
export function dayScoreX10(rows: readonly DayState[], day: number, model: Model): number {
  return scoreX10(mergeDays(rows, day - model.windowDays + 1, day), model);
}

/** A score (0–100, one decimal) as an integer number of tenths. */
export function scoreX10(state: EngagementState, model: Model): number {
  return Math.round(score(state, model).score * 10);
}

/** What a reader with this window state adds to the aggregates; `null` for an empty window. */
export function contributionOf(state: EngagementState, lastDay: number, model: Model): Contribution | null {
  if (state.first === null) return null;
  const result = score(state, model);
  return {
    lastDay,
    scoreX10: Math.round(result.score * 10),
    band: result.band,
    repeat: state.sessions.length > 1,
    audienceX10: 0,
  };
}

/** The first ms after `day`: the `now` of a window that ends with that day. */
export function endOfDay(day: number): number {
  return (day + 1) * DAY_MS;
}
