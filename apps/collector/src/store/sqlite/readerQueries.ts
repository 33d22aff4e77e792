/**
 * Reads of the reader views (`readers.ts` writes them). A reader's row "as
 * of its latest activity in a range" is the one with its day in the range and
 * its `next_day` past it or NULL, so every query below is one filtered scan
 * of `reader_days_day`, never a grouping by visitor.
 */
import type Database from 'better-sqlite3';
import { readerWindow, type ReaderState } from '@dwell/score';
import { bandRankSql, latestInSql } from '../engine/readerSql.js';
import { periodsOfQuery, samePeriods } from '../engine/readerPeriods.js';
import { prepareViewOf } from './readerPeriods.js';
import type {
  AudienceSum,
  DayRange,
  RatingCounts,
  ReaderAsOf,
  ReaderQuery,
  ReaderSegments,
} from '../store.js';

/** An at-risk reader as the queries give it: visitor, then its previous and current score, band and day. */
type AtRiskRow = [string, number, string, number, number | null, string | null, number | null];

function atRiskOf([
  visitor,
  pScore,
  pBand,
  pDay,
  cScore,
  cBand,
  cDay,
]: AtRiskRow): ReaderSegments['atRisk'][number] {
  return {
    previous: { visitor, scoreX10: pScore, band: pBand, day: pDay },
    current: cBand === null ? null : { visitor, scoreX10: cScore ?? 0, band: cBand, day: cDay ?? pDay },
  };
}

