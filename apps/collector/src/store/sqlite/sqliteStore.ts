/**
 * The embedded store: SQLite through better-sqlite3, in WAL mode with
 * `synchronous = FULL`, so a commit is on disk before it returns. Two files:
 * the log (`dwell.db`, the raw events) and the views (`views.db`, everything
 * folded from them). Ingest appends to the log on a writer thread
 * (`writer.ts`), where requests that arrive together share one transaction
 * (group commit): one fsync acknowledges all of them. A materializer thread
 * (`materializer.ts`) folds the log into the views behind it. Reads and the
 * refresh run here, on connections of their own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { EngagementState, FoldOptions, Model, ReaderState } from '@dwell/score';
import { contentReads, type ContentReads, type TotalsQuery } from '../engine/contentReads.js';
import type {
  AudienceSum,
  ContentDay,
  ContentDetails,
  ContentMeta,
  ContentQuery,
  ContentTotals,
  DayRange,
  IngestBatch,
  IngestCounts,
  LagBound,
  RatingCounts,
  ReaderAsOf,
  ReaderQuery,
  ReaderSegments,
  RefreshReport,
  SiteActivity,
  Store,
  ViewLag,
} from '../store.js';
import type { StoredModel } from '../siteModels.js';
import { DEFAULT_LAG_BOUND, READ_WAIT_MS, refuseWhenBehind } from '../store.js';
import { AggregateDeltas } from '../engine/aggregateDeltas.js';
import { DATABASE_FILE, openDatabase, unlessBusy, VIEWS_FILE } from './connection.js';
import { prepareHistory } from './history.js';
import { SqliteMaterializer } from './materializerClient.js';
import { LOG_MIGRATIONS, migrate, VIEW_MIGRATIONS } from './migrations.js';
import { preparePairs } from './pairs.js';
import { prepareQueries } from './queries.js';
import { prepareLive, type Live } from './live.js';
import { prepareEventsBySeq } from './rawEvents.js';
import { prepareReaderQueries } from './readerQueries.js';
import { prepareReaderPeriods, type ReaderPeriods } from './readerPeriods.js';
import { prepareRefresh } from './refresh.js';
import { prepareSite } from './site.js';
import { prepareSiteModels } from './siteModels.js';
import { PAIR_DAYS, READER_DAYS, scanViews } from './scans.js';
import type { StateRow, StateRows } from '../engine/readerHistory.js';
import type { Rows } from '../engine/async.js';
import type { ReaderDayRow } from '../engine/readerDays.js';
import { periodsOfQuery } from '../engine/readerPeriods.js';
import { SqliteWriter } from './writerClient.js';

export { CACHE_KIB, DATABASE_FILE, VIEWS_FILE } from './connection.js';

export interface SqliteStoreOptions {
  /** Each site's model, for folding the log from the start (`useModels` changes them later). */
  models?: ReadonlyMap<string, Model>;
  /** Each site's reader model (`useReaderModels` changes them later). */
  readers?: ReadonlyMap<string, Model>;
  /** Past this lag of the views, ingest refuses batches (503); default `DEFAULT_LAG_BOUND`. */
  lagBound?: LagBound;
}

/** How long a rebuild of the views may take, ms. */
const REBUILD_TIMEOUT_MS = 24 * 3_600_000;

/** How long applying models may wait for the reader rows to be scored again, ms. */
const APPLY_TIMEOUT_MS = 10 * 60_000;

export class SqliteStore implements Store {
  readonly description: string;
  /** The views, for the refresh's writes and the reads of the pair rows. */
  readonly #db: Database.Database;
  readonly #reader: Database.Database;
  readonly #log: Database.Database;
  /** The log's last seq, whoever appended it. */
  readonly #lastSeq: Database.Statement<[], number>;
  readonly #writer: SqliteWriter;
  readonly #materializer: SqliteMaterializer;
  readonly #lagBound: LagBound;
  readonly #models = new Map<string, Model>();
  readonly #readers = new Map<string, Model>();
  readonly #queries: ReturnType<typeof prepareQueries>;
  readonly #history: ReturnType<typeof prepareHistory>;
  readonly #reads: ContentReads;
  readonly #refresh: ReturnType<typeof prepareRefresh>;
  readonly #live: Live;
  readonly #readerPeriods: ReaderPeriods;
  readonly #site: ReturnType<typeof prepareSite>;
  readonly #readerQueries: ReturnType<typeof prepareReaderQueries>;
  readonly #siteModels: ReturnType<typeof prepareSiteModels>;
  readonly #viewsFile: string;
  #closed = false;

