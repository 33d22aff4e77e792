/**
 * `content_live`: per content, the sum of its `content_days` rows from a
 * site's live window start on, so the default ranked list (the model window
 * ending today) reads one row per content instead of one per content and day.
 * Ingest keeps it current (see `AggregateDeltas.take`); when the window
 * starts on a new day it is rebuilt from `content_days`, once a day.
 */
import type Database from 'better-sqlite3';

export function prepareLive(db: Database.Database) {
  const selectFrom = db.prepare<[string], number>('SELECT from_day FROM live_windows WHERE site = ?').pluck();
  const deleteLive = db.prepare('DELETE FROM content_live WHERE site = ?');
  const insertLive = db.prepare(`
    INSERT INTO content_live (site, content, views, shares, engaged_ms, events, readers, score_x10, score_sq, repeaters)
    SELECT site, content, SUM(views), SUM(shares), SUM(engaged_ms), SUM(events), SUM(readers), SUM(score_x10),
      SUM(score_sq), SUM(repeaters)
    FROM content_days WHERE site = ? AND day >= ? GROUP BY content`);
  const upsertFrom = db.prepare(`
    INSERT INTO live_windows (site, from_day) VALUES (?, ?)
    ON CONFLICT (site) DO UPDATE SET from_day = excluded.from_day`);
  const rebuild = db.transaction((site: string, fromDay: number) => {
    deleteLive.run(site);
    insertLive.run(site, fromDay);
    upsertFrom.run(site, fromDay);
  });

  return {
    /**
     * A lookup of each site's live window start for one transaction: days
     * before it are not in `content_live` (no window yet: none are).
     */
    lookup(): (site: string) => number {
      const known = new Map<string, number>();
      return (site) => {
        let from = known.get(site);
        if (from === undefined) known.set(site, (from = selectFrom.get(site) ?? Infinity));
        return from;
      };
    },

    /** Makes `content_live` sum the days from `fromDay` on. */
    ensure(site: string, fromDay: number): void {
      // IMMEDIATE: the writer thread writes too (`connection.ts`).
      if (selectFrom.get(site) !== fromDay) rebuild.immediate(site, fromDay);
    },
  };
}

export type Live = ReturnType<typeof prepareLive>;
