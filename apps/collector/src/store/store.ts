/**
 * The storage interface of the collector. Every method is async so that a
 * network database (the PostgreSQL store of a later issue) implements the same
 * interface as the embedded SQLite store; the HTTP layer knows nothing else.
 */
import type { EngagementState, FoldOptions, Model, ReaderState } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import type { AudienceSum, RatingCounts, ReaderAsOf, ReaderQuery, ReaderSegments } from './readerReads.js';
import type { StoredModel } from './siteModels.js';
import type { StateRows } from './engine/readerHistory.js';
import type { Rows } from './engine/async.js';
import type { ReaderDayRow } from './engine/readerDays.js';
import type { StreamLag } from './jetstream/streamLog.js';

export type { AudienceSum, RatingCounts, ReaderAsOf, ReaderQuery, ReaderSegments } from './readerReads.js';

/** A validated wire event whose `ts` is already clock-corrected. */
export type StoredEvent = WireEvent & {
  /** The time the client sent, before correction, kept for audits. */
  clientTs: number;
};

/** One request's valid events, for one site and visitor. */
export interface IngestBatch {
  site: string;
  visitor: string;
  /** The site's model: the readers' scores in the aggregates are computed with it. */
  model: Model;
  /** Server time the request arrived, ms. */
  receivedAt: number;
  events: readonly StoredEvent[];
}

/** A batch as the log takes it: the model is the views' business, not the log's. */
export type LogBatch = Omit<IngestBatch, 'model'>;

export interface IngestCounts {
  /** Events stored for the first time. */
  accepted: number;
  /** Events whose id the site had already stored: not counted again. */
  duplicates: number;
}

/** Inclusive range of UTC day numbers (see `days.ts`). */
export interface DayRange {
  from: number;
  to: number;
}

export interface ContentQuery {
  site: string;
  model: Model;
  range: DayRange;
  /** Server time of the query: `range.to` on this day means "up to now". */
  now: number;
  section?: string;
  author?: string;
}

/** Sums behind one content's item in the ranked list. */
export interface ContentTotals {
  content: string;
  /** Visitors with activity on the content in the range. */
  readers: number;
  /** Σ readers' scores × 10 and Σ (score × 10)², for the mean and its interval. */
  scoreX10: number;
  scoreSq: number;
  /** Readers who viewed it in more than one session. */
  repeaters: number;
  views: number;
  shares: number;
  engagedMs: number;
}

/** The totals of a content nobody read in the range. */
export function emptyTotals(content: string): ContentTotals {
  return { content, readers: 0, scoreX10: 0, scoreSq: 0, repeaters: 0, views: 0, shares: 0, engagedMs: 0 };
}

export interface ContentMeta {
  title: string | null;
  url: string | null;
  section: string | null;
  author: string | null;
}

export interface ContentDetails extends ContentMeta {
  /** Readers by band name. */
  bands: Record<string, number>;
}

/** One day of one content. */
export interface ContentDay {
  day: number;
  views: number;
  shares: number;
  engagedMs: number;
  /** Visitors active that day, and Σ of their scores × 10 as of that day. */
  readers: number;
  scoreX10: number;
}

/** One day of a whole site. */
export interface SiteDay {
  day: number;
  /** Distinct visitors active that day. */
  visitors: number;
  views: number;
  shares: number;
  engagedMs: number;
  /** (visitor, content) pairs active that day, by their score × 10 as of that day. */
  scores: { scoreX10: number; readers: number }[];
}

export interface SiteActivity {
  /** Distinct visitors active in the range. */
  visitors: number;
  /** The days with activity, oldest first. */
  days: SiteDay[];
}

export interface RefreshReport {
  /** Readers whose score was computed again. */
  rescored: number;
  /** Whether the model changed since the last refresh, so everything was re-scored. */
  modelChanged: boolean;
}

/** How far the views are behind the log. */
export interface ViewLag {
  /** Events acknowledged but not folded into the views yet. */
  events: number;
  /** Age of the oldest of them, ms (0 when there are none). */
  ms: number;
  /** The views' position in the log (the last seq, or for PostgreSQL the events folded since start). */
  position: number;
  /** The last fold's error, while folding fails. */
  error: string | null;
  /** Behind a JetStream log: the stream, and the views' lag in each partition. */
  stream?: StreamLag;
}

/** When ingest refuses more because the views are too far behind (`StoreOptions`). */
export interface LagBound {
  /** Most events acknowledged and not yet folded. */
  maxEvents: number;
  /** Most age of the oldest of them, ms. */
  maxMs: number;
}

/** Default lag bound: ingest answers 503 past 200,000 unfolded events or 10 s. */
export const DEFAULT_LAG_BOUND: LagBound = { maxEvents: 200_000, maxMs: 10_000 };

/** How long a visitor's read waits for the views to fold that visitor's acknowledged events, ms. */
export const READ_WAIT_MS = 5_000;

/**
 * The store is behind and takes no more for now: the batch was not stored.
 * Ingest answers 503 with Retry-After, without an error log line per
 * request (the request log already records each 503).
 */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
  /** When to try again, seconds: the app answers such an error 503 with `Retry-After` (`http/errorHandler.ts`). */
  readonly retryAfterSeconds = 1;
}

