/**
 * Writes a transaction's aggregate deltas (`../engine/aggregateDeltas.ts`) to
 * SQLite: one upsert per touched `content_days`, `content_live` and
 * `content_day_bands` row.
 */
import type Database from 'better-sqlite3';
import type { AggregateDeltas } from '../engine/aggregateDeltas.js';

export interface AggregateStatements {
  addDay: Database.Statement;
  addLive: Database.Statement;
  addBand: Database.Statement;
}

/** Writes every non-zero delta; `liveFrom` tells from which day a site's `content_live` sums. */
export function flushDeltas(
  deltas: AggregateDeltas,
  statements: AggregateStatements,
  liveFrom: (site: string) => number,
): void {
  const rows = deltas.take(liveFrom);
  for (const { site, content, day, delta: d } of rows.days) {
    statements.addDay.run(
      site,
      day,
      content,
      d.views,
      d.shares,
      d.engagedMs,
      d.events,
      d.activeReaders,
      d.activeScoreX10,
      d.readers,
      d.scoreX10,
      d.scoreSq,
      d.repeaters,
    );
  }
  for (const { site, content, delta: d } of rows.live) {
    statements.addLive.run(
      site,
      content,
      d.views,
      d.shares,
      d.engagedMs,
      d.events,
      d.readers,
      d.scoreX10,
      d.scoreSq,
      d.repeaters,
    );
  }
  for (const { site, content, day, band, readers, audienceX10 } of rows.bands) {
    statements.addBand.run(site, content, day, band, readers, audienceX10);
  }
}

export function prepareAggregateStatements(db: Database.Database): AggregateStatements {
  return {
    addDay: db.prepare(`
      INSERT INTO content_days (site, day, content, views, shares, engaged_ms, events, active_readers,
        active_score_x10, readers, score_x10, score_sq, repeaters)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (site, day, content) DO UPDATE SET
        views = views + excluded.views,
        shares = shares + excluded.shares,
        engaged_ms = engaged_ms + excluded.engaged_ms,
        events = events + excluded.events,
        active_readers = active_readers + excluded.active_readers,
        active_score_x10 = active_score_x10 + excluded.active_score_x10,
        readers = readers + excluded.readers,
        score_x10 = score_x10 + excluded.score_x10,
        score_sq = score_sq + excluded.score_sq,
        repeaters = repeaters + excluded.repeaters`),
    addLive: db.prepare(`
      INSERT INTO content_live (site, content, views, shares, engaged_ms, events, readers, score_x10, score_sq, repeaters)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (site, content) DO UPDATE SET
        views = views + excluded.views,
        shares = shares + excluded.shares,
        engaged_ms = engaged_ms + excluded.engaged_ms,
        events = events + excluded.events,
        readers = readers + excluded.readers,
        score_x10 = score_x10 + excluded.score_x10,
        score_sq = score_sq + excluded.score_sq,
        repeaters = repeaters + excluded.repeaters`),
    addBand: db.prepare(`
      INSERT INTO content_day_bands (site, content, day, band, readers, audience_x10) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (site, content, day, band) DO UPDATE SET
        readers = readers + excluded.readers, audience_x10 = audience_x10 + excluded.audience_x10`),
  };
}
