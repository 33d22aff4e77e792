/**
 * Read queries over the aggregates. For a range that ends today each reader
 * is counted once, on the day of its latest activity, with its current score,
 * so summing `content_days` over the range counts exactly the readers active
 * in it; the default range (the model window) is summed already, in
 * `content_live`.
 */
import type Database from 'better-sqlite3';
import type { FoldOptions, EngagementState } from '@dwell/score';
import type {
  ContentDay,
  ContentDetails,
  ContentMeta,
  ContentQuery,
  ContentTotals,
  DayRange,
} from '../store.js';
import type { TotalsQuery } from '../engine/contentReads.js';
import type { PairKey } from '../engine/pairUpdate.js';
import { visitorState } from '../engine/visitorState.js';
import type { EventsBySeq } from './rawEvents.js';

/** A totals row as an array (`.raw()`), in `totalsOf`'s order. */
type TotalsRow = [
  content: string,
  readers: number,
  scoreX10: number,
  scoreSq: number,
  repeaters: number,
  views: number,
  shares: number,
  engagedMs: number,
];

/**
 * A row as `ContentTotals`. The ranked list reads one row per content, and
 * better-sqlite3 builds a row object far more slowly than this literal does:
 * for the 10,000 rows of the ranked-list benchmark, 35 ms as objects, 11 ms
 * as arrays.
 */
function totalsOf(row: TotalsRow): ContentTotals {
  const [content, readers, scoreX10, scoreSq, repeaters, views, shares, engagedMs] = row;
  return { content, readers, scoreX10, scoreSq, repeaters, views, shares, engagedMs };
}

type TotalsFilter = Pick<TotalsQuery, 'section' | 'author' | 'content'>;

export function prepareQueries(db: Database.Database, eventsBySeq: EventsBySeq) {
  const totalsStatements = new Map<string, Database.Statement<unknown[], TotalsRow>>();

  /** One prepared statement per table and combination of filters. */
  function totalsStatement(
    table: 'live' | 'days',
    filter: TotalsFilter,
  ): Database.Statement<unknown[], TotalsRow> {
    const key = `${table}${filter.content !== undefined}${filter.section !== undefined}${filter.author !== undefined}`;
    let statement = totalsStatements.get(key);
    if (statement) return statement;
    const where = ['site = @site'];
    if (filter.content !== undefined) where.push('content = @content');
    if (filter.section !== undefined) {
      where.push('content IN (SELECT content FROM contents WHERE site = @site AND section = @section)');
    }
    if (filter.author !== undefined) {
      where.push('content IN (SELECT content FROM contents WHERE site = @site AND author = @author)');
    }
    statement =
      table === 'live'
        ? db.prepare<unknown[], TotalsRow>(`
          SELECT content, readers, score_x10, score_sq, repeaters, views, shares, engaged_ms
          FROM content_live WHERE ${where.join(' AND ')} AND (readers > 0 OR events > 0)`)
        : db.prepare<unknown[], TotalsRow>(`
          SELECT content, SUM(readers), SUM(score_x10), SUM(score_sq), SUM(repeaters), SUM(views),
            SUM(shares), SUM(engaged_ms)
          FROM content_days WHERE ${where.join(' AND ')} AND day BETWEEN @from AND @to
          GROUP BY content HAVING SUM(readers) > 0 OR SUM(events) > 0`);
    statement.raw();
    totalsStatements.set(key, statement);
    return statement;
  }

  /** Totals from `content_live` as it is, or summed from `content_days` over the range. */
  function totals(table: 'live' | 'days', query: TotalsQuery): ContentTotals[] {
    const { site, range, section, author, content } = query;
    const rows = totalsStatement(table, { section, author, content }).all({
      site,
      ...(table === 'days' && { from: range.from, to: range.to }),
      ...(section !== undefined && { section }),
      ...(author !== undefined && { author }),
      ...(content !== undefined && { content }),
    });
    return rows.map(totalsOf);
  }

  const selectBands = db.prepare<
    [string, string, number, number],
    { content: string; band: string; readers: number }
  >(`
    SELECT content, band, SUM(readers) AS readers FROM content_day_bands
    WHERE site = ? AND content IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?
    GROUP BY content, band HAVING SUM(readers) > 0`);
  const selectMetas = db.prepare<[string, string], ContentMeta & { content: string }>(`
    SELECT content, title, url, section, author FROM contents
    WHERE site = ? AND content IN (SELECT value FROM json_each(?))`);
  const selectMeta = db.prepare<[string, string], ContentMeta>(
    'SELECT title, url, section, author FROM contents WHERE site = ? AND content = ?',
  );
  const selectSeries = db.prepare<[string, string, number, number], ContentDay>(`
    SELECT day, views, shares, engaged_ms AS engagedMs, active_readers AS readers, active_score_x10 AS scoreX10
    FROM content_days WHERE site = ? AND content = ? AND day BETWEEN ? AND ? AND events + active_readers > 0
    ORDER BY day`);
  const selectStates = db.prepare<
    [string, string, string, number],
    { day: number; state: string; seqs: string }
  >('SELECT day, state, seqs FROM visitor_days WHERE site = ? AND visitor = ? AND content = ? AND day >= ?');

  function metas(site: string, contents: readonly string[]): Map<string, ContentMeta> {
    const rows = selectMetas.all(site, JSON.stringify(contents));
    return new Map(rows.map(({ content, ...meta }) => [content, meta]));
  }

  return {
    totals,
    metas,

    details(query: ContentQuery, contents: readonly string[]): Map<string, ContentDetails> {
      const byContent = metas(query.site, contents);
      const details = new Map<string, ContentDetails>();
      for (const content of contents) {
        const meta = byContent.get(content) ?? { title: null, url: null, section: null, author: null };
        details.set(content, { ...meta, bands: {} });
      }
      const list = JSON.stringify(contents);
      for (const row of selectBands.all(query.site, list, query.range.from, query.range.to)) {
        const entry = details.get(row.content);
        if (entry) entry.bands[row.band] = row.readers;
      }
      return details;
    },

    meta(site: string, content: string): ContentMeta | null {
      return selectMeta.get(site, content) ?? null;
    },

    series(site: string, content: string, range: DayRange): ContentDay[] {
      return selectSeries.all(site, content, range.from, range.to);
    },

    visitorState(pair: PairKey, window: FoldOptions): Promise<EngagementState> {
      return visitorState(
        window,
        (boundary) => selectStates.all(pair.site, pair.visitor, pair.content, boundary),
        (row) => eventsBySeq(JSON.parse(row.seqs) as number[]),
      );
    },
  };
}
