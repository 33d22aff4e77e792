export {
  DAY_MS,
  DEFAULT_MODEL,
  DEFAULT_MODEL_VERSION,
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
  MEASURES,
  READER_MEASURES,
} from './model.js';
export type { Band, Bounds, Measure, Model, Signal } from './model.js';
export { amount, emptyState, fold, merge, mergeAll, stateOf, windowStart } from './state.js';
export type { EngagementState, FoldOptions, ScoreEvent } from './state.js';
export {
  emptyReader,
  foldReader,
  mergeReaders,
  readerStateOf,
  readerWindow,
  readerWindowStart,
  utcDay,
} from './reader.js';
export type { ReaderEvent, ReaderState } from './reader.js';
export { DISTINCT_EXACT, distinctCount, distinctOf, mergeDistinct } from './distinct.js';
export { isRating, laterRating, RATING_MAX, RATING_MIN } from './rating.js';
export type { Rating } from './rating.js';
export { hash53 } from './hash.js';
export { measure } from './measure.js';
export { EVENT_NAME, isEventName } from './names.js';
export { bandOf, score, scoreAs, signalPoints } from './score.js';
export type { ScoreResult, State } from './score.js';
export { canonicalJson, modelVersion } from './version.js';
