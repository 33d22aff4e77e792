/**
 * The scores a page reads and listens to — the local score of the current
 * content and the visitor's reader score, which the tracker computes from the
 * stored record — and how the page hears of a change: the listeners of
 * `on()`, and the `dwell:score` and `dwell:reader` events on `window`.
 */
import type { ScoreResult } from '@dwell/score';
import { guard, warn } from './guard.js';

/** What `dwell.score()` returns (DESIGN.md, "Page API"). */
export interface LocalScore extends ScoreResult {
  content: string;
}

/** What `dwell.reader()` returns: this visitor as a reader of the whole site (DESIGN.md, "Page API"). */
export type ReaderScore = ScoreResult;

/** What `dwell.on()` listens to, and what each listener is called with. */
export interface Scores {
  score: LocalScore;
  reader: ReaderScore;
}

/** The listeners of each kind of score, and the JSON of what they last heard. */
const listeners = {
  score: new Set<(score: LocalScore) => void>(),
  reader: new Set<(score: ReaderScore) => void>(),
};
const heard: Record<string, string> = {};

/** Tells the listeners and the page about a score, unless it is what they last heard. */
export function announce<T extends keyof Scores>(type: T, result: Scores[T]): void {
  const json = JSON.stringify(result);
  if (json === heard[type]) return;
  heard[type] = json;
  for (const listener of listeners[type] as Set<(score: Scores[T]) => void>) guard(listener)(result);
  dispatchEvent(new CustomEvent(`dwell:${type}`, { detail: result }));
}

/**
 * Calls `listener` with the local score (`'score'`) or the reader score
 * (`'reader'`) whenever it changes; returns the unsubscribe function.
 */
export function on<T extends keyof Scores>(type: T, listener: (score: Scores[T]) => void): () => void {
  const set = Object.hasOwn(listeners, type) && (listeners[type] as Set<typeof listener>);
  if (!set || typeof listener !== 'function') {
    warn(5, type);
    return () => {};
  }
  set.add(listener);
  return () => void set.delete(listener);
}
