/**
 * The scale-out store: PostgreSQL through a `pg` connection pool, shared by
 * any number of stateless collector processes. Ingest appends each group of
 * requests to the log in one statement (`append.ts`); exactly-once counting
 * holds across processes because event ids are unique in the database. Each
 * collector's materializer (`materializer.ts`) folds the log's tail into the
 * views, under advisory locks taken in one global order (`pairs.ts`,
 * `aggregates.ts`).
 *
 * When the database is unreachable or slow, `ingest` rejects (the route
 * answers 503 with Retry-After, the SDK retries), `ping` fails (`/healthz`
 * answers 503), and the pool reconnects by itself once it is back.
 */
import type pg from 'pg';
import type { EngagementState, FoldOptions, Model, ReaderState } from '@dwell/score';
import type { Logger } from '../../log.js';
import { KnownContents } from '../engine/contentNotes.js';
import { contentReads, type ContentReads, type TotalsQuery } from '../engine/contentReads.js';
import { groupCommit, type GroupCommitter } from '../engine/groupCommit.js';
import type {
  AudienceSum,
  RatingCounts,
  ReaderAsOf,
  ReaderQuery,
  ReaderSegments,
  ContentDay,
  ContentDetails,
  ContentMeta,
  ContentQuery,
  ContentTotals,
  DayRange,
  IngestBatch,
  IngestCounts,
  RefreshReport,
  SiteActivity,
  LagBound,
  Store,
  ViewLag,
} from '../store.js';
import { DEFAULT_LAG_BOUND, READ_WAIT_MS, refuseWhenBehind } from '../store.js';
import { VIEW_TABLES } from '../engine/viewTables.js';
import { LOG_COLUMNS } from '../engine/logRow.js';
import { prepareHistory } from './history.js';
import { prepareAppend } from './append.js';
import { ensureLive } from './live.js';
import { ensurePeriods } from './readerPeriods.js';
import { periodsOfQuery } from '../engine/readerPeriods.js';
import { PostgresMaterializer } from './materializer.js';
import { migrate } from './migrations.js';
import { ensurePartitions, expirePartitions, monthsAhead } from './partitions.js';
import { createPool, transaction } from './pool.js';
import { prepareQueries } from './queries.js';
import { prepareReaderQueries } from './readerQueries.js';
import { prepareRefresh } from './refresh.js';
import { siteActivity } from './site.js';
import { prepareSiteModels } from './siteModels.js';
import type { StateRows } from '../engine/readerHistory.js';
import type { Rows } from '../engine/async.js';
import type { ReaderDayRow } from '../engine/readerDays.js';
import type { StoredModel } from '../siteModels.js';
import { lagMessages } from '../jetstream/partitionLag.js';
import { StreamLog } from '../jetstream/streamLog.js';
import type { StreamOptions } from '../jetstream/streamOptions.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  logger: Logger;
  /** Whole months of raw events kept before the current one; 0 keeps everything. */
  retentionMonths?: number;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Each site's model, for folding the log (`useModels` changes them later). */
  models?: ReadonlyMap<string, Model>;
  /** Each site's reader model (`useReaderModels` changes them later). */
  readers?: ReadonlyMap<string, Model>;
  /** Past this lag of the views, ingest refuses batches (503); default `DEFAULT_LAG_BOUND`. */
  lagBound?: LagBound;
  /**
   * Ingest publishes to this JetStream stream instead of appending to the
   * tables; materializer processes fold it into the views (`../jetstream/`).
   */
  stream?: StreamOptions;
}

/** How long a rebuild of the views may take, ms. */
const REBUILD_TIMEOUT_MS = 24 * 3_600_000;

/** How often partitions are created ahead and expired ones dropped. */
export const MAINTENANCE_INTERVAL_MS = 60 * 60_000;

/** Ingest transactions one collector runs at once; the rest of the pool serves reads and refreshes. */
export function ingestConcurrency(poolSize: number): number {
  return Math.max(1, Math.min(4, poolSize - 2));
}

