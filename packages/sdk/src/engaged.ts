/**
 * The engaged-time clock. Time counts only while the page is visible and
 * focused and the reader interacted within the last `IDLE_MS`, or media on
 * the page is playing. It is measured, not sampled: every change of those
 * conditions first settles the time up to that moment, so the figure does not
 * depend on how often timers fire.
 */

/** A reader who has not interacted for this long is idle (DESIGN.md, "Engaged time"). */
export const IDLE_MS = 5_000;

/**
 * The longest stretch one settlement may add. The tracker looks at the clock
 * every second while the page is open; a longer gap means the machine slept or
 * the page was frozen, and that time must never count (performance.now() keeps
 * running through sleep on some platforms and stops on others).
 */
export const MAX_STEP_MS = 2_000;

let settledAt = performance.now();
let lastInteraction = -Infinity;
let playing = false;
let attentive = true;
let accrued = 0;

function settle(): void {
  const now = performance.now();
  if (attentive) {
    const until = playing ? now : Math.min(now, lastInteraction + IDLE_MS);
    accrued += Math.max(0, Math.min(until - settledAt, MAX_STEP_MS));
  }
  settledAt = now;
}

/** Engaged ms accrued and not yet taken. */
export function peekEngaged(): number {
  settle();
  return Math.round(accrued);
}

/** Takes the engaged ms accrued so far. */
export function takeEngaged(): number {
  const ms = peekEngaged();
  accrued -= ms;
  return ms;
}

/** The reader interacted (scroll, pointer, key, touch). */
export function interact(): void {
  settle();
  lastInteraction = settledAt;
}

/** Media on the page started or stopped playing. */
export function mediaPlaying(now: boolean): void {
  settle();
  playing = now;
}

/** The page became visible and focused (`true`), or hidden, blurred or frozen. */
export function attend(now: boolean): void {
  settle();
  attentive = now;
}
