/**
 * Ranges that end before today (see ../readerHistory.ts, shared with the
 * PostgreSQL store): the window's `visitor_days` rows, ordered by content and
 * visitor, iterated through the store's read-only connection, so ingest goes
 * on while a long history is read.
 */
import type Database from 'better-sqlite3';
import type { EngagementState } from '@dwell/score';
import { readerBands, readerStates, readerTotals, windowFrom, type StateRow } from '../readerHistory.js';
import type { ContentDetails, ContentQuery, ContentTotals } from '../store.js';

export function prepareHistory(reader: Database.Database) {
  const selectAll = reader.prepare<[string, number, number], StateRow>(`
    SELECT content, visitor, day, state FROM visitor_days
    WHERE site = ? AND day BETWEEN ? AND ? ORDER BY content, visitor`);
  const selectSome = reader.prepare<[string, number, number, string], StateRow>(`
    SELECT content, visitor, day, state FROM visitor_days
    WHERE site = ? AND day BETWEEN ? AND ? AND content IN (SELECT value FROM json_each(?)) ORDER BY content, visitor`);

  function rows(query: ContentQuery, contents?: readonly string[]): IterableIterator<StateRow> {
    const { site, range } = query;
    return contents
      ? selectSome.iterate(site, windowFrom(query), range.to, JSON.stringify(contents))
      : selectAll.iterate(site, windowFrom(query), range.to);
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
