/**
 * The reader view of `GET /readers`' default comparison, the same in every
 * store: for the model's window ending on a day (`reader_period_days`) and
 * the window before it, each reader of the earlier window with its latest
 * row there and its latest row in the later one (`reader_periods`). How
 * readers moved is then a count over those rows, and the readers at risk an
 * index scan, where pairing every reader's two periods took a lookup per
 * reader (164 ms at p95 for 200,000 readers, 50,000 of them in both).
 *
 * A read of the default range makes the view for its day when it is missing
 * or for another day (once a day, like the live window); the fold keeps the
 * touched readers' rows true; other ranges pair the periods in SQL.
 */
import type { ReaderQuery } from '../readerReads.js';
import { latestInSql, bandRankSql } from './readerSql.js';

/** The periods a site's `reader_periods` rows are for. */
export interface ReaderPeriodDays {
  /** The last day of the later window. */
  day: number;
  windowDays: number;
  /** The reader model's bands, lowest first: what "fell" compares. */
  bandsLowFirst: readonly string[];
}

/** A reader's row as of a day, as the view keeps it. */
export interface PeriodRow {
  day: number;
  band: string;
  scoreX10: number;
}

/** A reader's `reader_periods` row: its latest rows in the earlier and the later window. */
export interface ReaderPeriod {
  previous: PeriodRow;
  current: PeriodRow | null;
  /** Whether its band fell (or it is gone) from a band above the lowest: it is at risk. */
  fell: boolean;
  /** The fall of its score × 10, what the at-risk list is ordered by. */
  fallX10: number;
}

/** The band lists of `reader_period_days.bands`, one name per line. */
export const bandsText = (bands: readonly string[]): string => bands.join('\n');

/** The rank of a band among the model's, lowest 0; -1 for a band the model does not have (`bandRankSql`). */
function rankOf(bandsLowFirst: readonly string[], band: string): number {
  return bandsLowFirst.indexOf(band);
}

/** The same periods: a view for `a` answers a read of `b`. */
export function samePeriods(a: ReaderPeriodDays, b: ReaderPeriodDays): boolean {
  return (
    a.day === b.day &&
    a.windowDays === b.windowDays &&
    bandsText(a.bandsLowFirst) === bandsText(b.bandsLowFirst)
  );
}

/**
 * The view that answers a read, when it compares the model's window ending
 * on a day with the window before it (the default range); null otherwise.
 */
export function periodsOfQuery(query: ReaderQuery): ReaderPeriodDays | null {
  const { range, previous, windowDays } = query;
  const fits =
    range.to - range.from + 1 === windowDays &&
    previous.to === range.from - 1 &&
    previous.from === range.from - windowDays;
  return fits ? { day: range.to, windowDays, bandsLowFirst: query.bandsLowFirst } : null;
}

/**
 * Whether a read wanting `wanted` makes the view for it: when there is none,
 * or the stored one is older or for another model. Not for an older day
 * than the stored one, so a look at the past does not move the view back
 * from today: that read pairs the periods in SQL instead.
 */
export function shouldMakeView(wanted: ReaderPeriodDays, stored: ReaderPeriodDays | undefined): boolean {
  if (!stored) return true;
  if (wanted.day < stored.day) return false;
  return !samePeriods(wanted, stored);
}

/**
 * A reader's view row from its rows sorted by day (with the row just before
 * them, if any, first): the latest of the earlier window and of the later
 * one; null when it has no row in the earlier window. The rows must reach
 * back to the later window's start, and past the earlier window's end or to
 * the reader's row before it (`coversPeriods`).
 */
export function readerPeriodOf(rows: readonly PeriodRow[], view: ReaderPeriodDays): ReaderPeriod | null {
  const currentFrom = view.day - view.windowDays + 1;
  const previousFrom = currentFrom - view.windowDays;
  let previous: PeriodRow | null = null;
  let current: PeriodRow | null = null;
  for (const row of rows) {
    if (row.day > view.day) break;
    if (row.day >= currentFrom) current = row;
    else if (row.day >= previousFrom) previous = row;
  }
  if (!previous) return null;
  const previousRank = rankOf(view.bandsLowFirst, previous.band);
  const fell = previousRank > 0 && (!current || rankOf(view.bandsLowFirst, current.band) < previousRank);
  return { previous, current, fell, fallX10: previous.scoreX10 - (current?.scoreX10 ?? 0) };
}