export function prepareReaderQueries(db: Database.Database) {
  const selectWindow = db.prepare<[string, string, number, number], { day: number; state: string }>(
    'SELECT day, state FROM reader_days WHERE site = ? AND visitor = ? AND day BETWEEN ? AND ?',
  );
  // Sums of reader_day_bands: each reader's latest row in a range is the one next active after it.
  const bandCounts = db
    .prepare<{ site: string; from: number; to: number }, [string, number]>(
      `SELECT band, sum(readers) FROM reader_day_bands
       WHERE site = :site AND day BETWEEN :from AND :to AND next_day > :to GROUP BY band HAVING sum(readers) > 0`,
    )
    .raw(true);
  const eitherCount = db
    .prepare<{ site: string; from: number; to: number }, number>(
      `SELECT coalesce(sum(readers), 0) FROM reader_day_bands
       WHERE site = :site AND day BETWEEN :from AND :to AND next_day > :to`,
    )
    .pluck();
  const moves = db
    .prepare<
      { site: string; pfrom: number; pto: number; from: number; to: number },
      [string, string, number]
    >(
      `SELECT p.band, c.band, count(*) FROM reader_days p
       JOIN reader_days c ON c.site = p.site AND c.visitor = p.visitor AND ${latestInSql('c', ':from', ':to')}
       WHERE p.site = :site AND p.day BETWEEN :pfrom AND :pto AND p.next_day BETWEEN :from AND :to
       GROUP BY 1, 2`,
    )
    .raw(true);
  const series = db
    .prepare<[string, number, number], [number, string, number]>(
      `SELECT day, band, sum(readers) FROM reader_day_bands WHERE site = ? AND day BETWEEN ? AND ?
       GROUP BY day, band HAVING sum(readers) > 0 ORDER BY day`,
    )
    .raw(true);
  const segment = db
    .prepare<[string, number, number, number, string], [string, number, string, number]>(
      `SELECT visitor, score_x10, band, day FROM reader_days d
       WHERE site = ? AND day BETWEEN ? AND ? AND (next_day IS NULL OR next_day > ?) AND band = ?
       ORDER BY score_x10 DESC, visitor`,
    )
    .raw(true);
  const ratings = db
    .prepare<[string, string, number, number], [string, number, number]>(
      `SELECT content, rating, count(*) FROM content_ratings
       WHERE site = ? AND content IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?
       GROUP BY content, rating`,
    )
    .raw(true);
  // Each reader counts on its latest day on the content, with its reader score of that day (`pairs.ts`).
  const audience = db
    .prepare<{ site: string; contents: string; from: number; to: number }, [string, number, number]>(
      `SELECT content, sum(readers), sum(audience_x10) FROM content_day_bands
       WHERE site = :site AND content IN (SELECT value FROM json_each(:contents)) AND day BETWEEN :from AND :to
       GROUP BY content`,
    )
    .raw(true);
  // The default comparison, from its view (`readerPeriods.ts`).
  const viewOf = prepareViewOf(db);
  const viewMoves = db
    .prepare<[string], [string, string, number]>(
      `SELECT previous_band, current_band, count(*) FROM reader_periods
       WHERE site = ? AND current_band IS NOT NULL GROUP BY 1, 2`,
    )
    .raw(true);
  const viewAtRisk = db
    .prepare<[string, number], AtRiskRow>(
      `SELECT visitor, previous_score_x10, previous_band, previous_day, current_score_x10, current_band, current_day
       FROM reader_periods WHERE site = ? AND fell = 1 ORDER BY fall_x10 DESC, visitor LIMIT ?`,
    )
    .raw(true);
  /** The at-risk statement for each band list (the CASE has one parameter per band). */
  const atRiskStatements = new Map<string, Database.Statement<unknown[], unknown[]>>();

  function atRisk(query: ReaderQuery): ReaderSegments['atRisk'] {
    const key = query.bandsLowFirst.join('\n');
    let statement = atRiskStatements.get(key);
    if (!statement) {
      const rank = (column: string) => bandRankSql(column, query.bandsLowFirst, (index) => `:b${index}`);
      statement = db
        .prepare<unknown[], unknown[]>(
          `SELECT p.visitor, p.score_x10, p.band, p.day, c.score_x10, c.band, c.day FROM reader_days p
           LEFT JOIN reader_days c ON c.site = p.site AND c.visitor = p.visitor AND ${latestInSql('c', ':from', ':to')}
           WHERE p.site = :site AND ${latestInSql('p', ':pfrom', ':pto')} AND ${rank('p.band')} > 0
             AND (c.visitor IS NULL OR ${rank('c.band')} < ${rank('p.band')})
           ORDER BY p.score_x10 - coalesce(c.score_x10, 0) DESC, p.visitor LIMIT :limit`,
        )
        .raw(true);
      atRiskStatements.set(key, statement);
    }
    const names = Object.fromEntries(query.bandsLowFirst.map((band, index) => [`b${index}`, band]));
    const rows = statement.all({
      site: query.site,
      from: query.range.from,
      to: query.range.to,
      pfrom: query.previous.from,
      pto: query.previous.to,
      limit: query.atRiskLimit,
      ...names,
    }) as AtRiskRow[];
    return rows.map(atRiskOf);
  }

  const counts = (site: string, range: DayRange) =>
    new Map(bandCounts.all({ site, from: range.from, to: range.to }));

  function segmentsOf(query: ReaderQuery): ReaderSegments {
    const { site, range, previous } = query;
    const wanted = periodsOfQuery(query);
    const view = viewOf(site);
    const fromView = wanted !== null && view !== undefined && samePeriods(wanted, view);
    return {
      bands: counts(site, range),
      previousBands: counts(site, previous),
      either: eitherCount.get({ site, from: previous.from, to: range.to }) as number,
      moves: (fromView
        ? viewMoves.all(site)
        : moves.all({ site, pfrom: previous.from, pto: previous.to, from: range.from, to: range.to })
      ).map(([from, to, readers]) => ({ previous: from, current: to, readers })),
      series: series.all(site, range.from, range.to).map(([day, band, readers]) => ({ day, band, readers })),
      atRisk: fromView ? viewAtRisk.all(site, query.atRiskLimit).map(atRiskOf) : atRisk(query),
    };
  }
  // One transaction: one snapshot for the view's days and its rows, and for the counts beside them.
  const segmentsInSnapshot = db.transaction(segmentsOf);

  return {
    readerState(site: string, visitor: string, today: number, windowDays: number): ReaderState {
      const rows = selectWindow.all(site, visitor, today - windowDays + 1, today);
      const days = rows.map((row) => ({ day: row.day, state: JSON.parse(row.state) as ReaderState }));
      return readerWindow(days, today, windowDays);
    },
    readerSegments(query: ReaderQuery): ReaderSegments {
      return segmentsInSnapshot(query);
    },

    readerSegment(site: string, range: DayRange, band: string): ReaderAsOf[] {
      return segment
        .all(site, range.from, range.to, range.to, band)
        .map(([visitor, scoreX10, rowBand, day]) => ({ visitor, scoreX10, band: rowBand, day }));
    },
    contentRatings(site: string, contents: readonly string[], range: DayRange): Map<string, RatingCounts> {
      const result = new Map<string, RatingCounts>();
      for (const [content, rating, count] of ratings.all(
        site,
        JSON.stringify(contents),
        range.from,
        range.to,
      )) {
        let entry = result.get(content);
        if (!entry) result.set(content, (entry = [0, 0, 0, 0, 0]));
        entry[rating - 1] = count;
      }
      return result;
    },
    contentAudience(site: string, contents: readonly string[], range: DayRange): Map<string, AudienceSum> {
      const rows = audience.all({ site, contents: JSON.stringify(contents), from: range.from, to: range.to });
      return new Map(rows.map(([content, readers, scoreX10]) => [content, { readers, scoreX10 }]));
    },
  };
}
