/**
 * Opening a connection to the embedded database files, the same way on the
 * main thread (reads, refresh), the writer thread (appends to the log,
 * `writer.ts`) and the materializer thread (folds the log into the views,
 * `materializer.ts`).
 */
import Database from 'better-sqlite3';
import { StoreBusyError } from '../store.js';

/** File name of the log (the raw events) inside the data directory. */
export const DATABASE_FILE = 'dwell.db';

/** File name of the views (everything folded from the log) inside the data directory. */
export const VIEWS_FILE = 'views.db';

/** Page cache per connection, KiB: the hot parts of the indexes stay in memory. */
export const CACHE_KIB = 65_536;

/**
 * How long a writer waits for another connection's write lock, ms. The main
 * thread and the materializer thread both write the views (refresh and
 * fold), so each write transaction starts with `BEGIN IMMEDIATE` and waits
 * here rather than failing with SQLITE_BUSY.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Runs `work`, a write to the views from the main thread; the views still
 * busy after `BUSY_TIMEOUT_MS` (a long fold, a rebuild, another process) is
 * a `StoreBusyError`, which the app answers 503 with `Retry-After`.
 */
export function unlessBusy<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    throw new StoreBusyError(`the views stayed busy for ${BUSY_TIMEOUT_MS} ms`);
  }
}

/**
 * How a connection uses its file: `read` only reads; `log` writes the log,
 * whose commits acknowledge events; `views` writes the views.
 */
export type ConnectionRole = 'read' | 'log' | 'views';

export function openDatabase(file: string, role: ConnectionRole): Database.Database {
  const readonly = role === 'read';
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('temp_store = MEMORY');
  if (readonly) return db;
  db.pragma('journal_mode = WAL');
  // The log: FULL fsyncs the WAL at every commit, so a 202 survives power loss, not just a crash.
  // The views: NORMAL fsyncs only at checkpoints. A power loss may take their last commits back,
  // but never half of one (WAL), and the position goes back with them: the materializer folds
  // those events again from the durable log. A crash of the process alone loses nothing either way.
  db.pragma(`synchronous = ${role === 'log' ? 'FULL' : 'NORMAL'}`);
  // Checkpoint less often than the default 1,000 pages: fewer, larger writes to the main file.
  db.pragma('wal_autocheckpoint = 10000');
  return db;
}
