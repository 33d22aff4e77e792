/**
 * Read queries over the aggregates, the same as SQLite's (../sqlite/queries.ts):
 * the default range from `content_live`, any range ending today summed from
 * `content_days`, and a visitor's window from its day states.
 */
import type pg from 'pg';
import type { EngagementState, FoldOptions, ScoreEvent } from '@dwell/score';
import type { TotalsQuery } from '../engine/contentReads.js';
import type { PairKey } from '../engine/pairUpdate.js';
import type {
  ContentDay,
  ContentDetails,
  ContentMeta,
  ContentQuery,
  ContentTotals,
  DayRange,
} from '../store.js';
import { visitorState } from '../engine/visitorState.js';

const TOTALS_COLUMNS = {
  live: `readers, score_x10 AS "scoreX10", score_sq AS "scoreSq", repeaters, views, shares,
    engaged_ms AS "engagedMs"`,
  days: `SUM(readers) AS readers, SUM(score_x10) AS "scoreX10", SUM(score_sq) AS "scoreSq",
    SUM(repeaters) AS repeaters, SUM(views) AS views, SUM(shares) AS shares, SUM(engaged_ms) AS "engagedMs"`,
};

function totalsSql(table: 'live' | 'days', query: TotalsQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [query.site];
  const where = ['site = $1'];
  const add = (condition: (n: number) => string, value: unknown) => {
    values.push(value);
    where.push(condition(values.length));
  };
  if (query.content !== undefined) add((n) => `content = $${n}`, query.content);
  if (query.section !== undefined) {
    add(
      (n) => `content IN (SELECT content FROM contents WHERE site = $1 AND section = $${n})`,
      query.section,
    );
  }
  if (query.author !== undefined) {
    add((n) => `content IN (SELECT content FROM contents WHERE site = $1 AND author = $${n})`, query.author);
  }
  if (table === 'live') {
    return {
      text: `SELECT content, ${TOTALS_COLUMNS.live} FROM content_live
        WHERE ${where.join(' AND ')} AND (readers > 0 OR events > 0)`,
      values,
    };
  }
  values.push(query.range.from, query.range.to);
  where.push(`day BETWEEN $${values.length - 1} AND $${values.length}`);
  return {
    text: `SELECT content, ${TOTALS_COLUMNS.days} FROM content_days
      WHERE ${where.join(' AND ')}
      GROUP BY content HAVING SUM(readers) > 0 OR SUM(events) > 0`,
    values,
  };
}

export function prepareQueries(pool: pg.Pool) {
  /** The stored metadata of those contents the site saw. */
  async function metas(site: string, contents: readonly string[]): Promise<Map<string, ContentMeta>> {
    const { rows } = await pool.query<ContentMeta & { content: string }>(
      'SELECT content, title, url, section, author FROM contents WHERE site = $1 AND content = ANY($2::text[])',
      [site, contents],
    );
    return new Map(rows.map(({ content, ...meta }) => [content, meta]));
  }

  return {
    /** Totals from `content_live` (the live window) or summed from `content_days` over the range. */
    async totals(table: 'live' | 'days', query: TotalsQuery): Promise<ContentTotals[]> {
      const { text, values } = totalsSql(table, query);
      return (await pool.query<ContentTotals>(text, values)).rows;
    },

    metas,

    async details(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails>> {
      const byContent = await metas(query.site, contents);
      const details = new Map<string, ContentDetails>();
      for (const content of contents) {
        const meta = byContent.get(content) ?? { title: null, url: null, section: null, author: null };
        details.set(content, { ...meta, bands: {} });
      }
      const bands = await pool.query<{ content: string; band: string; readers: number }>(
        `SELECT content, band, SUM(readers) AS readers FROM content_day_bands
         WHERE site = $1 AND content = ANY($2::text[]) AND day BETWEEN $3 AND $4
         GROUP BY content, band HAVING SUM(readers) > 0`,
        [query.site, contents, query.range.from, query.range.to],
      );
      for (const row of bands.rows) {
        const entry = details.get(row.content);
        if (entry) entry.bands[row.band] = row.readers;
      }
      return details;
    },

    async meta(site: string, content: string): Promise<ContentMeta | null> {
      const { rows } = await pool.query<ContentMeta>(
        'SELECT title, url, section, author FROM contents WHERE site = $1 AND content = $2',
        [site, content],
      );
      return rows[0] ?? null;
    },

    async series(site: string, content: string, range: DayRange): Promise<ContentDay[]> {
      const { rows } = await pool.query<ContentDay>(
        `SELECT day, views, shares, engaged_ms AS "engagedMs", active_readers AS readers,
           active_score_x10 AS "scoreX10"
         FROM content_days WHERE site = $1 AND content = $2 AND day BETWEEN $3 AND $4 AND events + active_readers > 0
         ORDER BY day`,
        [site, content, range.from, range.to],
      );
      return rows;
    },

    visitorState(pair: PairKey, window: FoldOptions): Promise<EngagementState> {
      return visitorState(
        window,
        async (boundary) => {
          const { rows } = await pool.query<{ day: number; state: string; events: string | null }>(
            `SELECT day, state, CASE WHEN day = $4 THEN events END AS events FROM visitor_days
             WHERE site = $1 AND visitor = $2 AND content = $3 AND day >= $4`,
            [pair.site, pair.visitor, pair.content, boundary],
          );
          return rows;
        },
        (row) => JSON.parse(row.events ?? '[]') as ScoreEvent[],
      );
    },
  };
}
