/**
 * The engagement state of one visitor for one content item: what the score is
 * computed from. Folding events into it is order-independent and two states
 * merge (sums, maxima, minima and set unions only), so the collector can keep
 * incremental and daily aggregates and the SDK can keep one per content.
 */

import { DAY_MS } from './model.js';
import { isEventName } from './names.js';

/** The parts of a wire-format event (DESIGN.md, "Wire format") that the state needs. */
export interface ScoreEvent {
  type: 'view' | 'engage' | 'scroll' | 'share' | 'custom';
  session: string;
  ts: number;
  /** `engage`: engaged milliseconds. */
  ms?: number;
  /** `scroll`: deepest fraction of the content reached, 0–1. */
  depth?: number;
  /** `custom`: the event's name. */
  name?: string;
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
function time(a: number | null, b: number | null, pick: (a: number, b: number) => number): number | null {
  return a === null ? b : b === null ? a : pick(a, b);
}

/** Merges two states; commutative and associative. Neither input is modified. */
export function merge(a: EngagementState, b: EngagementState): EngagementState {
  const custom = { ...a.custom };
  for (const name in b.custom) custom[name] = (custom[name] ?? 0) + b.custom[name]!;
  return {
    views: a.views + b.views,
    sessions: [...new Set([...a.sessions, ...b.sessions])].sort(),
    engagedMs: a.engagedMs + b.engagedMs,
    shares: a.shares + b.shares,
    scrollDepth: Math.max(a.scrollDepth, b.scrollDepth),
    custom,
    first: time(a.first, b.first, Math.min),
    last: time(a.last, b.last, Math.max),
  };
}

/** Non-negative finite number, else 0: the state never absorbs NaN or Infinity. */
function amount(value: number | undefined): number {
  return value! > 0 && value! < Infinity ? value! : 0;
}

/** The state of a single event. */
export function stateOf(event: ScoreEvent): EngagementState {
  const { type, session, ts, name } = event;
  const state = emptyState();
  state.first = state.last = ts;
  if (type === 'view') {
    state.views = 1;
    state.sessions = [session];
  }
  if (type === 'engage') state.engagedMs = amount(event.ms);
  if (type === 'scroll') state.scrollDepth = Math.min(1, amount(event.depth));
  if (type === 'share') state.shares = 1;
  if (type === 'custom' && isEventName(name)) state.custom[name] = 1;
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
  let result = state;
  for (const event of events) if (event.ts >= start) result = merge(result, stateOf(event));
  return result;
}
