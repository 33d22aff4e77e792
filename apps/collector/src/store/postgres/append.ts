/**
 * The append, for a group of requests, in one statement on one pooled
 * connection: the events' ids into `event_ids`, sorted, `ON CONFLICT DO
 * NOTHING RETURNING` — what comes back is new — and the new events into the
 * partitioned `events` (the log) and into `pending` (its unfolded tail,
 * `fold.ts`). A collector inserting an id that another one has inserted but
 * not committed waits for that commit, then sees the conflict, so the same
 * event sent to two collectors at the same moment is accepted by exactly one.
 *
 * A missing partition makes the statement run again once the partitions are
 * made; nothing is acknowledged before it commits. The JetStream
 * materializer appends the same way (`appendRows`), without `pending`: it
 * folds the new events in the same transaction.
 */
import type pg from 'pg';
import { keyOf } from '../engine/keys.js';
import { LOG_COLUMNS, logRowOf, logValues, type LogRow } from '../engine/logRow.js';
import type { IngestCounts, LogBatch } from '../store.js';
import { ensurePartitions, monthOf } from './partitions.js';
import { sqlState, transaction } from './pool.js';
import { recordParam, recordset } from './recordset.js';

/** The PostgreSQL type of each of `LOG_COLUMNS` in a row: `data` is JSON text, made `jsonb` by the statement. */
const LOG_TYPES: Record<(typeof LOG_COLUMNS)[number], string> = {
  site: 'text',
  id: 'text',
  visitor: 'text',
  content: 'text',
  session: 'text',
  type: 'text',
  ts: 'int8',
  client_ts: 'float8',
  received_at: 'int8',
  ms: 'float8',
  depth: 'float8',
  name: 'text',
  data: 'text',
};

const COLUMNS = LOG_COLUMNS.join(', ');

/** The append's statement; `queue`: the new events also go to `pending`, for a materializer to fold later. */
function appendStatement(queue: boolean): string {
  return `
  WITH input AS (
    SELECT ${LOG_COLUMNS.map((column) => (column === 'data' ? 'data::jsonb AS data' : column)).join(', ')}
    FROM ${recordset(
      1,
      LOG_COLUMNS.map((column) => [column, LOG_TYPES[column]]),
    )}
  ), fresh_ids AS (
    INSERT INTO event_ids (site, id, ts) SELECT site, id, ts FROM input
    ON CONFLICT (site, id) DO NOTHING RETURNING site, id
  ), fresh AS (
    SELECT ${LOG_COLUMNS.map((column) => `input.${column}`).join(', ')} FROM input JOIN fresh_ids USING (site, id)
  ), logged AS (
    INSERT INTO events (${COLUMNS}) SELECT * FROM fresh
  )${queue ? `, queued AS (INSERT INTO pending (${COLUMNS}) SELECT * FROM fresh)` : ''}
  SELECT site, id FROM fresh_ids`;
}

const APPEND = appendStatement(true);
/** The stream materializer's: it folds the new events in the same transaction. */
const APPEND_FOLDED = appendStatement(false);

/** Runs again after creating the partitions when `error` is a missing partition of `events` (23514). */
export function partitionsFor(pool: pg.Pool, timestamps: readonly number[]) {
  return async function createMissingPartitions(error: unknown): Promise<boolean> {
    if (sqlState(error) !== '23514') return false;
    await ensurePartitions(pool, timestamps.map(monthOf));
    return true;
  };
}

/** Each key's first item, sorted by key, so that inserts lock ids in one order. */
function firstByKey<T>(items: Iterable<T>, keyOfItem: (item: T) => string): { key: string; item: T }[] {
  const unique = new Map<string, T>();
  for (const item of items) {
    const key = keyOfItem(item);
    if (!unique.has(key)) unique.set(key, item);
  }
  return [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => ({ key, item }));
}

/** Runs an append statement on log rows; resolves with the keys it found new. */
async function newKeys(client: pg.PoolClient, statement: string, logRows: LogRow[]): Promise<Set<string>> {
  const { rows } = await client.query<{ site: string; id: string }>(statement, [recordParam(logRows)]);
  return new Set(rows.map((row) => keyOf(row.site, row.id)));
}

/**
 * Appends items to the log as `rowOf` makes them, each event id once, inside
 * the caller's transaction; resolves with the items that were new, in
 * sorted key order.
 */
export async function appendRows<Item>(
  client: pg.PoolClient,
  items: readonly Item[],
  rowOf: (item: Item) => LogRow,
): Promise<Item[]> {
  const sorted = firstByKey(
    items.map((item) => ({ item, row: rowOf(item) })),
    ({ row }) => keyOf(row.site, row.id),
  );
  const isNew = await newKeys(
    client,
    APPEND_FOLDED,
    sorted.map(({ item }) => item.row),
  );
  return sorted.filter(({ key }) => isNew.has(key)).map(({ item }) => item.item);
}

export function prepareAppend(pool: pg.Pool) {
  return async function appendGroup(batches: LogBatch[]): Promise<IngestCounts[]> {
    const candidates = firstByKey(
      batches.flatMap((batch, index) => batch.events.map((event) => ({ batch: index, event }))),
      ({ batch, event }) => keyOf((batches[batch] as LogBatch).site, event.id),
    );
    const logRows = candidates.map(({ item }) =>
      logRowOf(logValues(batches[item.batch] as LogBatch, item.event)),
    );
    const isNew = await transaction(
      pool,
      (client) => newKeys(client, APPEND, logRows),
      partitionsFor(
        pool,
        candidates.map(({ item }) => item.event.ts),
      ),
    );
    const accepted = batches.map(() => 0);
    for (const { key, item } of candidates) {
      if (isNew.has(key)) accepted[item.batch] = (accepted[item.batch] ?? 0) + 1;
    }
    return batches.map((batch, index) => ({
      accepted: accepted[index] ?? 0,
      duplicates: batch.events.length - (accepted[index] ?? 0),
    }));
  };
}
