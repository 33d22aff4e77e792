/**
 * Opening a connection to the embedded database, the same way on the main
 * thread (reads, refresh) and on the writer thread (ingest, `writer.ts`).
 */
import Database from 'better-sqlite3';

/** File name of the database inside the data directory. */
export const DATABASE_FILE = 'dwell.db';

/** Page cache per connection, KiB: the hot parts of the indexes stay in memory. */
export const CACHE_KIB = 65_536;

/**
 * How long a writer waits for another connection's write lock, ms. The main
 * thread and the writer thread both write (refresh and ingest), so each
 * write transaction starts with `BEGIN IMMEDIATE` and waits here rather than
 * failing with SQLITE_BUSY.
 */
export const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('temp_store = MEMORY');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so a 202 survives power loss, not just a crash.
    db.pragma('synchronous = FULL');
    // Checkpoint less often than the default 1,000 pages: fewer, larger writes to the main file.
    db.pragma('wal_autocheckpoint = 10000');
  }
  return db;
}
