/**
 * A materializer of the JetStream log (`npm run materialize`): leases a
 * fair share of the stream's partitions (`leases.ts`), consumes each with
 * its durable consumer, and folds what has arrived — as much as has
 * arrived, up to `MAX_FOLD_MESSAGES` — into the PostgreSQL views in one
 * transaction with the partition's position (`streamFold.ts`), then
 * acknowledges it. Any number run at once, on any machines; a killed one's
 * partitions are taken over by the others within a `LEASE_INTERVAL_MS`,
 * and its unacknowledged messages are delivered again and skipped or folded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from './connection.js';
import type pg from 'pg';
import type { Logger } from '../../log.js';
import { KnownContents } from '../engine/contentNotes.js';
import type { FoldMemory } from '../postgres/fold.js';
import { createPool } from '../postgres/pool.js';
import { migrate } from '../postgres/migrations.js';
import { MODEL_POLL_MS, StoredModels } from './activeModels.js';
import { LEASE_INTERVAL_MS, PartitionLeases } from './leases.js';
import { consumerOf } from './partitions.js';
import { FeedGapError, PartitionFeed } from './partitionFeed.js';
import { ensureStream, startConsumer } from './stream.js';
import { readPositions } from './positions.js';
import { foldMessages, LeaseLostError, type PartitionRef } from './streamFold.js';
import type { StreamOptions } from './streamOptions.js';

/** Messages folded in one transaction at most: about 5,000 events of 20-event requests, as the PostgreSQL store's folds. */
export const MAX_FOLD_MESSAGES = 256;
/**
 * How long a fold waits for a pooled connection, ms: more partitions than
 * connections take turns, which is no failure (a request's 3 s is for requests).
 */
export const POOL_WAIT_MS = 60_000;
/** How long a partition rests after a failed fold, ms (the database may be away). */
export const RETRY_DELAY_MS = 500;
/**
 * Connections, and so folds at once, of one materializer: two, so that one
 * fold's statements run in PostgreSQL while the next is prepared. More fold
 * less: every fold adds to the same day and band rows (`content_days`,
 * `reader_day_bands`), so concurrent folds queue on their row locks, and the
 * waiting costs the database CPU. In `npm run bench`'s JetStream fold
 * (2026-12-02, paired runs), 8 connections against 2 folded 19,200–19,800
 * against 21,000–24,100 events/s and cost PostgreSQL 39–40 against 26–30 µs
 * per event; the materializer's own CPU hardly moved (37–40 against 35–40 µs).
 */
export const FOLD_CONNECTIONS = 2;

export interface MaterializerOptions {
  stream: StreamOptions;
  databaseUrl: string;
  logger: Logger;
  /** Connections in the pool, the folds of as many partitions at once; default `FOLD_CONNECTIONS`. */
  poolSize?: number;
}

/** What a materializer folded since it started. */
export interface MaterializerStats {
  partitions: number[];
  messages: number;
  events: number;
  /** Events the log held already (sent twice, to two collectors or in two requests). */
  duplicates: number;
}

