/**
 * Days are UTC calendar days, numbered from the epoch: the unit of the
 * collector's daily states and aggregates and of the `from`/`to` parameters.
 */
import { DAY_MS } from '@dwell/score';

/** The day number of a time in ms. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `2026-11-22` for a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of `YYYY-MM-DD`, or `undefined` when it is not a real calendar day. */
export function parseIsoDay(text: string): number | undefined {
  const match = ISO_DAY.exec(text);
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2026-02-31 over to March: a round trip catches it.
  return isoDay(ms / DAY_MS) === text ? ms / DAY_MS : undefined;
}
