/**
 * Long scans of the views (previews, calibration): each on a read-only
 * connection of its own, so that its snapshot holds however long it takes
 * and the store's shared read connection stays free for other reads (a
 * connection with a statement still iterating refuses any other). Yields to
 * the event loop every `ROWS_PER_SLICE` rows (in chunks of that many), so
 * ingest goes on meanwhile.
 */
import { ROWS_PER_SLICE } from '../engine/async.js';
import { openDatabase } from './connection.js';

/*
 * Both scans walk the table's primary key (site, visitor, …) in order: `+day`
 * keeps SQLite off the day indexes, whose every row costs a random lookup
 * into the table (6.5 µs a row against 1.3 on the bench's 1,000,000 states).
 * Days outside the range are skipped on the way, which costs as much as the
 * site's older history is long.
 */

/** The daily pair states of a site's days `from`–`to`, by visitor and content (`Store.pairDays`). */
export const PAIR_DAYS = `SELECT content, visitor, day, state FROM visitor_days
  WHERE site = ? AND +day BETWEEN ? AND ? ORDER BY site, visitor, content, day`;

/** The reader rows of a site's days `from`–`to`, by visitor and day (`Store.readerDays`). */
export const READER_DAYS = `SELECT visitor, day, state, score_x10, band, next_day FROM reader_days
  WHERE site = ? AND +day BETWEEN ? AND ? ORDER BY site, visitor, day`;

export async function* scanViews<Row>(
  viewsFile: string,
  sql: string,
  params: unknown[],
): AsyncGenerator<Row[]> {
  const db = openDatabase(viewsFile, 'read');
  try {
    let chunk: Row[] = [];
    for (const row of db.prepare<unknown[], Row>(sql).iterate(...params)) {
      chunk.push(row);
      if (chunk.length < ROWS_PER_SLICE) continue;
      yield chunk;
      chunk = [];
    }
    if (chunk.length) yield chunk;
  } finally {
    db.close();
  }
}
