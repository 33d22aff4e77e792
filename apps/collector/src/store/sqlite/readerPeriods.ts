/**
 * SQLite's side of `../engine/readerPeriods.ts`: the view of a site's
 * default reader comparison, made for a day by a read (on the main
 * connection, like the live window) and kept by the fold (in the
 * materializer's transaction).
 */
import type Database from 'better-sqlite3';
import {
  INSERT_READER_PERIODS,
  READER_PERIOD_COLUMNS,
  UPDATE_READER_PERIOD,
  bandsText,
  periodRowsParams,
  periodRowsSql,
  shouldMakeView,
  type ReaderPeriod,
  type ReaderPeriodDays,
} from '../engine/readerPeriods.js';

interface PeriodDaysRow {
  day: number;
  window_days: number;
  bands: string;
}

/** The periods a site's view is for, if it has one. */
export function prepareViewOf(db: Database.Database): (site: string) => ReaderPeriodDays | undefined {
  const select = db.prepare<[string], PeriodDaysRow>(
    'SELECT day, window_days, bands FROM reader_period_days WHERE site = ?',
  );
  return (site) => {
    const row = select.get(site);
    return row && { day: row.day, windowDays: row.window_days, bandsLowFirst: row.bands.split('\n') };
  };
}

export function prepareReaderPeriods(db: Database.Database) {
  const viewOf = prepareViewOf(db);
  const deleteRows = db.prepare('DELETE FROM reader_periods WHERE site = ?');
  const deleteDays = db.prepare('DELETE FROM reader_period_days WHERE site = ?');
  const upsertDays = db.prepare(`
    INSERT INTO reader_period_days (site, day, window_days, bands) VALUES (?, ?, ?, ?)
    ON CONFLICT (site) DO UPDATE SET day = excluded.day, window_days = excluded.window_days, bands = excluded.bands`);
  const upsertRow = db.prepare(
    `${INSERT_READER_PERIODS} VALUES (${READER_PERIOD_COLUMNS.map(() => '?').join(', ')}) ${UPDATE_READER_PERIOD}`,
  );
  /** The insert for each band list (the CASE has one parameter per band). */
  const inserts = new Map<string, Database.Statement>();

  const make = db.transaction((site: string, view: ReaderPeriodDays) => {
    const key = bandsText(view.bandsLowFirst);
    let insert = inserts.get(key);
    if (!insert) {
      const select = periodRowsSql((name) => `:${name}`, view.bandsLowFirst);
      inserts.set(key, (insert = db.prepare(`${INSERT_READER_PERIODS} ${select}`)));
    }
    deleteRows.run(site);
    insert.run(periodRowsParams(site, view));
    upsertDays.run(site, view.day, view.windowDays, key);
  });

  return {
    viewOf,
    /** Makes the site's view for `view` when a read of it should (`shouldMakeView`). */
    ensure(site: string, view: ReaderPeriodDays): void {
      // IMMEDIATE: the materializer thread writes the views too (`connection.ts`).
      if (shouldMakeView(view, viewOf(site))) make.immediate(site, view);
    },
    /** Writes a reader's row of the view. */
    write(site: string, visitor: string, period: ReaderPeriod): void {
      const { previous, current } = period;
      upsertRow.run(
        site,
        visitor,
        previous.day,
        previous.band,
        previous.scoreX10,
        current?.day ?? null,
        current?.band ?? null,
        current?.scoreX10 ?? null,
        period.fell ? 1 : 0,
        period.fallX10,
      );
    },
    /** Drops the site's view (its readers were scored again): the next read of it makes it anew. */
    drop(site: string): void {
      deleteDays.run(site);
      deleteRows.run(site);
    },
  };
}

export type ReaderPeriods = ReturnType<typeof prepareReaderPeriods>;
