/** When to retry a failed delivery. */

/** First retry delay; it doubles with each further failure. */
export const BACKOFF_BASE_MS = 1_000;

/** No retry waits longer than this (issue #3: capped at 5 minutes). */
export const BACKOFF_MAX_MS = 300_000;

/**
 * Delay before retry number `attempt` (0-based): exponential with "equal
 * jitter" (a random point between half and all of the step), so that many
 * browsers failing at once do not retry in lockstep
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * A `Retry-After` from the server is a floor.
 */
export function retryDelay(attempt: number, retryAfterMs = 0, random = Math.random()): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.min(BACKOFF_MAX_MS, Math.max(retryAfterMs, step / 2 + (random * step) / 2));
}

/** A `Retry-After` header (seconds or an HTTP date) in ms; 0 when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number {
  if (!header) return 0;
  const ms = /^\d+$/.test(header) ? +header * 1000 : Date.parse(header) - now;
  return ms > 0 ? ms : 0;
}
