/**
 * Ranges that end before today (see ../readerHistory.ts, shared with the
 * PostgreSQL store): the window's `visitor_days` rows, ordered by content and
 * visitor, iterated through the store's read-only connection, so ingest goes
 * on while a long history is read.
 */
import type Database from 'better-sqlite3';
import type { EngagementState } from '@dwell/score';
import {
  readerBands,
  readerStates,
  readerTotals,
  windowFrom,
  type StateRow,
} from '../engine/readerHistory.js';
import type { ContentDetails, ContentQuery, ContentTotals } from '../store.js';

const SELECT_ALL = `
    SELECT content, visitor, day, state FROM visitor_days
    WHERE site = ? AND day BETWEEN ? AND ? ORDER BY content, visitor`;
const SELECT_SOME = `
    SELECT content, visitor, day, state FROM visitor_days
    WHERE site = ? AND day BETWEEN ? AND ? AND content IN (SELECT value FROM json_each(?)) ORDER BY content, visitor`;

export function prepareHistory(reader: Database.Database) {
  // Prepared per read, not once: a read pauses its iteration to yield to ingest,
  // and better-sqlite3 refuses to iterate a statement that is still iterating,
  // so two editors reading past ranges at once would get a 500.
  function rows(query: ContentQuery, contents?: readonly string[]): IterableIterator<StateRow> {
    const { site, range } = query;
    return contents
      ? reader
          .prepare<[string, number, number, string], StateRow>(SELECT_SOME)
          .iterate(site, windowFrom(query), range.to, JSON.stringify(contents))
      : reader
          .prepare<[string, number, number], StateRow>(SELECT_ALL)
          .iterate(site, windowFrom(query), range.to);
  }

  return {
    /** Reader totals by content; the event sums come from the daily aggregates. */
    readerTotals(query: ContentQuery, contents?: readonly string[]): Promise<Map<string, ContentTotals>> {
      return readerTotals(rows(query, contents), query);
    },

    /** Each reader's state over the window ending with the range's last day, for one content. */
    states(query: ContentQuery, content: string): Promise<EngagementState[]> {
      return readerStates(rows(query, [content]), query);
    },

    /** Readers by band for some contents. */
    bands(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails['bands']>> {
      return readerBands(rows(query, contents), query, contents);
    },
  };
}
