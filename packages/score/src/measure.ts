import type { Measure } from './model.js';
import type { EngagementState } from './state.js';

/** The value of one measure of a state; an unknown custom event counts 0. */
export function measure(state: EngagementState, name: Measure): number {
  switch (name) {
    case 'views':
      return state.views;
    case 'sessions':
      return state.sessions.length;
    case 'further_sessions':
      return Math.max(0, state.sessions.length - 1);
    case 'engaged_ms':
      return state.engagedMs;
    case 'shares':
      return state.shares;
    case 'scroll_depth':
      return state.scrollDepth;
    default:
      return Object.hasOwn(state.custom, name.slice(7)) ? state.custom[name.slice(7)]! : 0;
  }
}
