/**
 * The collector's side of the JetStream log: a request's events become one
 * message on its visitor's partition (`message.ts`), and the request is
 * answered once the stream acknowledged it — after a quorum of its replicas
 * stored it. Nothing on this path touches the database. A stream that
 * cannot take the message (no quorum, full, away) makes the request a 503,
 * which the SDK retries; the client reconnects by itself.
 *
 * Reads of a visitor wait, bounded, until the materializers' position in
 * the visitor's partition passes the partition's last sequence
 * (`waitForVisitor`): a read sees every event acknowledged before it, by
 * whichever collector.
 */
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from './connection.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '../../log.js';
import { StoreBusyError, type IngestCounts, type LogBatch } from '../store.js';
import { encodeBatch, messageIdOf } from './message.js';
import { partitionLags, type PartitionLag } from './partitionLag.js';
import { partitionOf, partitionsOf, subjectOf } from './partitions.js';
import { readPositions } from './positions.js';
import { ensureStream } from './stream.js';
import type { StreamOptions } from './streamOptions.js';

/** How often a read waiting for the materializers looks at the positions again, ms. */
export const WAIT_POLL_MS = 5;

/** The stream and the views' lag behind it, for `/healthz`. */
export interface StreamLag {
  stream: string;
  /** Whether the stream takes events now: it has a leader, and the last publish did not fail. */
  writable: boolean;
  /** The database the views are in, which reads need and ingest does not: `ok`, or why not. */
  database: string;
  messages: number;
  bytes: number;
  /** The stream's cluster leader and replicas, when it is replicated. */
  leader: string | null;
  replicas: { name: string; current: boolean }[];
  partitions: PartitionLag[];
}

/** A batch `append` has yet to publish, with its promise's settlers. */
interface QueuedBatch {
  batch: LogBatch;
  resolve: (counts: IngestCounts) => void;
  reject: (error: unknown) => void;
}

export class StreamLog {
  readonly description: string;
  readonly #options: StreamOptions;
  readonly #nats: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #pool: pg.Pool;
  readonly #created: string;
  /** The last sequence this collector had acknowledged in each partition. */
  readonly #acked: number[];
  /** Why the last publish failed, until one succeeds. */
  #publishFailure: string | null = null;
  /** Batches waiting for the event loop's next check phase (`append`). */
  #queued: QueuedBatch[] = [];

  private constructor(
    options: StreamOptions,
    nats: NatsConnection,
    jsm: JetStreamManager,
    pool: pg.Pool,
    created: string,
  ) {
    this.#options = options;
    this.#nats = nats;
    this.#jsm = jsm;
    this.#js = jetstream(nats);
    this.#pool = pool;
    this.#created = created;
    this.#acked = new Array<number>(options.partitions).fill(0);
    this.description = `JetStream stream ${options.stream} (${options.partitions} partitions, ${options.replicas} replicas) on ${options.servers.join(', ')}`;
  }

  /** Connects and makes the stream when missing; rejects when no server can be reached. */
  static async open(options: StreamOptions, pool: pg.Pool, logger: Logger): Promise<StreamLog> {
    const nats = await connectNats(options.servers, 'dwell-collector');
    void (async () => {
      for await (const status of nats.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnect') logger.info(`NATS: ${status.type}`);
      }
    })();
    try {
      const jsm = await jetstreamManager(nats);
      const created = await ensureStream(jsm, options);
      return new StreamLog(options, nats, jsm, pool, created);
    } catch (error) {
      await nats.close();
      throw error;
    }
  }

  /**
   * Publishes the batch; resolves once the stream has it. A retried request
   * is one message, its events duplicates. The batches of the requests read
   * in one turn of the event loop are published together, after them
   * (`setImmediate`): the client writes what one synchronous run of publishes
   * queued in one socket write, where a publish per request is a write each.
   */
  append(batch: LogBatch): Promise<IngestCounts> {
    return new Promise((resolve, reject) => {
      if (this.#queued.push({ batch, resolve, reject }) === 1) setImmediate(() => this.#publishQueued());
    });
  }

  #publishQueued(): void {
    const queued = this.#queued;
    this.#queued = [];
    for (const { batch, resolve, reject } of queued) this.#publish(batch).then(resolve, reject);
  }

