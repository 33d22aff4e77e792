/**
 * The store's reader rows (`Store.readerDays`, by visitor and day) grouped
 * into each reader's days, states parsed: what the reader preview and the
 * calibration's examples read.
 */
import type { ReaderState } from '@dwell/score';
import { forEachRow, type Rows } from '../store/engine/async.js';
import type { ReaderDayRow } from '../store/engine/readerDays.js';

export type ReaderRows = Rows<ReaderDayRow & { visitor: string }>;

/** One reader's day states, by day. */
export type ReaderDays = { day: number; state: ReaderState }[];

/** Calls `onReader` with each reader's day rows (by day), states parsed. */
export async function eachReader(
  rows: ReaderRows,
  onReader: (visitor: string, days: ReaderDays) => void,
): Promise<void> {
  let visitor: string | null = null;
  let days: ReaderDays = [];
  await forEachRow(rows, (row) => {
    if (row.visitor !== visitor) {
      if (visitor !== null) onReader(visitor, days);
      visitor = row.visitor;
      days = [];
    }
    days.push({ day: row.day, state: JSON.parse(row.state) as ReaderState });
  });
  if (visitor !== null) onReader(visitor, days);
}
