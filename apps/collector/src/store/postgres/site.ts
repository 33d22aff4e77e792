/** A whole site by day for the dashboard's overview (see ../siteActivity.ts), in four queries. */
import type pg from 'pg';
import { siteActivityOf } from '../engine/siteActivity.js';
import type { DayRange, SiteActivity } from '../store.js';

export async function siteActivity(pool: pg.Pool, site: string, range: DayRange): Promise<SiteActivity> {
  const values = [site, range.from, range.to];
  const [events, dailyVisitors, scores, visitors] = await Promise.all([
    pool.query<{ day: number; views: number; shares: number; engagedMs: number }>(
      `SELECT day, SUM(views) AS views, SUM(shares) AS shares, SUM(engaged_ms) AS "engagedMs"
       FROM content_days WHERE site = $1 AND day BETWEEN $2 AND $3 GROUP BY day`,
      values,
    ),
    pool.query<{ day: number; visitors: number }>(
      `SELECT day, COUNT(DISTINCT visitor) AS visitors
       FROM visitor_days WHERE site = $1 AND day BETWEEN $2 AND $3 GROUP BY day`,
      values,
    ),
    pool.query<{ day: number; scoreX10: number; readers: number }>(
      `SELECT day, score_x10 AS "scoreX10", COUNT(*) AS readers
       FROM visitor_days WHERE site = $1 AND day BETWEEN $2 AND $3 GROUP BY day, score_x10`,
      values,
    ),
    pool.query<{ visitors: number }>(
      'SELECT COUNT(DISTINCT visitor) AS visitors FROM visitor_days WHERE site = $1 AND day BETWEEN $2 AND $3',
      values,
    ),
  ]);
  return siteActivityOf({
    events: events.rows,
    dailyVisitors: dailyVisitors.rows,
    scores: scores.rows,
    visitors: visitors.rows[0]?.visitors ?? 0,
  });
}
