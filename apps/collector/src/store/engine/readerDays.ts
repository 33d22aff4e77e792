/**
 * The reader views' rule, the same in every store: a reader's state per UTC
 * day (`reader_days`), each row scored with the reader model over the window
 * ending with its day, and linked to the reader's next active day
 * (`next_day`, null on the latest row), so that "each reader's latest day
 * in a range" is a filter on one row rather than a grouping of all of them.
 * `reader_day_bands` counts the rows by day, band and next day
 * (`readerBandDeltas.ts`). A store loads the
 * rows a fold needs, lets `updateReaderDays` change them, and writes what it
 * says.
 */
import { mergeReaders, readerWindow, score, type Model, type ReaderState } from '@dwell/score';
import type { ReaderBandDeltas } from './readerBandDeltas.js';

/** One stored `reader_days` row, as the fold changes it. */
export interface ReaderDay {
  day: number;
  state: ReaderState;
  scoreX10: number;
  band: string;
  nextDay: number | null;
  /** Whether the row is in the store already. */
  stored: boolean;
  /** Whether it must be written. */
  changed: boolean;
}

/** A `reader_days` row as both stores read it (the state as JSON). */
export interface ReaderDayRow {
  day: number;
  state: string;
  score_x10: number;
  band: string;
  next_day: number | null;
}

/** A stored row as the fold changes it. */
export function readerDayOf(row: ReaderDayRow): ReaderDay {
  return {
    day: row.day,
    state: JSON.parse(row.state) as ReaderState,
    scoreX10: row.score_x10,
    band: row.band,
    nextDay: row.next_day,
    stored: true,
    changed: false,
  };
}

/** The reader's row just before the ones loaded: only its `next_day` can change. */
export interface EarlierDay {
  day: number;
  band: string;
  scoreX10: number;
  nextDay: number | null;
}

/** The first day whose row a fold of days from `firstAdded` on must load: the window of `firstAdded`. */
export function firstReaderDayNeeded(firstAdded: number, model: Model): number {
  return firstAdded - model.windowDays + 1;
}

/** A stored row whose score changed: the audience of the contents the reader last read that day moves with it. */
export interface Rescored {
  day: number;
  scoreX10: number;
}

/**
 * Relinks `nextDay` of the reader's rows (sorted by day; changed in place)
 * and scores again every row from day `from` on, counting band moves in
 * `bands`: a row not `stored` yet counts as new in its band.
 */
export function rescoreReaderDays(
  site: string,
  rows: ReaderDay[],
  from: number,
  model: Model,
  bands: ReaderBandDeltas,
): Rescored[] {
  const rescored: Rescored[] = [];
  rows.forEach((row, index) => {
    const before = row.stored ? { band: row.band, nextDay: row.nextDay } : null;
    const nextDay = rows[index + 1]?.day ?? null;
    if (nextDay !== row.nextDay) {
      row.nextDay = nextDay;
      row.changed = true;
    }
    if (row.day >= from) {
      const result = score(readerWindow(rows, row.day, model.windowDays), model);
      const scoreX10 = Math.round(result.score * 10);
      if (!row.stored || scoreX10 !== row.scoreX10 || result.band !== row.band) {
        if (row.stored && scoreX10 !== row.scoreX10) rescored.push({ day: row.day, scoreX10 });
        row.scoreX10 = scoreX10;
        row.band = result.band;
        row.changed = true;
      }
    }
    if (!before) {
      bands.add(site, row.day, row.band, row.nextDay, 1);
    } else if (before.band !== row.band || before.nextDay !== row.nextDay) {
      bands.add(site, row.day, before.band, before.nextDay, -1);
      bands.add(site, row.day, row.band, row.nextDay, 1);
    }
  });
  return rescored;
}

/**
 * Merges the new states by day into the reader's rows (loaded from
 * `firstReaderDayNeeded` on, any order; changed in place), scores again every
 * row from the earliest new day on, relinks `nextDay`, and counts band moves
 * in `bands`. Returns the rows to write, the stored rows whose score changed,
 * and the earlier row's new `next_day` when it changed.
 */
export function updateReaderDays(
  site: string,
  rows: ReaderDay[],
  earlier: EarlierDay | null,
  added: ReadonlyMap<number, ReaderState>,
  model: Model,
  bands: ReaderBandDeltas,
): { changed: ReaderDay[]; rescored: Rescored[]; earlierNext: number | null | undefined } {
  for (const [day, state] of added) {
    const row = rows.find((candidate) => candidate.day === day);
    if (row) {
      row.state = mergeReaders([row.state, state]);
      row.changed = true;
    } else {
      rows.push({ day, state, scoreX10: 0, band: '', nextDay: null, stored: false, changed: true });
    }
  }
  rows.sort((a, b) => a.day - b.day);
  const rescored = rescoreReaderDays(site, rows, Math.min(...added.keys()), model, bands);
  const first = rows[0]?.day ?? null;
  const earlierNext = earlier && earlier.nextDay !== first ? first : undefined;
  if (earlier && earlierNext !== undefined) {
    bands.add(site, earlier.day, earlier.band, earlier.nextDay, -1);
    bands.add(site, earlier.day, earlier.band, earlierNext, 1);
  }
  return { changed: rows.filter((row) => row.changed), rescored, earlierNext };
}

/** One reader's rows after `rescoreSiteReaders`, and its days whose score changed. */
export interface RescoredReader {
  visitor: string;
  days: ReaderDay[];
  rescored: Rescored[];
}

/**
 * Every reader row of a site (sorted by visitor, then day) scored anew with
 * `model`, after a change of the reader model. The site's band counts start
 * from nothing: every row counts anew in `bands`.
 */
export function rescoreSiteReaders(
  site: string,
  rows: readonly (ReaderDayRow & { visitor: string })[],
  model: Model,
  bands: ReaderBandDeltas,
): RescoredReader[] {
  const readers: RescoredReader[] = [];
  let start = 0;
  while (start < rows.length) {
    const visitor = rows[start]!.visitor;
    let end = start;
    while (end < rows.length && rows[end]!.visitor === visitor) end++;
    const days = rows.slice(start, end).map((row) => ({ ...readerDayOf(row), stored: false }));
    rescoreReaderDays(site, days, -Infinity, model, bands);
    const rescored = days
      .filter((day, index) => day.scoreX10 !== rows[start + index]!.score_x10)
      .map(({ day, scoreX10 }) => ({ day, scoreX10 }));
    readers.push({ visitor, days, rescored });
    start = end;
  }
  return readers;
}
