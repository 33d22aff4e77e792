import { distinctCount } from './distinct.js';
import type { Measure } from './model.js';
import type { ReaderState } from './reader.js';
import type { EngagementState } from './state.js';

type Reads<State> = Record<string, (state: State) => number>;

/** How each built-in measure reads a content state. */
const CONTENT: Reads<EngagementState> = {
  views: (state) => state.views,
  sessions: (state) => state.sessions.length,
  further_sessions: (state) => Math.max(0, state.sessions.length - 1),
  engaged_ms: (state) => state.engagedMs,
  shares: (state) => state.shares,
  scroll_depth: (state) => state.scrollDepth,
  ratings: (state) => (state.rating ? 1 : 0),
  rating_mean: (state) => state.rating?.[1] ?? 0,
};

/** The ratings of a reader state, one per rated content. */
const ratingsOf = (state: ReaderState) => Object.values(state.ratings);

/** How each built-in measure reads a reader state. */
const READER: Reads<ReaderState> = {
  active_days: (state) => state.days.length,
  contents: (state) => distinctCount(state.contents),
  sessions: (state) => distinctCount(state.sessions),
  views: (state) => state.views,
  engaged_ms: (state) => state.engagedMs,
  shares: (state) => state.shares,
  ratings: (state) => ratingsOf(state).length,
  // The seeds' Likert average: total ÷ number of answers; 0 with none.
  rating_mean: (state) => {
    const ratings = ratingsOf(state);
    return ratings.length && ratings.reduce((total, [, rating]) => total + rating, 0) / ratings.length;
  },
};

/** The value of one measure of a content or reader state; an unknown custom event counts 0. */
export function measure(state: EngagementState | ReaderState, name: Measure): number {
  const reads = ('days' in state ? READER : CONTENT) as Reads<EngagementState | ReaderState>;
  if (Object.hasOwn(reads, name)) return reads[name]!(state);
  return Object.hasOwn(state.custom, name.slice(7)) ? state.custom[name.slice(7)]! : 0;
}
