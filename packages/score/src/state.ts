/**
 * The engagement state of one visitor for one content item: what the score is
 * computed from. Folding events into it is order-independent and two states
 * merge (sums, maxima, minima and set unions only), so the collector can keep
 * incremental and daily aggregates and the SDK can keep one per content.
 */

import { DAY_MS } from './model.js';
import { isEventName } from './names.js';
import { isRating, laterRating, type Rating } from './rating.js';

/** The parts of a wire-format event (DESIGN.md, "Wire format") that the state needs. */
export interface ScoreEvent {
  type: 'view' | 'engage' | 'scroll' | 'share' | 'custom' | 'feedback';
  session: string;
  ts: number;
  /** `engage`: engaged milliseconds. */
  ms?: number;
  /** `scroll`: deepest fraction of the content reached, 0–1. */
  depth?: number;
  /** `custom`: the event's name. */
  name?: string;
  /** `feedback`: the rating, an integer 1–5. */
  rating?: number;
}

export interface EngagementState {
  /** View events. */
  views: number;
  /** Distinct ids of the sessions with a view, sorted. */
  sessions: string[];
  engagedMs: number;
  shares: number;
  /** Deepest scroll depth reached, 0–1. */
  scrollDepth: number;
  /** Counts of custom events by name. */
  custom: Record<string, number>;
  /** The visitor's latest rating of the content; absent while it has none. */
  rating?: Rating;
  /** Time of the first and last event folded in; `null` while empty. */
  first: number | null;
  last: number | null;
}

export function emptyState(): EngagementState {
  return {
    views: 0,
    sessions: [],
    engagedMs: 0,
    shares: 0,
    scrollDepth: 0,
    custom: {},
    first: null,
    last: null,
  };
}

/** Combines two optional times with `pick` (Math.min or Math.max); `null` is "no event yet". */
export function pickTime(
  a: number | null,
  b: number | null,
  pick: (a: number, b: number) => number,
): number | null {
  return a === null ? b : b === null ? a : pick(a, b);
}

/** The fields of a content state that a reader state has too, and merges and folds alike. */
export type Common = Pick<EngagementState, 'views' | 'engagedMs' | 'shares' | 'custom' | 'first' | 'last'>;

/** Adds the common fields of `state` into `merged`: sums, counts by name, the first and last times. */
export function mergeCommon(merged: Common, state: Common): void {
  merged.views += state.views;
  merged.engagedMs += state.engagedMs;
  merged.shares += state.shares;
  for (const name in state.custom) merged.custom[name] = (merged.custom[name] ?? 0) + state.custom[name]!;
  merged.first = pickTime(merged.first, state.first, Math.min);
  merged.last = pickTime(merged.last, state.last, Math.max);
}

/** Sets the common fields of the (empty) state of a single event. */
export function commonOf(state: Common, event: ScoreEvent): void {
  const { type, name } = event;
  state.first = state.last = event.ts;
  if (type === 'view') state.views = 1;
  if (type === 'engage') state.engagedMs = amount(event.ms);
  if (type === 'share') state.shares = 1;
  if (type === 'custom' && isEventName(name)) state.custom[name] = 1;
}

/**
 * Merges any number of states in one pass: sessions are collected in a set
 * and sorted once, so folding n events costs O(n + s log s), not a sort per
 * event. Commutative and associative; no input is modified.
 */
export function mergeAll(states: readonly EngagementState[]): EngagementState {
  const merged = emptyState();
  const sessions = new Set<string>();
  for (const state of states) {
    mergeCommon(merged, state);
    for (const session of state.sessions) sessions.add(session);
    merged.scrollDepth = Math.max(merged.scrollDepth, state.scrollDepth);
    const rating = laterRating(merged.rating, state.rating);
    if (rating) merged.rating = rating;
  }
  merged.sessions = [...sessions].sort();
  return merged;
}

/** Merges two states; commutative and associative. Neither input is modified. */
export function merge(a: EngagementState, b: EngagementState): EngagementState {
  return mergeAll([a, b]);
}

/** Non-negative finite number, else 0: the state never absorbs NaN or Infinity. */
export function amount(value: number | undefined): number {
  return value! > 0 && value! < Infinity ? value! : 0;
}

/** The state of a single event. */
export function stateOf(event: ScoreEvent): EngagementState {
  const { type, session, ts } = event;
  const state = emptyState();
  commonOf(state, event);
  if (type === 'view') state.sessions = [session];
  if (type === 'scroll') state.scrollDepth = Math.min(1, amount(event.depth));
  if (type === 'feedback' && isRating(event.rating)) state.rating = [ts, event.rating];
  return state;
}

export interface FoldOptions {
  /** Events before `now − windowDays` do not count. */
  now: number;
  /** Length of the window in days (the model's `windowDays`). */
  windowDays: number;
}

/** The first moment inside the window that ends at `now`. */
export function windowStart(options: FoldOptions): number {
  return options.now - options.windowDays * DAY_MS;
}

/** Folds events into a state; the result does not depend on their order. */
export function fold(
  state: EngagementState,
  events: Iterable<ScoreEvent>,
  options: FoldOptions,
): EngagementState {
  const start = windowStart(options);
  const states = [state];
  for (const event of events) if (event.ts >= start) states.push(stateOf(event));
  return mergeAll(states);
}
