/**
 * The connection pool, configured so that a database that goes away never
 * takes the collector with it: every error event has a listener (an
 * unhandled one would crash the process), connecting and queries time out
 * instead of hanging, and a connection that failed is thrown away, so the
 * pool reconnects by itself when the database is back.
 */
import pg from 'pg';
import type { Logger } from '../../log.js';

/** How long a request waits for a connection before it is answered 503. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** The longest a statement may run on the server, and the client waits for it. */
export const STATEMENT_TIMEOUT_MS = 10_000;

/**
 * 64-bit integers (counts, sums, ms timestamps) as numbers rather than
 * strings: every value the store keeps is below 2^53.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format);
  },
};

export function createPool(
  url: string,
  logger: Logger,
  max: number,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 2_000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    types,
    application_name: 'dwell-collector',
  });
  // An idle connection that dies (the server restarts) is reported here; the pool drops it.
  pool.on('error', (error) => logger.error('PostgreSQL: an idle connection failed', error));
  // A connection checked out between two queries reports its failure on the
  // client itself: without a listener, that event would crash the process.
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.error('PostgreSQL: a connection failed', error));
  });
  return pool;
}

/** SQLSTATEs after which a transaction is simply run again. */
const RETRYABLE = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** How often a transaction that hit a deadlock or a missing partition runs again. */
export const ATTEMPTS = 4;

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `work` in a transaction on a pooled connection, again when it failed
 * on a deadlock (or when `recover` says it fixed the cause), and hands back
 * its result once committed. A connection that cannot even roll back is
 * destroyed rather than reused: after a server restart it would only fail again.
 */
export async function transaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  recover?: (error: unknown) => Promise<boolean>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      const healthy = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(healthy ? undefined : (error as Error));
      const again = attempt < ATTEMPTS && (RETRYABLE.has(sqlState(error) ?? '') || (await recover?.(error)));
      if (!again) throw error;
    }
  }
}
