/**
 * What the reader views answer through the `Store` (`store.ts`): the reader
 * segments of `GET /readers`, one band's readers, and the content items'
 * ratings and audience.
 */
/** Inclusive range of UTC day numbers: `DayRange` of `store.ts`, which imports this module. */
interface Days {
  from: number;
  to: number;
}

/** A range of reader segments and the period of the same length before it (`readerSegments`). */
export interface ReaderQuery {
  site: string;
  range: Days;
  previous: Days;
  /** The reader model's bands, lowest first: what "fell" compares. */
  bandsLowFirst: readonly string[];
  /** The reader model's window: a range of this length ending today is the default, kept as a view. */
  windowDays: number;
  /** How many at-risk readers to list at most. */
  atRiskLimit: number;
}

/** A reader as of its latest activity in a range: the `reader_days` row of that day. */
export interface ReaderAsOf {
  visitor: string;
  scoreX10: number;
  band: string;
  day: number;
}

/** What a store counts for `GET /readers` (`../engine/readerSegments.ts` shapes the answer). */
export interface ReaderSegments {
  /** Readers of the range and of the previous period, by band. */
  bands: Map<string, number>;
  previousBands: Map<string, number>;
  /** Distinct readers of either period. */
  either: number;
  /** Readers of both periods, by (previous band, band). */
  moves: { previous: string; current: string; readers: number }[];
  /** Rows of `reader_day_bands` in the range. */
  series: { day: number; band: string; readers: number }[];
  /** Readers whose band fell or who are gone (`current` null), largest fall first, at most `atRiskLimit`. */
  atRisk: { previous: ReaderAsOf; current: ReaderAsOf | null }[];
}

/** Ratings of a content: how many readers gave each rating, `counts[rating - 1]`. */
export type RatingCounts = [number, number, number, number, number];

/** The readers of a content and the sum of their reader scores × 10 (`audience`). */
export interface AudienceSum {
  readers: number;
  scoreX10: number;
}
