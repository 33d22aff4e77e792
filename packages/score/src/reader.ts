/**
 * The engagement state of one visitor as a reader of the whole site (DESIGN.md,
 * "The reader score"): what a reader model scores. As for the content state,
 * folding is order-independent and states merge (sums, unions, the later
 * rating), so the collector keeps one per reader and UTC day and the SDK one
 * per day. The distinct contents and sessions are sketches (see
 * `distinct.ts`), so a reader of 5,000 pages keeps a state of a few KB.
 */
import { distinctOf, mergeDistinct } from './distinct.js';
import { DAY_MS } from './model.js';
import { isRating, laterRating, type Rating } from './rating.js';
import { commonOf, mergeCommon, type ScoreEvent } from './state.js';

/** A wire-format event with its content: the reader state counts contents. */
export interface ReaderEvent extends ScoreEvent {
  content: string;
}

export interface ReaderState {
  /** UTC day numbers (days since the epoch) with a view, sorted. */
  days: number[];
  /** Distinct contents viewed, as a sketch. */
  contents: number[];
  /** Distinct sessions with a view, as a sketch. */
  sessions: number[];
  views: number;
  engagedMs: number;
  shares: number;
  /** The latest rating of each rated content, by the content's sketch hash. */
  ratings: Record<string, Rating>;
  /** Counts of custom events by name. */
  custom: Record<string, number>;
  /** Time of the first and last event folded in; `null` while empty. */
  first: number | null;
  last: number | null;
}

export function emptyReader(): ReaderState {
  return {
    days: [],
    contents: [],
    sessions: [],
    views: 0,
    engagedMs: 0,
    shares: 0,
    ratings: {},
    custom: {},
    first: null,
    last: null,
  };
}

/** The UTC day of a time in ms, as the reader state's `days` count it. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The reader state of a single event. */
export function readerStateOf(event: ReaderEvent): ReaderState {
  const { type, ts, content } = event;
  const state = emptyReader();
  commonOf(state, event);
  if (type === 'view') {
    state.days = [utcDay(ts)];
    state.contents = distinctOf(content);
    state.sessions = distinctOf(event.session);
  }
  if (type === 'feedback' && isRating(event.rating))
    state.ratings[distinctOf(content)[0]!] = [ts, event.rating];
  return state;
}

/** Merges any number of reader states in one pass; commutative and associative, no input modified. */
export function mergeReaders(states: readonly ReaderState[]): ReaderState {
  const merged = emptyReader();
  const days = new Set<number>();
  for (const state of states) {
    mergeCommon(merged, state);
    for (const day of state.days) days.add(day);
    for (const key in state.ratings) {
      merged.ratings[key] = laterRating(merged.ratings[key], state.ratings[key])!;
    }
  }
  merged.days = [...days].sort((a, b) => a - b);
  merged.contents = mergeDistinct(states.map((state) => state.contents));
  merged.sessions = mergeDistinct(states.map((state) => state.sessions));
  return merged;
}

/** Folds events into a reader state; the result does not depend on their order. */
export function foldReader(state: ReaderState, events: Iterable<ReaderEvent>): ReaderState {
  const states = [state];
  for (const event of events) states.push(readerStateOf(event));
  return mergeReaders(states);
}

/**
 * The first UTC day of the reader window that ends with day `today`: a
 * reader's window is whole UTC days, today and the `windowDays − 1` before
 * it, so that "active on 20 days of the window" counts calendar days and the
 * SDK's daily states and the collector's agree on every boundary.
 */
export function readerWindowStart(today: number, windowDays: number): number {
  return today - windowDays + 1;
}

/** The reader state over the window ending with day `today`, from states by day. */
export function readerWindow(
  days: Iterable<{ day: number; state: ReaderState }>,
  today: number,
  windowDays: number,
): ReaderState {
  const start = readerWindowStart(today, windowDays);
  const inside: ReaderState[] = [];
  for (const { day, state } of days) if (day >= start && day <= today) inside.push(state);
  return mergeReaders(inside);
}
