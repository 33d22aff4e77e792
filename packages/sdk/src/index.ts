export { init } from './init.js';
export { feedback, flush, on, optIn, optOut, reader, score, track } from './tracker.js';
export type { DwellOptions, LocalScore, ModelSource, ReaderScore, Scores } from './tracker.js';
export type { SiteModel } from './store.js';
