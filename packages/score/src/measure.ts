import type { Measure } from './model.js';
import type { EngagementState } from './state.js';

/** How each built-in measure reads a state. */
const BUILT_IN: Record<string, (state: EngagementState) => number> = {
  views: (state) => state.views,
  sessions: (state) => state.sessions.length,
  further_sessions: (state) => Math.max(0, state.sessions.length - 1),
  engaged_ms: (state) => state.engagedMs,
  shares: (state) => state.shares,
  scroll_depth: (state) => state.scrollDepth,
};

/** The value of one measure of a state; an unknown custom event counts 0. */
export function measure(state: EngagementState, name: Measure): number {
  if (Object.hasOwn(BUILT_IN, name)) return BUILT_IN[name]!(state);
  return Object.hasOwn(state.custom, name.slice(7)) ? state.custom[name.slice(7)]! : 0;
}