export class StreamMaterializer {
  readonly #options: MaterializerOptions;
  readonly #logger: Logger;
  readonly #pool: pg.Pool;
  readonly #leases: PartitionLeases;
  readonly #models = new StoredModels();
  readonly #memory: FoldMemory = { known: new KnownContents(), epoch: -1 };
  readonly #running = new Map<number, Promise<void>>();
  readonly #stats: MaterializerStats = { partitions: [], messages: 0, events: 0, duplicates: 0 };
  #nats: NatsConnection | null = null;
  #js: JetStreamClient | null = null;
  #jsm: JetStreamManager | null = null;
  #created = '';
  #closed = false;
  /** The periodic tasks' next runs, by task. */
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(options: MaterializerOptions) {
    this.#options = options;
    this.#logger = options.logger;
    this.#pool = createPool(
      options.databaseUrl,
      options.logger,
      options.poolSize ?? FOLD_CONNECTIONS,
      POOL_WAIT_MS,
    );
    this.#leases = new PartitionLeases(
      options.databaseUrl,
      options.stream.stream,
      options.stream.partitions,
      options.logger,
    );
  }

  /** Connects to both, makes the stream and consumers when missing, and starts folding; rejects when either cannot be reached. */
  async start(): Promise<void> {
    const { stream } = this.#options;
    await migrate(this.#pool);
    this.#nats = await connectNats(stream.servers, 'dwell-materializer');
    const jsm: JetStreamManager = await jetstreamManager(this.#nats);
    this.#created = await ensureStream(jsm, stream);
    this.#jsm = jsm;
    this.#js = jetstream(this.#nats);
    await this.#models.poll(this.#pool);
    await this.#balance();
    this.#every('balance', LEASE_INTERVAL_MS, () => this.#balance());
    this.#every('models', MODEL_POLL_MS, () => this.#models.poll(this.#pool));
  }

  stats(): MaterializerStats {
    return { ...this.#stats, partitions: this.#leases.owned() };
  }

  /** Stops consuming, lets the folds in progress commit, gives the leases back. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    await Promise.all(this.#running.values());
    await this.#leases.close();
    await this.#nats?.close().catch(() => {});
    await this.#pool.end();
  }

  /** Runs `work` every `ms` after the last run finished. */
  #every(task: string, ms: number, work: () => Promise<void>): void {
    const timer = setTimeout(() => {
      if (this.#closed) return;
      void work()
        .catch((error: unknown) => this.#logger.error(`JetStream materializer: ${task} failed`, error))
        .finally(() => {
          if (!this.#closed) this.#every(task, ms, work);
        });
    }, ms);
    this.#timers.set(task, timer);
  }

  async #balance(): Promise<void> {
    await this.#leases.balance();
    for (const partition of this.#leases.owned()) {
      if (this.#running.has(partition) || this.#closed) continue;
      const run = this.#partition(partition)
        // Started again at the next balance while the lease holds.
        .catch((error: unknown) => this.#logger.error(`JetStream: partition ${partition} stopped`, error))
        .finally(() => this.#running.delete(partition));
      this.#running.set(partition, run);
    }
  }

  /** Whether this taking of the partition still holds: one lost and taken again starts over. */
  #holds(partition: number, taken: number): boolean {
    return !this.#closed && this.#leases.lease(partition)?.taken === taken;
  }

  /** Consumes and folds one partition while it is leased. */
  async #partition(partition: number): Promise<void> {
    const { stream, logger } = this.#options;
    const taken = this.#leases.lease(partition)?.taken;
    if (taken === undefined) return;
    const ref: PartitionRef = {
      stream: stream.stream,
      created: this.#created,
      partition,
      // Another holder may have made the consumer anew meanwhile: only this taking's lease will do.
      lease: () => {
        const lease = this.#leases.lease(partition);
        return lease?.taken === taken ? lease : null;
      },
    };
    const positions = await readPositions(this.#pool, stream.stream, this.#created, stream.partitions);
    await startConsumer(this.#jsm!, stream, partition, (positions[partition] ?? 0) + 1);
    const consumer = await this.#js!.consumers.get(stream.stream, consumerOf(partition));
    const feed = new PartitionFeed(consumer, logger, partition);
    // One error line per run of failures, not one per retry.
    let failing = false;
    try {
      while (this.#holds(partition, taken)) {
        // Back within a lease interval even when nothing arrives: the lease is checked between folds.
        const batch = await feed.next(MAX_FOLD_MESSAGES, LEASE_INTERVAL_MS).catch((error: unknown) => {
          // Started over at the next balance, from the saved position.
          if (error instanceof FeedGapError) logger.info(`JetStream: ${error.message}; starting over`);
          else throw error;
          return null;
        });
        if (!batch) break;
        if (!batch.length) continue;
        try {
          const report = await foldMessages(
            this.#pool,
            ref,
            batch.map((message) => ({ seq: message.seq, data: message.data })),
            this.#models,
            this.#memory,
            logger,
          );
          batch.at(-1)!.ack();
          feed.folded(batch.length);
          this.#stats.messages += report.messages;
          this.#stats.events += report.fresh;
          this.#stats.duplicates += report.events - report.fresh;
          failing = false;
        } catch (error) {
          if (error instanceof LeaseLostError) break;
          if (!failing) logger.error(`JetStream: folding partition ${partition} failed`, error);
          failing = true;
          await sleep(RETRY_DELAY_MS);
        }
      }
    } finally {
      // Given back: delivered again at once, to whoever leases the partition next.
      for (const message of await feed.stop()) message.nak();
    }
  }
}
