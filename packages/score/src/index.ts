export { DAY_MS, DEFAULT_MODEL, DEFAULT_MODEL_VERSION, MEASURES } from './model.js';
export type { Band, Measure, Model, Signal } from './model.js';
export { emptyState, fold, merge, mergeAll, stateOf, windowStart } from './state.js';
export type { EngagementState, FoldOptions, ScoreEvent } from './state.js';
export { measure } from './measure.js';
export { EVENT_NAME, isEventName } from './names.js';
export { bandOf, score, scoreAs, signalPoints } from './score.js';
export type { ScoreResult } from './score.js';
export { canonicalJson, modelVersion } from './version.js';
