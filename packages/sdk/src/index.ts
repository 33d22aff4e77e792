export { feedback, track } from './calls.js';
export { init } from './init.js';
export { on } from './scores.js';
export type { LocalScore, ReaderScore, Scores } from './scores.js';
export { flush, optIn, optOut, reader, score } from './tracker.js';
export type { DwellOptions, ModelSource } from './tracker.js';
export type { SiteModel } from './store.js';
