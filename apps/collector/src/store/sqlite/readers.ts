/**
 * SQLite's side of `../engine/readerDays.ts`, in the materializer's
 * transaction: loads a touched reader's day rows, lets `updateReaderDays`
 * change them, writes what changed and the band counts; keeps the latest
 * rating of each (content, visitor); and scores a site's readers again when
 * its reader model changed.
 */
import type Database from 'better-sqlite3';
import { modelVersion, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import { readerStatesOf, type RatingNote, type TouchedReader } from '../engine/foldPlan.js';
import type { AggregateDeltas } from '../engine/aggregateDeltas.js';
import {
  firstReaderDayNeeded,
  rescoreSiteReaders,
  updateReaderDays,
  readerDayOf,
  type ReaderDay,
  type ReaderDayRow,
  type Rescored,
} from '../engine/readerDays.js';
import { ReaderBandDeltas } from '../engine/readerBandDeltas.js';
import { foldedPeriod, type ReaderPeriodDays } from '../engine/readerPeriods.js';
import { prepareReaderPeriods } from './readerPeriods.js';

export function prepareReaders(db: Database.Database, deltas: AggregateDeltas) {
  const bands = new ReaderBandDeltas();
  const periods = prepareReaderPeriods(db);
  /** Each site's view of `readerPeriods.ts` in this fold (null: none), looked up once. */
  const views = new Map<string, ReaderPeriodDays | null>();
  const viewOf = (site: string) => {
    let view = views.get(site);
    if (view === undefined) views.set(site, (view = periods.viewOf(site) ?? null));
    return view;
  };
  /** Reader rows whose score changed in this fold, for `syncAudience`. */
  let rescoredRows: { site: string; visitor: string; rescored: Rescored[] }[] = [];
  const selectLastOn = db.prepare<
    [string, string, number],
    { content: string; band: string; audience_x10: number }
  >('SELECT content, band, audience_x10 FROM readers WHERE site = ? AND visitor = ? AND last_day = ?');
  const setAudience = db.prepare(
    'UPDATE readers SET audience_x10 = ? WHERE site = ? AND content = ? AND visitor = ?',
  );
  const selectDays = db.prepare<[string, string, number], ReaderDayRow>(
    'SELECT day, state, score_x10, band, next_day FROM reader_days WHERE site = ? AND visitor = ? AND day >= ? ORDER BY day',
  );
  const selectEarlier = db.prepare<
    [string, string, number],
    { day: number; band: string; score_x10: number; next_day: number | null }
  >(
    'SELECT day, band, score_x10, next_day FROM reader_days WHERE site = ? AND visitor = ? AND day < ? ORDER BY day DESC LIMIT 1',
  );
  const upsertDay = db.prepare(`
    INSERT INTO reader_days (site, visitor, day, state, score_x10, band, next_day) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, visitor, day) DO UPDATE SET
      state = excluded.state, score_x10 = excluded.score_x10, band = excluded.band, next_day = excluded.next_day`);
  const setNext = db.prepare(
    'UPDATE reader_days SET next_day = ? WHERE site = ? AND visitor = ? AND day = ?',
  );
  const addBand = db.prepare(`
    INSERT INTO reader_day_bands (site, day, band, next_day, readers) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (site, day, band, next_day) DO UPDATE SET readers = readers + excluded.readers`);
  const upsertRating = db.prepare(`
    INSERT INTO content_ratings (site, content, visitor, day, ts, rating) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, content, visitor) DO UPDATE SET day = excluded.day, ts = excluded.ts, rating = excluded.rating
    WHERE excluded.ts > ts OR (excluded.ts = ts AND excluded.rating > rating)`);
  const selectVersion = db
    .prepare<[string], string>('SELECT version FROM reader_models WHERE site = ?')
    .pluck();
  const upsertVersion = db.prepare(
    'INSERT INTO reader_models (site, version) VALUES (?, ?) ON CONFLICT (site) DO UPDATE SET version = excluded.version',
  );
  const selectSiteDays = db.prepare<[string], ReaderDayRow & { visitor: string }>(
    'SELECT visitor, day, state, score_x10, band, next_day FROM reader_days WHERE site = ? ORDER BY visitor, day',
  );
  const deleteSiteBands = db.prepare('DELETE FROM reader_day_bands WHERE site = ?');

  function write(site: string, visitor: string, rows: readonly ReaderDay[]): void {
    for (const row of rows) {
      upsertDay.run(site, visitor, row.day, JSON.stringify(row.state), row.scoreX10, row.band, row.nextDay);
    }
  }

  /** Scores every reader row of the site again with `model`, and counts its bands anew. */
  function rescoreSite(site: string, model: Model): void {
    deleteSiteBands.run(site);
    periods.drop(site);
    views.set(site, null);
    for (const { visitor, days, rescored } of rescoreSiteReaders(
      site,
      selectSiteDays.all(site),
      model,
      bands,
    )) {
      write(site, visitor, days);
      if (rescored.length) rescoredRows.push({ site, visitor, rescored });
    }
  }

  return {
    /** Folds one touched reader's new events into its rows. */
    update(reader: TouchedReader, model: Model): void {
      const added = readerStatesOf(reader);
      const firstAdded = Math.min(...added.keys());
      const from = firstReaderDayNeeded(firstAdded, model);
      const rows = selectDays.all(reader.site, reader.visitor, from).map(readerDayOf);
      const earlierRow = selectEarlier.get(reader.site, reader.visitor, from);
      const earlier = earlierRow
        ? {
            day: earlierRow.day,
            band: earlierRow.band,
            scoreX10: earlierRow.score_x10,
            nextDay: earlierRow.next_day,
          }
        : null;
      const { changed, rescored, earlierNext } = updateReaderDays(
        reader.site,
        rows,
        earlier,
        added,
        model,
        bands,
      );
      write(reader.site, reader.visitor, changed);
      if (rescored.length) rescoredRows.push({ site: reader.site, visitor: reader.visitor, rescored });
      if (earlier && earlierNext !== undefined)
        setNext.run(earlierNext, reader.site, reader.visitor, earlier.day);
      const view = viewOf(reader.site);
      if (!view) return;
      const period = foldedPeriod(view, from, firstAdded, earlier, rows);
      if (period === 'drop') {
        periods.drop(reader.site);
        views.set(reader.site, null);
      } else if (period !== 'keep') periods.write(reader.site, reader.visitor, period);
    },
    rating(note: RatingNote): void {
      upsertRating.run(note.site, note.content, note.visitor, dayOf(note.ts), note.ts, note.rating);
    },
    /**
     * Scores the site's readers again unless they are known to be scored
     * with `model` (no row is not knowing: after a rebuild the rows are
     * gone, and scoring a site's readers once more is only redundant).
     * Says whether it did.
     */
    useModel(site: string, model: Model): boolean {
      const version = modelVersion(model);
      if (selectVersion.get(site) === version) return false;
      rescoreSite(site, model);
      upsertVersion.run(site, version);
      return true;
    },
    /** Writes the band counts the updates changed. */
    flush(): void {
      for (const row of bands.take()) addBand.run(row.site, row.day, row.band, row.nextDay, row.readers);
    },
    /**
     * The contents a reader last read on a day whose reader score changed
     * take the new score into their audience (after the pairs of this fold,
     * which took it already).
     */
    syncAudience(): void {
      for (const { site, visitor, rescored } of rescoredRows) {
        for (const { day, scoreX10 } of rescored) {
          for (const row of selectLastOn.all(site, visitor, day)) {
            if (row.audience_x10 === scoreX10) continue;
            deltas.audience(site, row.content, day, row.band, scoreX10 - row.audience_x10);
            setAudience.run(scoreX10, site, row.content, visitor);
          }
        }
      }
      rescoredRows = [];
    },
    /** Forgets what a failed transaction collected. */
    clear(): void {
      bands.clear();
      views.clear();
      rescoredRows = [];
    },
  };
}