/**
 * Whether rows loaded from `firstLoaded` on (and the row before) decide a
 * reader's view row: they must start no later than the later window, or the
 * latest row of the earlier one may be among those not loaded.
 */
function coversPeriods(firstLoaded: number, view: ReaderPeriodDays): boolean {
  return firstLoaded <= view.day - view.windowDays + 1;
}

/**
 * Whether new rows from day `firstAdded` on can change a reader's view row:
 * not when they all come after the view's day.
 */
function touchesPeriods(firstAdded: number, view: ReaderPeriodDays): boolean {
  return firstAdded <= view.day;
}

/** The columns of `reader_periods`, in the order every store writes them (and `periodRowsSql` selects them). */
export const READER_PERIOD_COLUMNS = [
  'site',
  'visitor',
  'previous_day',
  'previous_band',
  'previous_score_x10',
  'current_day',
  'current_band',
  'current_score_x10',
  'fell',
  'fall_x10',
] as const;

/** The head of every write of `reader_periods` rows: the table and its columns. */
export const INSERT_READER_PERIODS = `INSERT INTO reader_periods (${READER_PERIOD_COLUMNS.join(', ')})`;

/** What an upsert of a reader's row sets when the row exists: every column but the key. */
export const UPDATE_READER_PERIOD = `ON CONFLICT (site, visitor) DO UPDATE SET ${READER_PERIOD_COLUMNS.slice(
  2,
)
  .map((column) => `${column} = excluded.${column}`)
  .join(', ')}`;

/**
 * The SELECT that makes a site's `reader_periods` rows from `reader_days`, in
 * the order of `READER_PERIOD_COLUMNS`. `param(name)` is the store's placeholder
 * for `site`, `day` (the later window's end), `currentFrom`, `previousFrom`,
 * `previousTo`, and the bands `b0`, `b1`… (`bandRankSql`).
 */
export function periodRowsSql(param: (name: string) => string, bandsLowFirst: readonly string[]): string {
  const rank = (column: string) => bandRankSql(column, bandsLowFirst, (index) => param(`b${index}`));
  return `SELECT p.site, p.visitor, p.day, p.band, p.score_x10, c.day, c.band, c.score_x10,
      CASE WHEN ${rank('p.band')} > 0 AND (c.visitor IS NULL OR ${rank('c.band')} < ${rank('p.band')}) THEN 1 ELSE 0 END,
      p.score_x10 - coalesce(c.score_x10, 0)
    FROM reader_days p
    LEFT JOIN reader_days c ON c.site = p.site AND c.visitor = p.visitor AND ${latestInSql('c', param('currentFrom'), param('day'))}
    WHERE p.site = ${param('site')} AND ${latestInSql('p', param('previousFrom'), param('previousTo'))}`;
}

/** The named parameters of `periodRowsSql` for a view. */
export function periodRowsParams(site: string, view: ReaderPeriodDays): Record<string, string | number> {
  const currentFrom = view.day - view.windowDays + 1;
  return {
    site,
    day: view.day,
    currentFrom,
    previousFrom: currentFrom - view.windowDays,
    previousTo: currentFrom - 1,
    ...Object.fromEntries(view.bandsLowFirst.map((band, index) => [`b${index}`, band])),
  };
}

/**
 * What a fold does to a reader's view row after `updateReaderDays` changed
 * its rows (loaded from `loadedFrom` on, sorted, with the row before them):
 * keeps it when the new days all come after the view's day, or when the
 * reader has no day in the earlier window (nor had before: a fold adds rows,
 * never removes one); drops the whole view when the rows loaded cannot
 * decide it (a read makes it again); or gives the reader's row.
 */
export function foldedPeriod(
  view: ReaderPeriodDays,
  loadedFrom: number,
  firstAdded: number,
  earlier: PeriodRow | null,
  rows: readonly PeriodRow[],
): 'keep' | 'drop' | ReaderPeriod {
  if (!touchesPeriods(firstAdded, view)) return 'keep';
  if (!coversPeriods(loadedFrom, view)) return 'drop';
  return readerPeriodOf(earlier ? [earlier, ...rows] : rows, view) ?? 'keep';
}
