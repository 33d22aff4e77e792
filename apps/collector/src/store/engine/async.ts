/**
 * Small async helpers shared by both stores. The SQLite store's primitives
 * are synchronous and PostgreSQL's return promises, so the shared algorithms
 * (`contentReads.ts`, `refresh.ts`, `visitorState.ts`) accept either.
 */

/** A value, or a promise of it: what a store primitive returns. */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * Resolves after the I/O callbacks of the current loop turn: a long
 * synchronous job awaits it between two slices so ingest goes on meanwhile.
 */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows handled between two yields to the event loop. */
export const ROWS_PER_SLICE = 2_000;

/**
 * Rows as a store hands them to a long scan: a synchronous iterable (SQLite's
 * statements), or chunks from an asynchronous source (a cursor, a scan of
 * its own) — chunks rather than single rows, since awaiting each row costs
 * more than handling it.
 */
export type Rows<T> = Iterable<T> | AsyncIterable<readonly T[]>;

/** Calls `onRow` with each row in order, yielding to the event loop every `ROWS_PER_SLICE` rows or chunk. */
export async function forEachRow<T>(rows: Rows<T>, onRow: (row: T) => void): Promise<void> {
  if (Symbol.asyncIterator in rows) {
    for await (const chunk of rows) {
      for (const row of chunk) onRow(row);
      await yieldToLoop();
    }
    return;
  }
  let count = 0;
  for (const row of rows) {
    onRow(row);
    if (++count % ROWS_PER_SLICE === 0) await yieldToLoop();
  }
}
