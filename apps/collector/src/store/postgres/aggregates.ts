/**
 * Writes a transaction's aggregate deltas (`../engine/aggregateDeltas.ts`): one
 * `INSERT … ON CONFLICT DO UPDATE` per table, adding to the stored sums, in
 * the same transaction as the events they come from. Additions commute, so
 * collectors writing the same rows at once only wait for each other's row
 * locks; the rows come sorted, so they take them in one order.
 */
import type pg from 'pg';
import type { AggregateDeltas, DayDelta } from '../engine/aggregateDeltas.js';
import { SITE_NAMESPACE } from './locks.js';

const SUMS: [column: string, key: keyof DayDelta, type: string][] = [
  ['views', 'views', 'int8'],
  ['shares', 'shares', 'int8'],
  ['engaged_ms', 'engagedMs', 'float8'],
  ['events', 'events', 'int8'],
  ['active_readers', 'activeReaders', 'int8'],
  ['active_score_x10', 'activeScoreX10', 'int8'],
  ['readers', 'readers', 'int8'],
  ['score_x10', 'scoreX10', 'int8'],
  ['score_sq', 'scoreSq', 'int8'],
  ['repeaters', 'repeaters', 'int8'],
];
/** content_live has no per-day "active" sums. */
const LIVE_SUMS = SUMS.filter(([column]) => !column.startsWith('active_'));

function upsert(table: string, keys: [string, string][], sums: typeof SUMS): string {
  const names = [...keys.map(([name]) => name), ...sums.map(([column]) => column)];
  const types = [...keys.map(([, type]) => type), ...sums.map(([, , type]) => type)];
  const sets = sums.map(([column]) => `${column} = ${table}.${column} + excluded.${column}`);
  return `INSERT INTO ${table} (${names.join(', ')})
    SELECT * FROM unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')})
    ON CONFLICT (${keys.map(([name]) => name).join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
}

const ADD_DAYS = upsert(
  'content_days',
  [
    ['site', 'text'],
    ['day', 'int4'],
    ['content', 'text'],
  ],
  SUMS,
);
const ADD_LIVE = upsert(
  'content_live',
  [
    ['site', 'text'],
    ['content', 'text'],
  ],
  LIVE_SUMS,
);
const ADD_BANDS = `INSERT INTO content_day_bands (site, content, day, band, readers, audience_x10)
  SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::int8[], $6::int8[])
  ON CONFLICT (site, content, day, band) DO UPDATE SET
    readers = content_day_bands.readers + excluded.readers,
    audience_x10 = content_day_bands.audience_x10 + excluded.audience_x10`;

/**
 * Takes the sites' live-window locks in shared mode: every transaction that
 * adds to `content_live` holds one until it commits, and a rebuild of the
 * window (`live.ts`) holds it exclusively, so no addition is lost or counted
 * twice across a rebuild. Call first in the transaction.
 */
export async function lockSites(client: pg.PoolClient, sites: Iterable<string>): Promise<void> {
  const sorted = [...new Set(sites)].sort();
  await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext(s)) FROM unnest($2::text[]) AS t(s)', [
    SITE_NAMESPACE,
    sorted,
  ]);
}

/** Writes every non-zero delta of the transaction (the sites must be locked with `lockSites`). */
export async function flushDeltas(
  client: pg.PoolClient,
  deltas: AggregateDeltas,
  sites: Iterable<string>,
): Promise<void> {
  const { rows } = await client.query<{ site: string; from_day: number }>(
    'SELECT site, from_day FROM live_windows WHERE site = ANY($1::text[])',
    [[...new Set(sites)]],
  );
  const liveFrom = new Map(rows.map((row) => [row.site, row.from_day]));
  const { days, live, bands } = deltas.take((site) => liveFrom.get(site) ?? Infinity);
  if (days.length) {
    await client.query(ADD_DAYS, [
      days.map((row) => row.site),
      days.map((row) => row.day),
      days.map((row) => row.content),
      ...SUMS.map(([, key]) => days.map((row) => row.delta[key])),
    ]);
  }
  if (live.length) {
    await client.query(ADD_LIVE, [
      live.map((row) => row.site),
      live.map((row) => row.content),
      ...LIVE_SUMS.map(([, key]) => live.map((row) => row.delta[key])),
    ]);
  }
  if (bands.length) {
    await client.query(ADD_BANDS, [
      bands.map((row) => row.site),
      bands.map((row) => row.content),
      bands.map((row) => row.day),
      bands.map((row) => row.band),
      bands.map((row) => row.readers),
      bands.map((row) => row.audienceX10),
    ]);
  }
}
