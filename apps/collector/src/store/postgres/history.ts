/**
 * Past ranges (see ../readerHistory.ts): the window's `visitor_days` rows,
 * ordered by content and visitor, streamed through a server-side cursor in
 * a read-only transaction, so a long history never sits in memory at once.
 */
import type pg from 'pg';
import type { EngagementState } from '@dwell/score';
import {
  readerBands,
  readerStates,
  readerTotals,
  windowFrom,
  type StateRow,
} from '../engine/readerHistory.js';
import { gate, type Gate } from '../engine/gate.js';
import type { ContentDetails, ContentQuery, ContentTotals, DayRange } from '../store.js';
import type { ReaderDayRow } from '../engine/readerDays.js';

/** Rows fetched from the cursor at a time. */
const FETCH_ROWS = 5_000;

/**
 * At most this many past-range reads hold a pooled connection at once: a
 * read keeps its connection for the whole scan, and a few editors loading
 * past periods together must not leave ingest without one (it would 503).
 */
export const HISTORY_READS = 2;

/**
 * The rows of `sql` through a server-side cursor in a read-only transaction
 * (one snapshot however long the scan), `FETCH_ROWS` at a time, holding one
 * of the `reads` gate's places.
 */
export async function* cursorRows<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  reads: Gate,
  sql: string,
  values: unknown[],
): AsyncGenerator<Row[]> {
  await reads.enter();
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    reads.leave();
    throw error;
  }
  let healthy = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`DECLARE scan NO SCROLL CURSOR FOR ${sql}`, values);
    for (;;) {
      const { rows } = await client.query<Row>(`FETCH ${FETCH_ROWS} FROM scan`);
      if (rows.length) yield rows;
      if (rows.length < FETCH_ROWS) break;
    }
    await client.query('COMMIT');
    healthy = true;
  } finally {
    client.release(healthy ? undefined : true);
    reads.leave();
  }
}

/** The daily pair states of a site's days `$2`–`$3`, by content and visitor, some contents only with `$4`. */
export function pairDaysSql(someContents: boolean): string {
  return `SELECT content, visitor, day, state FROM visitor_days
    WHERE site = $1 AND day BETWEEN $2 AND $3 ${someContents ? 'AND content = ANY($4::text[])' : ''}
    ORDER BY content, visitor`;
}

function stateRows(
  pool: pg.Pool,
  reads: Gate,
  query: ContentQuery,
  contents?: readonly string[],
): AsyncGenerator<StateRow[]> {
  const values: unknown[] = [query.site, windowFrom(query), query.range.to];
  if (contents) values.push(contents);
  return cursorRows<StateRow>(pool, reads, pairDaysSql(!!contents), values);
}

export function prepareHistory(pool: pg.Pool) {
  const reads = gate(HISTORY_READS);
  return {
    /** `Store.pairDays`. */
    pairDays: (site: string, days: DayRange) =>
      cursorRows<StateRow>(pool, reads, pairDaysSql(false), [site, days.from, days.to]),
    /** `Store.readerDays`. */
    readerDays: (site: string, days: DayRange) =>
      cursorRows<ReaderDayRow & { visitor: string }>(
        pool,
        reads,
        `SELECT visitor, day, state, score_x10, band, next_day FROM reader_days
         WHERE site = $1 AND day BETWEEN $2 AND $3 ORDER BY visitor, day`,
        [site, days.from, days.to],
      ),
    readerTotals(query: ContentQuery, contents?: readonly string[]): Promise<Map<string, ContentTotals>> {
      return readerTotals(stateRows(pool, reads, query, contents), query);
    },
    states(query: ContentQuery, content: string): Promise<EngagementState[]> {
      return readerStates(stateRows(pool, reads, query, [content]), query);
    },
    bands(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails['bands']>> {
      return readerBands(stateRows(pool, reads, query, contents), query, contents);
    },
  };
}
