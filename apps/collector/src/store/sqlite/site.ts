/**
 * A whole site by day, for the dashboard's overview: the events of each day
 * from `content_days`, and the distinct visitors and the (visitor, content)
 * scores as of each day from `visitor_days` (whose `score_x10` is the score of
 * the window ending with that day). Scores come back as a histogram — at most
 * 1,001 distinct values a day — so the caller can band them with its model.
 */
import type Database from 'better-sqlite3';
import { siteActivityOf } from '../engine/siteActivity.js';
import type { DayRange, SiteActivity } from '../store.js';

export function prepareSite(db: Database.Database) {
  const selectEvents = db.prepare<
    [string, number, number],
    { day: number; views: number; shares: number; engagedMs: number }
  >(`
    SELECT day, SUM(views) AS views, SUM(shares) AS shares, SUM(engaged_ms) AS engagedMs
    FROM content_days WHERE site = ? AND day BETWEEN ? AND ? GROUP BY day`);
  const selectScores = db.prepare<
    [string, number, number],
    { day: number; scoreX10: number; readers: number }
  >(`
    SELECT day, score_x10 AS scoreX10, COUNT(*) AS readers
    FROM visitor_days WHERE site = ? AND day BETWEEN ? AND ? GROUP BY day, score_x10`);
  const selectDailyVisitors = db.prepare<[string, number, number], { day: number; visitors: number }>(`
    SELECT day, COUNT(DISTINCT visitor) AS visitors
    FROM visitor_days WHERE site = ? AND day BETWEEN ? AND ? GROUP BY day`);
  const selectVisitors = db.prepare<[string, number, number], { visitors: number }>(`
    SELECT COUNT(DISTINCT visitor) AS visitors FROM visitor_days WHERE site = ? AND day BETWEEN ? AND ?`);

  return function siteActivity(site: string, range: DayRange): SiteActivity {
    const { visitors = 0 } = selectVisitors.get(site, range.from, range.to) ?? {};
    return siteActivityOf({
      events: selectEvents.all(site, range.from, range.to),
      dailyVisitors: selectDailyVisitors.all(site, range.from, range.to),
      scores: selectScores.all(site, range.from, range.to),
      visitors,
    });
  };
}
