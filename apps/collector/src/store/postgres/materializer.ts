/**
 * The materializer of one collector on PostgreSQL: a loop on this process's
 * event loop that folds `pending` into the views (`fold.ts`) while there is
 * any, and looks again every `IDLE_POLL_MS` when there is none (another
 * collector's appends), or at once when this process appended. Every
 * collector runs one; `FOR UPDATE SKIP LOCKED` shares the tail between
 * them, and a collector that dies leaves its claimed rows pending for the
 * others (its transaction rolls back), so no partition or lease is needed.
 *
 * It also measures the lag (`pending`'s size and age) for the back-pressure
 * of ingest and for `/healthz`, and lets reads wait for the views.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL, type Model } from '@dwell/score';
import type { FoldModels } from '../engine/foldPlan.js';
import { transaction } from './pool.js';
import { useReaderModels } from './readerModels.js';
import type { Logger } from '../../log.js';
import type { KnownContents } from '../engine/contentNotes.js';
import { StoreBusyError, type ViewLag } from '../store.js';
import { foldPending, type FoldMemory } from './fold.js';

/** Events folded per transaction at most (see the SQLite store's `MAX_FOLD_EVENTS`). */
export const MAX_FOLD_EVENTS = 5_000;

/** How often an idle materializer looks for other collectors' appends, ms. */
export const IDLE_POLL_MS = 100;

/** How often the lag is measured, ms. */
export const LAG_POLL_MS = 200;

/** How often a read waiting for the views looks again, ms. */
export const WAIT_POLL_MS = 5;

/** How long the loop rests after a failed fold, ms (the database may be away). */
export const RETRY_DELAY_MS = 500;

export class PostgresMaterializer {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #memory: FoldMemory;
  #models = new Map<string, Model>();
  #readers = new Map<string, Model>();
  /** The reader models changed since the readers were last checked against them. */
  #readersChanged = true;
  /** A site that is no longer configured is still folded, so its events leave `pending`. */
  readonly #foldModels: FoldModels = {
    content: (site) => this.#models.get(site) ?? DEFAULT_MODEL,
    reader: (site) => this.#readers.get(site) ?? DEFAULT_READER_MODEL,
    sites: () => this.#readers.keys(),
  };
  #closed = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> = Promise.resolve();
  #lagTimer: NodeJS.Timeout | undefined;
  #lag: ViewLag = { events: 0, ms: 0, position: 0, error: null };
  #folded = 0;

  constructor(pool: pg.Pool, logger: Logger, known: KnownContents, models: ReadonlyMap<string, Model>) {
    this.#pool = pool;
    this.#logger = logger;
    this.#memory = { known, epoch: -1 };
    this.#models = new Map(models);
  }

  start(): void {
    this.#loop = this.#run();
    const measure = () => {
      void this.#measure().finally(() => {
        if (!this.#closed) this.#lagTimer = setTimeout(measure, LAG_POLL_MS).unref();
      });
    };
    measure();
  }

  useModels(models: ReadonlyMap<string, Model>): void {
    for (const [site, model] of models) this.#models.set(site, model);
  }

  /** Each site's reader model from now on; readers scored with another are scored again before the next fold. */
  useReaderModels(models: ReadonlyMap<string, Model>): void {
    for (const [site, model] of models) this.#readers.set(site, model);
    this.#readersChanged = true;
    this.#wake?.();
  }

  /**
   * Scores the reader rows again where they are not known to be scored with
   * this collector's reader models, and records the versions (`readerModels.ts`):
   * when the models change, and after a rebuild emptied `reader_models`.
   */
  async recordReaderModels(): Promise<void> {
    this.#readersChanged = false;
    await transaction(this.#pool, (client) =>
      useReaderModels(client, this.#readers.keys(), this.#foldModels.reader),
    ).catch((error: unknown) => {
      this.#readersChanged = true;
      throw error;
    });
  }

  /** This process appended: fold now rather than at the next poll. */
  appended(): void {
    this.#wake?.();
  }

  /** The lag as last measured, every `LAG_POLL_MS`: what ingest's back-pressure reads. */
  lastLag(): ViewLag {
    return { ...this.#lag, position: this.#folded };
  }

  /** The lag measured now: what `/healthz` and the read header say. */
  async lag(): Promise<ViewLag> {
    await this.#measure();
    return this.lastLag();
  }

  /** Resolves once `pending` has no row matching `where` (bound to `params`); rejects after `timeoutMs`. */
  async waitUntilNone(where: string, params: unknown[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.#pool.query<{ waiting: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pending WHERE ${where}) AS waiting`,
        params,
      );
      if (!rows[0]?.waiting) return;
      if (Date.now() >= deadline)
        throw new StoreBusyError(`the views did not fold the pending events in ${timeoutMs} ms`);
      this.appended();
      await sleep(WAIT_POLL_MS);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#lagTimer);
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      let folded: number;
      try {
        if (this.#readersChanged) await this.recordReaderModels();
        folded = await foldPending(this.#pool, MAX_FOLD_EVENTS, this.#foldModels, this.#memory);
        this.#folded += folded;
        this.#lag.error = null;
      } catch (error) {
        if (!this.#lag.error) this.#logger.error('PostgreSQL: folding the log into the views failed', error);
        this.#lag.error = error instanceof Error ? error.message : String(error);
        await sleep(RETRY_DELAY_MS);
        continue;
      }
      if (folded < MAX_FOLD_EVENTS) await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, IDLE_POLL_MS);
      function done(this: void) {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }

  async #measure(): Promise<void> {
    try {
      const { rows } = await this.#pool.query<{ events: number; ms: number }>(
        `SELECT count(*)::int AS events,
           coalesce(extract(epoch FROM now() - min(queued_at)) * 1000, 0)::float8 AS ms FROM pending`,
      );
      const { events = 0, ms = 0 } = rows[0] ?? {};
      this.#lag = { ...this.#lag, events, ms: Math.max(0, Math.round(ms)) };
    } catch {
      // The database is away: ingest fails on its own, and the next measurement tells.
    }
  }
}
