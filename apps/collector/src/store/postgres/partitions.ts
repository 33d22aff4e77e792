/**
 * The raw events table is partitioned by calendar month (UTC) of `ts`:
 * `events_2026_11` holds November 2026. Partitions are created ahead of time
 * (this month, the one before and the next two), and on demand when an event
 * lands in a month that has none (a long model window reaches far back).
 * Retention drops whole partitions — no row-by-row delete of raw events —
 * and the event ids that went with them.
 */
import type pg from 'pg';
import { LOCKS } from './locks.js';
import { transaction } from './pool.js';

/** Months counted from year 0: `year * 12 + month` (month 0–11), UTC. */
export function monthOf(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function monthStart(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}

export function partitionName(month: number): string {
  return `events_${Math.floor(month / 12)}_${String((month % 12) + 1).padStart(2, '0')}`;
}

const PARTITION_NAME = /^events_(\d{4})_(\d{2})$/;

/** Event ids deleted per statement while expiring, so no statement runs long. */
const EXPIRE_BATCH = 10_000;

/** Creates the partitions of these months that do not exist yet. */
export async function ensurePartitions(pool: pg.Pool, months: Iterable<number>): Promise<void> {
  const wanted = [...new Set(months)].sort((a, b) => a - b);
  if (!wanted.length) return;
  await transaction(pool, async (client) => {
    // Collectors starting together would otherwise race on CREATE TABLE.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', LOCKS.partitions);
    // Attaching a partition locks the parent briefly: give up rather than stall ingest.
    await client.query("SET LOCAL lock_timeout = '5s'");
    for (const month of wanted) {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${partitionName(month)} PARTITION OF events FOR VALUES FROM (${monthStart(month)}) TO (${monthStart(month + 1)})`,
      );
    }
  });
}

/** The months that should exist around `now`: the previous one, this one and the next two. */
export function monthsAhead(now: number): number[] {
  const current = monthOf(now);
  return [current - 1, current, current + 1, current + 2];
}

/**
 * Drops the partitions of months before the last `retentionMonths` whole
 * months, and the ids of their events; returns the dropped partitions' names.
 */
export async function expirePartitions(
  pool: pg.Pool,
  now: number,
  retentionMonths: number,
): Promise<string[]> {
  if (!retentionMonths) return [];
  const firstKept = monthOf(now) - retentionMonths;
  const { rows } = await pool.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass",
  );
  const expired = rows
    .map((row) => row.name)
    .filter((name) => {
      const match = PARTITION_NAME.exec(name);
      return match && Number(match[1]) * 12 + Number(match[2]) - 1 < firstKept;
    });
  if (expired.length) {
    await transaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', LOCKS.partitions);
      await client.query("SET LOCAL lock_timeout = '5s'");
      for (const name of expired) await client.query(`DROP TABLE IF EXISTS ${name}`);
    });
  }
  const cutoff = monthStart(firstKept);
  for (;;) {
    const { rowCount } = await pool.query(
      'DELETE FROM event_ids WHERE ctid = ANY (ARRAY(SELECT ctid FROM event_ids WHERE ts < $1 LIMIT $2))',
      [cutoff, EXPIRE_BATCH],
    );
    if (!rowCount || rowCount < EXPIRE_BATCH) break;
  }
  return expired;
}