/** `postgres://user:secret@host/db` → `postgres://user@host/db`, for the start-up log line. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export class PostgresStore implements Store {
  readonly #description: string;
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #retentionMonths: number;
  readonly #commits: GroupCommitter<IngestBatch, IngestCounts>;
  readonly #materializer: PostgresMaterializer;
  readonly #lagBound: LagBound;
  /** Content metadata this process knows to be stored (rebuilt views forget it). */
  readonly #known = new KnownContents();
  readonly #queries: ReturnType<typeof prepareQueries>;
  readonly #readerQueries: ReturnType<typeof prepareReaderQueries>;
  readonly #history: ReturnType<typeof prepareHistory>;
  readonly #reads: ContentReads;
  readonly #refresh: ReturnType<typeof prepareRefresh>;
  readonly #siteModels: ReturnType<typeof prepareSiteModels>;
  #maintenance: NodeJS.Timeout | undefined;
  #closed = false;
  /** The JetStream log, when ingest publishes there (`PostgresOptions.stream`). */
  #stream: StreamLog | null = null;

  private constructor(options: PostgresOptions) {
    const poolSize = options.poolSize ?? 10;
    this.#description = `postgres ${withoutPassword(options.url)}`;
    this.#logger = options.logger;
    this.#retentionMonths = options.retentionMonths ?? 0;
    this.#pool = createPool(options.url, options.logger, poolSize);
    this.#commits = groupCommit(prepareAppend(this.#pool), { concurrency: ingestConcurrency(poolSize) });
    this.#lagBound = options.lagBound ?? DEFAULT_LAG_BOUND;
    this.#materializer = new PostgresMaterializer(
      this.#pool,
      options.logger,
      this.#known,
      options.models ?? new Map(),
    );
    this.#materializer.useReaderModels(options.readers ?? new Map());
    this.#queries = prepareQueries(this.#pool);
    this.#readerQueries = prepareReaderQueries(this.#pool);
    this.#history = prepareHistory(this.#pool);
    this.#refresh = prepareRefresh(this.#pool);
    this.#siteModels = prepareSiteModels(this.#pool);
    this.#reads = contentReads({
      ensureLive: (site, fromDay) => ensureLive(this.#pool, site, fromDay),
      totals: this.#queries.totals,
      details: this.#queries.details,
      history: this.#history,
    });
  }

  get description(): string {
    return this.#stream ? `${this.#description} behind ${this.#stream.description}` : this.#description;
  }

  /** Connects, runs pending migrations, creates the partitions ahead; rejects when the database cannot be reached. */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await migrate(store.#pool);
      await store.maintain(Date.now());
      if (options.stream) {
        store.#stream = await StreamLog.open(options.stream, store.#pool, options.logger);
      }
    } catch (error) {
      await store.#pool.end().catch(() => {});
      throw error;
    }
    store.#maintenance = setInterval(() => {
      store
        .maintain(Date.now())
        .catch((error: unknown) => store.#logger.error('PostgreSQL maintenance failed', error));
    }, MAINTENANCE_INTERVAL_MS);
    store.#maintenance.unref();
    store.#materializer.start();
    return store;
  }

  /** Creates the partitions of the coming months and drops those past the retention. */
  async maintain(now: number): Promise<void> {
    await ensurePartitions(this.#pool, monthsAhead(now));
    const dropped = await expirePartitions(this.#pool, now, this.#retentionMonths);
    if (dropped.length) this.#logger.info(`PostgreSQL retention: dropped ${dropped.join(', ')}`);
  }

  async ingest(batch: IngestBatch): Promise<IngestCounts> {
    if (this.#closed) throw new Error('the store is closed');
    if (!batch.events.length) return { accepted: 0, duplicates: 0 };
    // The stream holds what the views have not folded yet: its own limits are the back-pressure.
    if (this.#stream) return this.#stream.append(batch);
    refuseWhenBehind(this.#materializer.lastLag(), this.#lagBound);
    this.#materializer.useModels(new Map([[batch.site, batch.model]]));
    const counts = await this.#commits.submit(batch);
    if (counts.accepted) this.#materializer.appended();
    return counts;
  }

  useModels(models: ReadonlyMap<string, Model>): void {
    this.#materializer.useModels(models);
  }

  useReaderModels(models: ReadonlyMap<string, Model>): void {
    this.#materializer.useReaderModels(models);
  }

  siteModels(site: string): Promise<StoredModel[]> {
    return this.#siteModels.history(site);
  }

  recordSiteModels(entries: readonly StoredModel[]): Promise<void> {
    return this.#siteModels.record(entries);
  }

  async applyModels(site: string, model: Model, readerModel: Model, now: number): Promise<RefreshReport> {
    this.#materializer.useModels(new Map([[site, model]]));
    this.#materializer.useReaderModels(new Map([[site, readerModel]]));
    // Here rather than before the next fold: the answer must see the reader rows scored anew.
    await this.#materializer.recordReaderModels();
    return this.refresh(site, model, now);
  }

  async lag(): Promise<ViewLag> {
    const tables = await this.#materializer.lag();
    if (!this.#stream) return tables;
    const stream = await this.#stream.lag();
    return { ...tables, events: tables.events + lagMessages(stream.partitions), stream };
  }

  async caughtUp(): Promise<void> {
    await this.#stream?.caughtUp(REBUILD_TIMEOUT_MS);
    await this.#pendingFolded();
  }

  /** Resolves once `pending` holds nothing it held at the call (this process folds it too). */
  async #pendingFolded(): Promise<void> {
    const { rows } = await this.#pool.query<{ last: string }>(
      'SELECT coalesce(max(seq), 0) AS last FROM pending',
    );
    await this.#materializer.waitUntilNone('seq <= $1', [rows[0]?.last ?? 0], REBUILD_TIMEOUT_MS);
  }

  async rebuildViews(): Promise<void> {
    await transaction(this.#pool, async (client) => {
      // One transaction: other collectors see the old views, then empty views with the whole log pending.
      // However long the log: the pool's statement timeout is for the request path.
      await client.query('SET LOCAL statement_timeout = 0');
      // pending first: a fold locks it first too (its claim), so the two take their locks in one order.
      await client.query(`TRUNCATE ${['pending', ...VIEW_TABLES].join(', ')}`);
      const columns = LOG_COLUMNS.join(', ');
      await client.query(
        `INSERT INTO pending (${columns}) SELECT ${columns} FROM events ORDER BY received_at`,
      );
      // Every materializer forgets what it knew of the emptied views (`fold.ts`).
      await client.query('UPDATE views_epoch SET epoch = epoch + 1');
    });
    await this.#materializer.recordReaderModels();
    // The log's tables only: the stream's tail is the materializers' to fold, whether or not they run now.
    await this.#pendingFolded();
  }

  async visitorState(
    site: string,
    visitor: string,
    content: string,
    window: FoldOptions,
  ): Promise<EngagementState> {
    await this.#stream?.waitForVisitor(site, visitor, READ_WAIT_MS);
    await this.#materializer.waitUntilNone('site = $1 AND visitor = $2', [site, visitor], READ_WAIT_MS);
    return this.#queries.visitorState({ site, visitor, content }, window);
  }

  async readerState(site: string, visitor: string, today: number, windowDays: number): Promise<ReaderState> {
    await this.#stream?.waitForVisitor(site, visitor, READ_WAIT_MS);
    await this.#materializer.waitUntilNone('site = $1 AND visitor = $2', [site, visitor], READ_WAIT_MS);
    return this.#readerQueries.readerState(site, visitor, today, windowDays);
  }

  async readerSegments(query: ReaderQuery): Promise<ReaderSegments> {
    const periods = periodsOfQuery(query);
    const view = periods ? await ensurePeriods(this.#pool, query.site, periods) : undefined;
    return this.#readerQueries.readerSegments(query, view);
  }

  readerSegment(site: string, range: DayRange, band: string): Promise<ReaderAsOf[]> {
    return this.#readerQueries.readerSegment(site, range, band);
  }

  contentRatings(
    site: string,
    contents: readonly string[],
    range: DayRange,
  ): Promise<Map<string, RatingCounts>> {
    return this.#readerQueries.contentRatings(site, contents, range);
  }

  contentAudience(
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

  contentMetas(site: string, contents: readonly string[]): Promise<Map<string, ContentMeta>> {
    return this.#queries.metas(site, contents);
  }

  contentMeta(site: string, content: string): Promise<ContentMeta | null> {
    return this.#queries.meta(site, content);
  }

  contentSeries(site: string, content: string, range: DayRange): Promise<ContentDay[]> {
    return this.#queries.series(site, content, range);
  }

  siteActivity(site: string, range: DayRange): Promise<SiteActivity> {
    return siteActivity(this.#pool, site, range);
  }

  readerStates(query: ContentQuery, content: string): Promise<EngagementState[]> {
    return this.#history.states(query, content);
  }

  refresh(site: string, model: Model, now: number): Promise<RefreshReport> {
    this.#materializer.useModels(new Map([[site, model]]));
    return this.#refresh(site, model, now);
  }

  pairDays(site: string, days: DayRange): StateRows {
    return this.#history.pairDays(site, days);
  }

  readerDays(site: string, days: DayRange): Rows<ReaderDayRow & { visitor: string }> {
    return this.#history.readerDays(site, days);
  }

  async ping(): Promise<void> {
    // Behind a stream, ingest needs the stream only; the database's state is in `lag()`.
    if (this.#stream) return this.#stream.ping();
    await this.#pool.query('SELECT 1 FROM schema_migrations LIMIT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#maintenance);
    await this.#commits.drain();
    await this.#stream?.close();
    await this.#materializer.close();
    await this.#pool.end();
  }
}
