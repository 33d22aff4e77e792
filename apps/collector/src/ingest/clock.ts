/**
 * Clock correction. A browser's clock can be off by minutes or years; the
 * batch says when the browser sent it (`sent_at`, by that same clock), so the
 * offset between the server's receive time and `sent_at` moves every event of
 * the batch onto the server's clock. Network delay stays in — seconds at most.
 */
import { DAY_MS } from '@dwell/score';

/** How far past the server's clock a corrected event may be: a slow clock drifting within a batch. */
export const MAX_FUTURE_MS = 5 * 60_000;

export type CorrectedTime = { ok: true; ts: number } | { ok: false; message: string };

/**
 * The event's time on the server's clock, or why it is refused: too far in the
 * future, or older than the model's window, where it could never count.
 * Accepted times are whole ms and never after `receivedAt`, so an event from a
 * few seconds "ahead" lands on the day it arrived.
 */
export function correctTime(
  ts: number,
  sentAt: number,
  receivedAt: number,
  windowDays: number,
): CorrectedTime {
  const corrected = Math.round(ts + (receivedAt - sentAt));
  if (corrected - receivedAt > MAX_FUTURE_MS) {
    return {
      ok: false,
      message: 'is more than 5 minutes in the future after clock correction (ts + server time − sent_at)',
    };
  }
  if (corrected < receivedAt - windowDays * DAY_MS) {
    return {
      ok: false,
      message: `is older than the model's window of ${windowDays} days after clock correction`,
    };
  }
  return { ok: true, ts: Math.min(corrected, receivedAt) };
}