  /** Opens (creating them if needed) the log and the views in `dataDir` and runs pending migrations. */
  constructor(dataDir: string, options: SqliteStoreOptions = {}) {
    mkdirSync(dataDir, { recursive: true });
    const logFile = join(dataDir, DATABASE_FILE);
    const viewsFile = join(dataDir, VIEWS_FILE);
    this.description = `sqlite ${logFile}`;
    this.#viewsFile = viewsFile;
    this.#lagBound = options.lagBound ?? DEFAULT_LAG_BOUND;
    this.#log = openDatabase(logFile, 'log');
    migrate(this.#log, LOG_MIGRATIONS);
    this.#db = openDatabase(viewsFile, 'views');
    migrate(this.#db, VIEW_MIGRATIONS);
    this.#reader = openDatabase(viewsFile, 'read');
    this.#writer = new SqliteWriter(logFile);
    const position = this.#db.prepare('SELECT seq FROM log_position').pluck().get() as number;
    this.#lastSeq = this.#log.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM events').pluck();
    const logEnd = this.#lastSeq.get() as number;
    for (const [site, model] of options.models ?? []) this.#models.set(site, model);
    for (const [site, model] of options.readers ?? []) this.#readers.set(site, model);
    this.#materializer = new SqliteMaterializer(
      { logFile, viewsFile, models: [...this.#models], readers: [...this.#readers] },
      position,
      logEnd,
    );
    const deltas = new AggregateDeltas();
    const eventsBySeq = prepareEventsBySeq(this.#log);
    const updatePair = preparePairs(this.#db, deltas, eventsBySeq);
    this.#live = prepareLive(this.#db);
    this.#readerPeriods = prepareReaderPeriods(this.#db);
    this.#queries = prepareQueries(this.#db, eventsBySeq);
    this.#history = prepareHistory(this.#reader);
    this.#site = prepareSite(this.#reader);
    this.#readerQueries = prepareReaderQueries(this.#reader);
    this.#reads = contentReads({
      ensureLive: (site, fromDay) => unlessBusy(() => this.#live.ensure(site, fromDay)),
      totals: this.#queries.totals,
      details: this.#queries.details,
      history: this.#history,
    });
    this.#refresh = prepareRefresh(this.#db, deltas, updatePair, this.#live);
    this.#siteModels = prepareSiteModels(this.#log);
  }

  async ingest(batch: IngestBatch): Promise<IngestCounts> {
    if (this.#closed) throw new Error('the store is closed');
    if (!batch.events.length) return { accepted: 0, duplicates: 0 };
    refuseWhenBehind(this.#materializer.lag(Date.now()), this.#lagBound);
    const { site, visitor, receivedAt, events, model } = batch;
    if (this.#models.get(site) !== model) this.useModels(new Map([...this.#models, [site, model]]));
    // Named, not `...rest`: object rest and spread are slow paths of V8 (see `storedEventOf`).
    const { counts, lastSeq } = await this.#writer.submit({ site, visitor, receivedAt, events });
    if (counts.accepted) this.#materializer.appended(site, visitor, lastSeq, Date.now());
    return counts;
  }

  useModels(models: ReadonlyMap<string, Model>): void {
    for (const [site, model] of models) this.#models.set(site, model);
    this.#materializer.useModels(this.#models);
  }

  useReaderModels(models: ReadonlyMap<string, Model>): void {
    for (const [site, model] of models) this.#readers.set(site, model);
    this.#materializer.useReaderModels(this.#readers);
  }

  async siteModels(site: string): Promise<StoredModel[]> {
    return this.#siteModels.history(site);
  }

  async recordSiteModels(entries: readonly StoredModel[]): Promise<void> {
    this.#siteModels.record(entries);
  }

  async applyModels(site: string, model: Model, readerModel: Model, now: number): Promise<RefreshReport> {
    this.useModels(new Map([[site, model]]));
    this.useReaderModels(new Map([[site, readerModel]]));
    await this.#materializer.modelsApplied(APPLY_TIMEOUT_MS);
    return this.refresh(site, model, now);
  }

  async lag(now: number): Promise<ViewLag> {
    return this.#materializer.lag(now);
  }

  caughtUp(): Promise<void> {
    return this.#materializer.caughtUp(this.#lastSeq.get() as number, REBUILD_TIMEOUT_MS);
  }

  async rebuildViews(): Promise<void> {
    await this.#materializer.rebuild(this.#lastSeq.get() as number, REBUILD_TIMEOUT_MS);
  }

  async visitorState(
    site: string,
    visitor: string,
    content: string,
    window: FoldOptions,
  ): Promise<EngagementState> {
    await this.#materializer.waitForVisitor(site, visitor, READ_WAIT_MS);
    return this.#queries.visitorState({ site, visitor, content }, window);
  }

  async readerState(site: string, visitor: string, today: number, windowDays: number): Promise<ReaderState> {
    await this.#materializer.waitForVisitor(site, visitor, READ_WAIT_MS);
    return this.#readerQueries.readerState(site, visitor, today, windowDays);
  }

  async readerSegments(query: ReaderQuery): Promise<ReaderSegments> {
    const periods = periodsOfQuery(query);
    try {
      // Made on the main connection, like the live window.
      if (periods) this.#readerPeriods.ensure(query.site, periods);
    } catch (error) {
      // Views busy past the timeout: this read pairs the periods in SQL, the next one makes the view.
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    }
    return this.#readerQueries.readerSegments(query);
  }

  async readerSegment(site: string, range: DayRange, band: string): Promise<ReaderAsOf[]> {
    return this.#readerQueries.readerSegment(site, range, band);
  }

  async contentRatings(
    site: string,
    contents: readonly string[],
    range: DayRange,
  ): Promise<Map<string, RatingCounts>> {
    return this.#readerQueries.contentRatings(site, contents, range);
  }

  async contentAudience(
    site: string,
    contents: readonly string[],
    range: DayRange,
  ): Promise<Map<string, AudienceSum>> {
    return this.#readerQueries.contentAudience(site, contents, range);
  }

  contentTotals(query: TotalsQuery): Promise<ContentTotals[]> {
    return this.#reads.contentTotals(query);
  }

  contentDetails(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails>> {
    return this.#reads.contentDetails(query, contents);
  }

  async contentMetas(site: string, contents: readonly string[]): Promise<Map<string, ContentMeta>> {
    return this.#queries.metas(site, contents);
  }

  async contentMeta(site: string, content: string): Promise<ContentMeta | null> {
    return this.#queries.meta(site, content);
  }

  async contentSeries(site: string, content: string, range: DayRange): Promise<ContentDay[]> {
    return this.#queries.series(site, content, range);
  }

  async siteActivity(site: string, range: DayRange): Promise<SiteActivity> {
    return this.#site(site, range);
  }

  readerStates(query: ContentQuery, content: string): Promise<EngagementState[]> {
    return this.#history.states(query, content);
  }

  refresh(site: string, model: Model, now: number): Promise<RefreshReport> {
    if (this.#models.get(site) !== model) this.useModels(new Map([[site, model]]));
    return this.#refresh(site, model, now);
  }

  pairDays(site: string, days: DayRange): StateRows {
    return scanViews<StateRow>(this.#viewsFile, PAIR_DAYS, [site, days.from, days.to]);
  }

  readerDays(site: string, days: DayRange): Rows<ReaderDayRow & { visitor: string }> {
    return scanViews(this.#viewsFile, READER_DAYS, [site, days.from, days.to]);
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT count(*) FROM sites').get();
    this.#log.prepare('SELECT seq FROM events LIMIT 1').get();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.close();
    await this.#materializer.close();
    this.#reader.close();
    this.#db.close();
    this.#log.close();
  }
}
