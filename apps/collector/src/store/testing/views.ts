/**
 * Test helpers of the store suite: the views as comparable data, and a lock
 * that holds a store's materializer back.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { VIEWS_FILE } from '../sqlite/connection.js';

/** Objects with their keys sorted, at every depth: which key a fold wrote first is its order, not the data. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, item]) => [key, sortedKeys(item)]),
  );
}

/** A cell as compared: JSON text parsed, keys sorted, arrays of refs sorted (their order is the fold's, not the data's). */
function normalized(value: unknown): unknown {
  if (typeof value === 'object') return sortedKeys(value);
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  const parsed = JSON.parse(value) as unknown;
  if (!Array.isArray(parsed)) return sortedKeys(parsed);
  return parsed.map((item) => JSON.stringify(sortedKeys(item))).sort();
}

/** The key columns of the aggregate tables; every other column is a sum. */
const AGGREGATE_KEYS = new Set(['site', 'content', 'day', 'band', 'next_day']);

/**
 * A row of sums that are all zero: the aggregate it stands for is nothing,
 * the same as no row (a reader that moved to another band leaves one behind).
 */
function isZeroSum(table: string, row: Record<string, unknown>): boolean {
  if (!table.startsWith('content_') && table !== 'reader_day_bands') return false;
  return Object.entries(row).every(([column, value]) => AGGREGATE_KEYS.has(column) || Number(value) === 0);
}

/** Columns that record when the views were last brought up to date, not what they hold. */
const BOOKKEEPING = new Set(['refreshed_at']);

/** Every row of every table, each cell normalized, rows sorted: equal views dump equal. */
export async function dumpTables(
  tables: readonly string[],
  rowsOf: (table: string) => Promise<unknown[]> | unknown[],
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = (await rowsOf(table)) as Record<string, unknown>[];
    dump[table] = rows
      .filter((row) => !isZeroSum(table, row))
      .map((row) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .filter(([column]) => !BOOKKEEPING.has(column))
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([column, value]) => [column, normalized(value)]),
          ),
        ),
      )
      .sort();
  }
  return dump;
}

/** Runs `statement` in a transaction on its own connection and holds it open until the returned function is called. */
export async function holdWith(url: string, statement: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(statement);
  return async () => {
    await client.query('COMMIT');
    await client.end();
  };
}

/**
 * Takes the write lock of a SQLite store's views in `dataDir` until the
 * returned function is called: the materializer's fold waits for it (and
 * fails after the busy timeout, then tries again).
 */
export function holdSqliteViews(dataDir: string): () => Promise<void> {
  const db = new Database(join(dataDir, VIEWS_FILE));
  db.prepare('BEGIN IMMEDIATE').run();
  return async () => {
    db.prepare('COMMIT').run();
    db.close();
  };
}
