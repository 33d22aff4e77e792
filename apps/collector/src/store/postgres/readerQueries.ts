/**
 * Reads of the reader views on PostgreSQL, the same queries as SQLite's
 * (`../sqlite/readerQueries.ts`): a reader's row as of its latest activity in
 * a range is the one with its day in the range and `next_day` past it or NULL.
 */
import type pg from 'pg';
import { readerWindow, type ReaderState } from '@dwell/score';
import { bandRankSql, latestInSql } from '../engine/readerSql.js';
import { periodsOfQuery, samePeriods, type ReaderPeriodDays } from '../engine/readerPeriods.js';
import type {
  AudienceSum,
  DayRange,
  RatingCounts,
  ReaderAsOf,
  ReaderQuery,
  ReaderSegments,
} from '../store.js';

// Sums of reader_day_bands: each reader's latest row in a range is the one next active after it.
const BAND_COUNTS = `SELECT band, sum(readers)::int AS readers FROM reader_day_bands
  WHERE site = $1 AND day BETWEEN $2 AND $3 AND next_day > $3 GROUP BY band HAVING sum(readers) > 0`;

const EITHER = `SELECT coalesce(sum(readers), 0)::int AS readers FROM reader_day_bands
  WHERE site = $1 AND day BETWEEN $2 AND $3 AND next_day > $3`;

const MOVES = `SELECT p.band AS previous, c.band AS current, count(*)::int AS readers FROM reader_days p
  JOIN reader_days c ON c.site = p.site AND c.visitor = p.visitor AND ${latestInSql('c', '$4', '$5')}
  WHERE p.site = $1 AND p.day BETWEEN $2 AND $3 AND p.next_day BETWEEN $4 AND $5
  GROUP BY 1, 2`;

const SERIES = `SELECT day, band, sum(readers)::int AS readers FROM reader_day_bands
  WHERE site = $1 AND day BETWEEN $2 AND $3 GROUP BY day, band HAVING sum(readers) > 0 ORDER BY day`;

const SEGMENT = `SELECT visitor, score_x10 AS "scoreX10", band, day FROM reader_days d
  WHERE site = $1 AND ${latestInSql('d', '$2', '$3')} AND band = $4 ORDER BY score_x10 DESC, visitor`;

const RATINGS = `SELECT content, rating, count(*)::int AS readers FROM content_ratings
  WHERE site = $1 AND content = ANY($2) AND day BETWEEN $3 AND $4 GROUP BY content, rating`;

// Each reader counts on its latest day on the content, with its reader score of that day (`pairs.ts`).
const AUDIENCE = `SELECT content, sum(readers)::int AS readers, sum(audience_x10)::int8 AS "scoreX10"
  FROM content_day_bands WHERE site = $1 AND content = ANY($2) AND day BETWEEN $3 AND $4 GROUP BY content`;

function atRiskSql(bandsLowFirst: readonly string[]): string {
  // $1 site, $2–$3 the range, $4–$5 the previous period, $6 the limit, $7… the bands.
  const rank = (column: string) => bandRankSql(column, bandsLowFirst, (index) => `$${index + 7}::text`);
  return `SELECT p.visitor, p.score_x10 AS "previousX10", p.band AS "previousBand", p.day AS "previousDay",
      c.score_x10 AS "currentX10", c.band AS "currentBand", c.day AS "currentDay"
    FROM reader_days p
    LEFT JOIN reader_days c ON c.site = p.site AND c.visitor = p.visitor AND ${latestInSql('c', '$2', '$3')}
    WHERE p.site = $1 AND ${latestInSql('p', '$4', '$5')} AND ${rank('p.band')} > 0
      AND (c.visitor IS NULL OR ${rank('c.band')} < ${rank('p.band')})
    ORDER BY p.score_x10 - coalesce(c.score_x10, 0) DESC, p.visitor LIMIT $6`;
}

// The default comparison, from its view (`readerPeriods.ts`).
const VIEW_MOVES = `SELECT previous_band AS previous, current_band AS current, count(*)::int AS readers
  FROM reader_periods WHERE site = $1 AND current_band IS NOT NULL GROUP BY 1, 2`;

const VIEW_AT_RISK = `SELECT visitor, previous_score_x10 AS "previousX10", previous_band AS "previousBand",
    previous_day AS "previousDay", current_score_x10 AS "currentX10", current_band AS "currentBand",
    current_day AS "currentDay"
  FROM reader_periods WHERE site = $1 AND fell = 1 ORDER BY fall_x10 DESC, visitor LIMIT $2`;

