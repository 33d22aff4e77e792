/**
 * The embedded store: SQLite through better-sqlite3, in WAL mode with
 * `synchronous = FULL`, so a commit is on disk before it returns. Ingest runs
 * on a writer thread (`writer.ts`), where requests that arrive together share
 * one transaction (group commit): one fsync acknowledges all of them, and the
 * event loop goes on answering requests meanwhile. Reads and the refresh run
 * here, on connections of their own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { EngagementState, FoldOptions, Model } from '@dwell/score';
import { contentReads, type ContentReads, type TotalsQuery } from '../contentReads.js';
import type {
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
  Store,
} from '../store.js';
import { AggregateDeltas } from '../aggregateDeltas.js';
import { DATABASE_FILE, openDatabase } from './connection.js';
import { prepareHistory } from './history.js';
import { migrate } from './migrations.js';
import { preparePairs } from './pairs.js';
import { prepareQueries } from './queries.js';
import { prepareLive, type Live } from './live.js';
import { prepareEventsBySeq } from './rawEvents.js';
import { prepareRefresh } from './refresh.js';
import { prepareSite } from './site.js';
import { SqliteWriter } from './writerClient.js';

export { CACHE_KIB, DATABASE_FILE } from './connection.js';

export class SqliteStore implements Store {
  readonly description: string;
  readonly #db: Database.Database;
  readonly #reader: Database.Database;
  readonly #writer: SqliteWriter;
  readonly #queries: ReturnType<typeof prepareQueries>;
  readonly #history: ReturnType<typeof prepareHistory>;
  readonly #reads: ContentReads;
  readonly #refresh: ReturnType<typeof prepareRefresh>;
  readonly #live: Live;
  readonly #site: ReturnType<typeof prepareSite>;
  #closed = false;

  /** Opens (creating it if needed) `dwell.db` in `dataDir` and runs pending migrations. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DATABASE_FILE);
    this.description = `sqlite ${file}`;
    this.#db = openDatabase(file, false);
    migrate(this.#db);
    this.#reader = openDatabase(file, true);
    this.#writer = new SqliteWriter(file);
    const deltas = new AggregateDeltas();
    const eventsBySeq = prepareEventsBySeq(this.#db);
    const updatePair = preparePairs(this.#db, deltas, eventsBySeq);
    this.#live = prepareLive(this.#db);
    this.#queries = prepareQueries(this.#db, eventsBySeq);
    this.#history = prepareHistory(this.#reader);
    this.#site = prepareSite(this.#reader);
    this.#reads = contentReads({
      ensureLive: (site, fromDay) => this.#live.ensure(site, fromDay),
      totals: this.#queries.totals,
      details: this.#queries.details,
      history: this.#history,
    });
    this.#refresh = prepareRefresh(this.#db, deltas, updatePair, this.#live);
  }

  ingest(batch: IngestBatch): Promise<IngestCounts> {
    if (this.#closed) return Promise.reject(new Error('the store is closed'));
    if (!batch.events.length) return Promise.resolve({ accepted: 0, duplicates: 0 });
    return this.#writer.submit(batch);
  }

  async visitorState(
    site: string,
    visitor: string,
    content: string,
    window: FoldOptions,
  ): Promise<EngagementState> {
    return this.#queries.visitorState({ site, visitor, content }, window);
  }

  contentTotals(query: TotalsQuery): Promise<ContentTotals[]> {
    return this.#reads.contentTotals(query);
  }

  contentDetails(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails>> {
    return this.#reads.contentDetails(query, contents);
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
    return this.#refresh(site, model, now);
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT count(*) FROM sites').get();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.close();
    this.#reader.close();
    this.#db.close();
  }
}
