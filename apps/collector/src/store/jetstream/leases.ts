/**
 * Which partitions this materializer folds: session advisory locks on a
 * connection of its own, one per partition, so a materializer that dies
 * (its connection closes) frees its partitions for the others at once.
 * Each takes a fair share — the partitions divided by the materializers
 * connected (counted by `application_name`) — and gives back what is over
 * it, so a second materializer gets half within a `LEASE_INTERVAL_MS`.
 *
 * A partition is folded in stream order from its saved position, which is
 * what makes skipping a message at or below it safe; so each fold checks,
 * in its transaction and under the position's row lock, that its process
 * still holds the lease (`LEASE_HELD`): a materializer whose lease
 * connection died stops before its next commit, whatever it had fetched.
 */
import pg from 'pg';
import type { Logger } from '../../log.js';
import { CONNECT_TIMEOUT_MS } from '../postgres/pool.js';

/** How often the leases are balanced, ms. */
export const LEASE_INTERVAL_MS = 1_000;

/** The `application_name` of the lease connections, by which materializers count each other. */
export const MATERIALIZER_APPLICATION = 'dwell-materializer';

/** The `application_name` of one stream's materializers (within PostgreSQL's 63 bytes: streams have at most 40 characters). */
export function applicationOf(stream: string): string {
  return `${MATERIALIZER_APPLICATION}/${stream}`;
}

/** The namespace of the partition locks: `pg_try_advisory_lock(LEASE_NAMESPACE, hashtext('<stream>/<partition>'))`. */
const LEASE_NAMESPACE = 0x64776c6c + 16;

/** What a fold checks, in its own transaction, to know its process still holds the partition. */
export interface Lease {
  /** Which taking of the partition this is: a partition lost and taken again is another lease. */
  taken: number;
  /** The backend pid of the connection holding the lock. */
  pid: number;
  namespace: number;
  key: string;
}

/**
 * The statement that finds a lease still held: an advisory lock of the
 * two-int form is (classid, objid) = (namespace, key) with objsubid 2.
 */
export const LEASE_HELD = `
  SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1
    AND classid = $2::int4::oid AND objid = hashtext($3)::oid AND objsubid = 2) AS held`;

export class PartitionLeases {
  readonly #url: string;
  readonly #stream: string;
  readonly #partitions: number;
  readonly #logger: Logger;
  #client: pg.Client | null = null;
  #pid = 0;
  /** Each partition held, and which taking it is. */
  readonly #owned = new Map<number, number>();
  #takings = 0;

  constructor(url: string, stream: string, partitions: number, logger: Logger) {
    this.#url = url;
    this.#stream = stream;
    this.#partitions = partitions;
    this.#logger = logger;
  }

  /** The partitions leased now. */
  owned(): number[] {
    return [...this.#owned.keys()].sort((a, b) => a - b);
  }

  /** The lease of a partition held now, or null. */
  lease(partition: number): Lease | null {
    const taken = this.#owned.get(partition);
    if (taken === undefined) return null;
    return { taken, pid: this.#pid, namespace: LEASE_NAMESPACE, key: this.#key(partition) };
  }

  /** Takes or gives back partitions towards a fair share; on a lost connection, holds none. */
  async balance(): Promise<void> {
    try {
      const client = await this.#connect();
      const { rows } = await client.query<{ live: number }>(
        'SELECT count(*)::int AS live FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [applicationOf(this.#stream)],
      );
      const share = Math.ceil(this.#partitions / Math.max(1, rows[0]?.live ?? 1));
      for (const partition of this.owned().reverse()) {
        if (this.#owned.size <= share) break;
        this.#owned.delete(partition);
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
          LEASE_NAMESPACE,
          this.#key(partition),
        ]);
      }
      // From a random partition on: materializers starting together do not all try the same ones first.
      const start = Math.floor(Math.random() * this.#partitions);
      for (let step = 0; step < this.#partitions && this.#owned.size < share; step++) {
        const partition = (start + step) % this.#partitions;
        if (this.#owned.has(partition)) continue;
        const { rows: taken } = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
          [LEASE_NAMESPACE, this.#key(partition)],
        );
        if (taken[0]?.ok) this.#owned.set(partition, ++this.#takings);
      }
    } catch (error) {
      if (this.#client) this.#logger.error('JetStream materializer: the lease connection failed', error);
      this.#lose();
    }
  }

  /** Gives back every lease (closing the connection releases them). */
  async close(): Promise<void> {
    const client = this.#client;
    this.#lose();
    await client?.end().catch(() => {});
  }

  #key(partition: number): string {
    return `${this.#stream}/${partition}`;
  }

  #lose(): void {
    this.#owned.clear();
    const client = this.#client;
    this.#client = null;
    void client?.end().catch(() => {});
  }

  async #connect(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: applicationOf(this.#stream),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('error', () => this.#lose());
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    this.#pid = rows[0]?.pid ?? 0;
    this.#client = client;
    return client;
  }
}