interface AtRiskRow {
  visitor: string;
  previousX10: number;
  previousBand: string;
  previousDay: number;
  currentX10: number | null;
  currentBand: string | null;
  currentDay: number | null;
}

export function prepareReaderQueries(pool: pg.Pool) {
  const counts = async (site: string, range: DayRange) => {
    const { rows } = await pool.query<{ band: string; readers: number }>(BAND_COUNTS, [
      site,
      range.from,
      range.to,
    ]);
    return new Map(rows.map((row) => [row.band, row.readers]));
  };

  return {
    async readerState(
      site: string,
      visitor: string,
      today: number,
      windowDays: number,
    ): Promise<ReaderState> {
      const { rows } = await pool.query<{ day: number; state: string }>(
        'SELECT day, state FROM reader_days WHERE site = $1 AND visitor = $2 AND day BETWEEN $3 AND $4',
        [site, visitor, today - windowDays + 1, today],
      );
      const days = rows.map((row) => ({ day: row.day, state: JSON.parse(row.state) as ReaderState }));
      return readerWindow(days, today, windowDays);
    },
    /** `view`: the periods the site's view is for, as `ensurePeriods` found or made it. */
    async readerSegments(query: ReaderQuery, view: ReaderPeriodDays | undefined): Promise<ReaderSegments> {
      const { site, range, previous } = query;
      const wanted = periodsOfQuery(query);
      const fromView = wanted !== null && view !== undefined && samePeriods(wanted, view);
      const [bands, previousBands, either, moves, series, atRisk] = await Promise.all([
        counts(site, range),
        counts(site, previous),
        pool.query<{ readers: number }>(EITHER, [site, previous.from, range.to]),
        fromView
          ? pool.query<{ previous: string; current: string; readers: number }>(VIEW_MOVES, [site])
          : pool.query<{ previous: string; current: string; readers: number }>(MOVES, [
              site,
              previous.from,
              previous.to,
              range.from,
              range.to,
            ]),
        pool.query<{ day: number; band: string; readers: number }>(SERIES, [site, range.from, range.to]),
        fromView
          ? pool.query<AtRiskRow>(VIEW_AT_RISK, [site, query.atRiskLimit])
          : pool.query<AtRiskRow>(atRiskSql(query.bandsLowFirst), [
              site,
              range.from,
              range.to,
              previous.from,
              previous.to,
              query.atRiskLimit,
              ...query.bandsLowFirst,
            ]),
      ]);
      return {
        bands,
        previousBands,
        either: either.rows[0]?.readers ?? 0,
        moves: moves.rows,
        series: series.rows,
        atRisk: atRisk.rows.map((row) => ({
          previous: {
            visitor: row.visitor,
            scoreX10: row.previousX10,
            band: row.previousBand,
            day: row.previousDay,
          },
          current:
            row.currentBand === null
              ? null
              : {
                  visitor: row.visitor,
                  scoreX10: row.currentX10 ?? 0,
                  band: row.currentBand,
                  day: row.currentDay ?? row.previousDay,
                },
        })),
      };
    },
    async readerSegment(site: string, range: DayRange, band: string): Promise<ReaderAsOf[]> {
      return (await pool.query<ReaderAsOf>(SEGMENT, [site, range.from, range.to, band])).rows;
    },
    async contentRatings(
      site: string,
      contents: readonly string[],
      range: DayRange,
    ): Promise<Map<string, RatingCounts>> {
      const { rows } = await pool.query<{ content: string; rating: number; readers: number }>(RATINGS, [
        site,
        contents,
        range.from,
        range.to,
      ]);
      const result = new Map<string, RatingCounts>();
      for (const { content, rating, readers } of rows) {
        let entry = result.get(content);
        if (!entry) result.set(content, (entry = [0, 0, 0, 0, 0]));
        entry[rating - 1] = readers;
      }
      return result;
    },
    async contentAudience(
      site: string,
      contents: readonly string[],
      range: DayRange,
    ): Promise<Map<string, AudienceSum>> {
      const { rows } = await pool.query<{ content: string; readers: number; scoreX10: string }>(AUDIENCE, [
        site,
        contents,
        range.from,
        range.to,
      ]);
      return new Map(
        rows.map((row) => [row.content, { readers: row.readers, scoreX10: Number(row.scoreX10) }]),
      );
    },
  };
}
