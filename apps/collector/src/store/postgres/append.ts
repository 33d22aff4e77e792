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
 * made; nothing is acknowledged before it commits.
 */
import type pg from 'pg';
import { keyOf } from '../engine/keys.js';
import { LOG_COLUMNS, logValues, type LogRow } from '../engine/logRow.js';
import type { IngestCounts, LogBatch, StoredEvent } from '../store.js';
import { ensurePartitions, monthOf } from './partitions.js';
import { sqlState, transaction } from './pool.js';

interface Candidate {
  key: string;
  batch: number;
  event: StoredEvent;
}

/** The PostgreSQL type of each of `LOG_COLUMNS`. */
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
  data: 'jsonb',
};

const COLUMNS = LOG_COLUMNS.join(', ');

/** The append's statement; `queue`: the new events also go to `pending`, for a materializer to fold later. */
function appendStatement(queue: boolean): string {
  return `
  WITH input AS (
    SELECT * FROM unnest(${LOG_COLUMNS.map((column, index) => `$${index + 1}::${LOG_TYPES[column]}[]`).join(', ')})
      AS t(${COLUMNS})
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

/**
 * Appends log rows to the log, each event id once, inside the caller's
 * transaction; resolves with the rows that were new, in sorted key order.
 */
export async function appendRows(client: pg.PoolClient, rows: readonly LogRow[]): Promise<LogRow[]> {
  const unique = new Map<string, LogRow>();
  for (const row of rows) {
    const key = keyOf(row.site, row.id);
    if (!unique.has(key)) unique.set(key, row);
  }
  const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const columns = LOG_COLUMNS.map((column) => sorted.map(([, row]) => row[column]));
  const inserted = await client.query<{ site: string; id: string }>(APPEND_FOLDED, columns);
  const isNew = new Set(inserted.rows.map((row) => keyOf(row.site, row.id)));
  return sorted.filter(([key]) => isNew.has(key)).map(([, row]) => row);
}

/** Each event id once per site, first occurrence first, sorted so inserts lock ids in one order. */
function candidatesOf(batches: LogBatch[]): Candidate[] {
  const unique = new Map<string, Candidate>();
  batches.forEach((batch, index) => {
    for (const event of batch.events) {
      const key = keyOf(batch.site, event.id);
      if (!unique.has(key)) unique.set(key, { key, batch: index, event });
    }
  });
  return [...unique.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function prepareAppend(pool: pg.Pool) {
  return async function appendGroup(batches: LogBatch[]): Promise<IngestCounts[]> {
    const candidates = candidatesOf(batches);
    const columns: unknown[][] = LOG_COLUMNS.map(() => []);
    for (const { batch, event } of candidates) {
      logValues(batches[batch] as LogBatch, event).forEach((value, column) => columns[column]?.push(value));
    }
    const inserted = await transaction(
      pool,
      async (client) => (await client.query<{ site: string; id: string }>(APPEND, columns)).rows,
      partitionsFor(
        pool,
        candidates.map((candidate) => candidate.event.ts),
      ),
    );
    const isNew = new Set(inserted.map((row) => keyOf(row.site, row.id)));
    const accepted = batches.map(() => 0);
    for (const candidate of candidates) {
      if (isNew.has(candidate.key)) accepted[candidate.batch] = (accepted[candidate.batch] ?? 0) + 1;
    }
    return batches.map((batch, index) => ({
      accepted: accepted[index] ?? 0,
      duplicates: batch.events.length - (accepted[index] ?? 0),
    }));
  };
}
