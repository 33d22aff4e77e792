/**
 * Whether an error means the database cannot be reached now, rather than a
 * bug: the request that met it is answered 503 with `Retry-After`, as when
 * ingest is refused, and works again once the database is back (the pool
 * reconnects by itself). Before this, a read during an outage was a 500,
 * counted as a server error.
 */

/**
 * Node's socket errors when a server cannot be reached. Not ECONNRESET or
 * EPIPE: a client's upload broken off fails its read with those too.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/** What pg's pool and client say when no connection could be had or it broke. */
const CONNECTION_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/i;

export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exception; 57P01–57P03: the server is shutting down or starting.
    if (code.startsWith('08') || /^57P0[123]$/.test(code) || SOCKET_CODES.has(code)) return true;
  }
  return CONNECTION_MESSAGES.test(error.message);
}
