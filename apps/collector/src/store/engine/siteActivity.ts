/**
 * A whole site by day, for the dashboard's overview, assembled from what
 * every store can query: the event sums of each day (`content_days`), the
 * distinct visitors of each day and of the range, and the (visitor, content)
 * scores as of each day as a histogram (`visitor_days.score_x10`).
 */
import type { SiteActivity, SiteDay } from '../store.js';

export interface SiteActivityRows {
  events: Iterable<{ day: number; views: number; shares: number; engagedMs: number }>;
  dailyVisitors: Iterable<{ day: number; visitors: number }>;
  scores: Iterable<{ day: number; scoreX10: number; readers: number }>;
  visitors: number;
}

export function siteActivityOf(rows: SiteActivityRows): SiteActivity {
  const days = new Map<number, SiteDay>();
  const dayOf = (day: number) => {
    let entry = days.get(day);
    if (!entry) {
      entry = { day, visitors: 0, views: 0, shares: 0, engagedMs: 0, scores: [] };
      days.set(day, entry);
    }
    return entry;
  };
  for (const row of rows.events) {
    if (!row.views && !row.shares && !row.engagedMs) continue;
    Object.assign(dayOf(row.day), { views: row.views, shares: row.shares, engagedMs: row.engagedMs });
  }
  for (const row of rows.dailyVisitors) dayOf(row.day).visitors = row.visitors;
  for (const { day, scoreX10, readers } of rows.scores) dayOf(day).scores.push({ scoreX10, readers });
  return { visitors: rows.visitors, days: [...days.values()].sort((a, b) => a.day - b.day) };
}