/** Throws `StoreBusyError` while the views are further behind the log than `bound`: ingest's back-pressure. */
export function refuseWhenBehind(lag: ViewLag, bound: LagBound): void {
  if (lag.events > bound.maxEvents || lag.ms > bound.maxMs) {
    throw new StoreBusyError(`the views are ${lag.events} events and ${lag.ms} ms behind the log`);
  }
}

export interface Store {
  /** Human-readable description for the start-up log line. */
  readonly description: string;
  /**
   * Appends the events to the log exactly once (the id is unique per site):
   * when the promise resolves, the batch survives a crash. The views (daily
   * states, scores, aggregates) are folded from the log behind it; rejects
   * with `StoreBusyError` while they are further behind than the lag bound.
   */
  ingest(batch: IngestBatch): Promise<IngestCounts>;
  /** Every site's model, for folding the log; given before the first refresh. */
  useModels(models: ReadonlyMap<string, Model>): void;
  /** Every site's reader model, for the reader views; a site without one is scored with `DEFAULT_READER_MODEL`. */
  useReaderModels(models: ReadonlyMap<string, Model>): void;
  /** The models the site applied, newest first: the latest of each kind is active (`siteModels.ts`). */
  siteModels(site: string): Promise<StoredModel[]>;
  /** Records models as applied, together; a rebuild of the views keeps them. */
  recordSiteModels(entries: readonly StoredModel[]): Promise<void>;
  /**
   * Scores the site with these models from now on: folds use them, and
   * before the promise resolves its reader rows are scored again with the
   * reader model and its content views refreshed with the content model.
   */
  applyModels(site: string, model: Model, readerModel: Model, now: number): Promise<RefreshReport>;
  /** How far the views are behind the log. */
  lag(now: number): Promise<ViewLag>;
  /** Resolves once the views hold every event acknowledged before the call. */
  caughtUp(): Promise<void>;
  /** Empties the views and folds them again from the whole log; resolves when they have caught up. */
  rebuildViews(): Promise<void>;
  /**
   * The pair's state over the window ending at `window.now`, equal to `fold`
   * over its stored events, once the views hold every event of the visitor
   * acknowledged before the call (waiting up to `READ_WAIT_MS`, then
   * rejecting with `StoreBusyError`).
   */
  visitorState(site: string, visitor: string, content: string, window: FoldOptions): Promise<EngagementState>;
  /**
   * The reader's state over the reader window ending with day `today`, once
   * the views hold every event of the visitor acknowledged before the call
   * (as `visitorState`).
   */
  readerState(site: string, visitor: string, today: number, windowDays: number): Promise<ReaderState>;
  /** Reader segments of a range against the period before it. */
  readerSegments(query: ReaderQuery): Promise<ReaderSegments>;
  /** The readers of the range in one band, as of their latest activity, highest score first. */
  readerSegment(site: string, range: DayRange, band: string): Promise<ReaderAsOf[]>;
  /** Each content's latest ratings given in the range, by content (contents without any left out). */
  contentRatings(
    site: string,
    contents: readonly string[],
    range: DayRange,
  ): Promise<Map<string, RatingCounts>>;
  /**
   * Each content's readers whose latest activity on it is in the range, and
   * the sum of their reader scores × 10 as of that day.
   */
  contentAudience(
    site: string,
    contents: readonly string[],
    range: DayRange,
  ): Promise<Map<string, AudienceSum>>;
  /** Totals of every content with activity in the range. */
  contentTotals(query: ContentQuery & { content?: string }): Promise<ContentTotals[]>;
  /** Metadata and band distributions of some contents (the items of one page). */
  contentDetails(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails>>;
  /** Metadata of those of the contents the site saw. */
  contentMetas(site: string, contents: readonly string[]): Promise<Map<string, ContentMeta>>;
  /** Metadata of one content, or `null` when the site never saw it. */
  contentMeta(site: string, content: string): Promise<ContentMeta | null>;
  /** The content's days in the range, oldest first; days without activity are left out. */
  contentSeries(site: string, content: string, range: DayRange): Promise<ContentDay[]>;
  /** The site's activity by day in the range, over all its contents. */
  siteActivity(site: string, range: DayRange): Promise<SiteActivity>;
  /**
   * The engagement state of each reader of the content active in the range,
   * over the model window ending with the range's last day (whole days).
   */
  readerStates(query: ContentQuery, content: string): Promise<EngagementState[]>;
  /**
   * Brings the site's aggregates up to date with `now` and `model`: readers
   * whose window lost days are scored again, and everything is re-scored from
   * the stored states when the model changed.
   */
  refresh(site: string, model: Model, now: number): Promise<RefreshReport>;
  /**
   * The stored daily pair states of the days `from`–`to`, each pair's rows
   * together (the order of the pairs is the store's), read from a snapshot
   * of their own: previews and calibration score history under other models
   * from them.
   */
  pairDays(site: string, days: DayRange): StateRows;
  /** The stored reader rows of the days `from`–`to`, ordered by visitor and day, from a snapshot of their own. */
  readerDays(site: string, days: DayRange): Rows<ReaderDayRow & { visitor: string }>;
  /** Throws when the store cannot be read and written. */
  ping(): Promise<void>;
  /** Finishes pending writes and closes the store. */
  close(): Promise<void>;
}