  async #publish(batch: LogBatch): Promise<IngestCounts> {
    const partition = partitionOf(batch.site, batch.visitor, this.#options.partitions);
    let ack;
    try {
      ack = await this.#js.publish(subjectOf(this.#options.stream, partition), encodeBatch(batch), {
        msgID: messageIdOf(batch),
        timeout: this.#options.publishTimeoutMs,
      });
    } catch (error) {
      this.#publishFailure = error instanceof Error ? error.message : String(error);
      throw new StoreBusyError(`the stream did not take the events: ${this.#publishFailure}`);
    }
    this.#publishFailure = null;
    this.#acked[partition] = Math.max(this.#acked[partition] ?? 0, ack.seq);
    // Within one request an id counts once, as the tables' append counts it.
    const unique = new Set(batch.events.map((event) => event.id)).size;
    if (ack.duplicate) return { accepted: 0, duplicates: batch.events.length };
    return { accepted: unique, duplicates: batch.events.length - unique };
  }

  /**
   * Resolves once the views hold every event of the visitor's partition
   * that any collector had acknowledged (the partition's last sequence, from
   * the stream's leader; this collector's own when the stream does not
   * answer); rejects after `timeoutMs`.
   */
  async waitForVisitor(site: string, visitor: string, timeoutMs: number): Promise<void> {
    const partition = partitionOf(site, visitor, this.#options.partitions);
    const last = await this.#lastSeq(partition).catch(() => 0);
    const target = Math.max(last, this.#acked[partition] ?? 0);
    if (!target) return;
    await this.#waitFor([partition], [target], timeoutMs);
  }

  /** Resolves once the views hold every message the stream had when called. */
  async caughtUp(timeoutMs: number): Promise<void> {
    const partitions = partitionsOf(this.#options);
    const targets = await Promise.all(partitions.map((partition) => this.#lastSeq(partition)));
    await this.#waitFor(partitions, targets, timeoutMs);
  }

  /** Throws unless the stream takes events: what `/healthz` answers 503 for, since ingest would. */
  async ping(): Promise<void> {
    const info = await this.#jsm.streams.info(this.#options.stream);
    if (this.#options.replicas > 1 && !info.cluster?.leader) throw new Error('the stream has no leader');
    if (this.#publishFailure) throw new Error(`the last publish failed: ${this.#publishFailure}`);
  }

  async lag(): Promise<StreamLag> {
    const partitions = partitionsOf(this.#options);
    const [info, lastSeqs, positions] = await Promise.all([
      this.#jsm.streams.info(this.#options.stream),
      Promise.all(partitions.map((partition) => this.#lastSeq(partition))),
      readPositions(this.#pool, this.#options.stream, this.#created, this.#options.partitions).then(
        (saved) => ({ saved, database: 'ok' }),
        (error: unknown) => ({
          saved: null,
          database: error instanceof Error ? error.message : String(error),
        }),
      ),
    ]);
    const leader = info.cluster?.leader ?? null;
    return {
      stream: this.#options.stream,
      writable: (this.#options.replicas === 1 || leader !== null) && !this.#publishFailure,
      database: positions.database,
      messages: info.state.messages,
      bytes: info.state.bytes,
      leader,
      replicas: (info.cluster?.replicas ?? []).map((peer) => ({ name: peer.name, current: peer.current })),
      partitions: await partitionLags(this.#jsm, this.#options, lastSeqs, positions.saved),
    };
  }

  async close(): Promise<void> {
    await this.#nats.drain().catch(() => {});
  }

  /** The partition's last sequence in the stream (0 while it holds none). */
  async #lastSeq(partition: number): Promise<number> {
    const last = await this.#jsm.streams
      .getMessage(this.#options.stream, { last_by_subj: subjectOf(this.#options.stream, partition) })
      .catch((error: unknown) => {
        // JetStream's 10037: the partition holds no message yet.
        if (/no message found/i.test(String(error))) return null;
        throw error;
      });
    return last?.seq ?? 0;
  }

  async #waitFor(partitions: number[], targets: number[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const positions = await readPositions(
        this.#pool,
        this.#options.stream,
        this.#created,
        this.#options.partitions,
      );
      if (partitions.every((partition, index) => (positions[partition] ?? 0) >= (targets[index] ?? 0)))
        return;
      if (Date.now() >= deadline)
        throw new StoreBusyError(`the materializers did not fold the acknowledged events in ${timeoutMs} ms`);
      await sleep(WAIT_POLL_MS);
    }
  }
}
