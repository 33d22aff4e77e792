export { flush, init, on, optIn, optOut, score, track } from './tracker.js';
export type { DwellOptions, LocalScore } from './tracker.js';
export type { SiteModel } from './store.js';
