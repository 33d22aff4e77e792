export { feedback, flush, init, on, optIn, optOut, reader, score, track } from './tracker.js';
export type { DwellOptions, LocalScore, ReaderScore, Scores } from './tracker.js';
export type { SiteModel } from './store.js';
