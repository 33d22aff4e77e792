/**
 * PostgreSQL's side of `../engine/readerPeriods.ts`: a read makes a site's
 * view of the default reader comparison under the site's exclusive lock
 * (like the live window, `live.ts`), and folds, which hold that lock shared,
 * keep their readers' rows true.
 */
import type pg from 'pg';
import {
  INSERT_READER_PERIODS,
  UPDATE_READER_PERIOD,
  bandsText,
  periodRowsParams,
  periodRowsSql,
  shouldMakeView,
  type ReaderPeriod,
  type ReaderPeriodDays,
} from '../engine/readerPeriods.js';
import { SITE_NAMESPACE } from './locks.js';
import { transaction } from './pool.js';

/** The periods each of these sites' views are for. */
export async function viewsOf(
  client: pg.Pool | pg.PoolClient,
  sites: readonly string[],
): Promise<Map<string, ReaderPeriodDays>> {
  const { rows } = await client.query<{ site: string; day: number; window_days: number; bands: string }>(
    'SELECT site, day, window_days, bands FROM reader_period_days WHERE site = ANY($1::text[])',
    [sites],
  );
  return new Map(
    rows.map((row) => [
      row.site,
      { day: row.day, windowDays: row.window_days, bandsLowFirst: row.bands.split('\n') },
    ]),
  );
}

/**
 * Makes the site's view for `view` when a read of it should
 * (`shouldMakeView`); resolves with the periods the site's view is for then.
 */
export async function ensurePeriods(
  pool: pg.Pool,
  site: string,
  view: ReaderPeriodDays,
): Promise<ReaderPeriodDays | undefined> {
  const stored = (await viewsOf(pool, [site])).get(site);
  if (!shouldMakeView(view, stored)) return stored;
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SITE_NAMESPACE, site]);
    // Another collector may have made it while this one waited for the lock.
    const now = (await viewsOf(client, [site])).get(site);
    if (!shouldMakeView(view, now)) return now;
    const params = periodRowsParams(site, view);
    const names = Object.keys(params);
    // The bands' type is not inferred inside CASE.
    const param = (name: string) => `$${names.indexOf(name) + 1}${/^b\d/.test(name) ? '::text' : ''}`;
    const select = periodRowsSql(param, view.bandsLowFirst);
    await client.query('DELETE FROM reader_periods WHERE site = $1', [site]);
    await client.query(`${INSERT_READER_PERIODS} ${select}`, Object.values(params));
    await client.query(
      `INSERT INTO reader_period_days (site, day, window_days, bands) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site) DO UPDATE SET day = excluded.day, window_days = excluded.window_days, bands = excluded.bands`,
      [site, view.day, view.windowDays, bandsText(view.bandsLowFirst)],
    );
    return view;
  });
}

/** Drops the site's view (its readers were scored again): the next read of it makes it anew. */
export async function dropPeriods(client: pg.PoolClient, site: string): Promise<void> {
  await client.query('DELETE FROM reader_period_days WHERE site = $1', [site]);
  await client.query('DELETE FROM reader_periods WHERE site = $1', [site]);
}

/** A reader's row of the view after a fold. */
export interface PeriodWrite {
  site: string;
  visitor: string;
  period: ReaderPeriod;
}

const UPSERT = `${INSERT_READER_PERIODS}
  SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::int4[], $6::int4[], $7::text[],
    $8::int4[], $9::int4[], $10::int4[])
  ${UPDATE_READER_PERIOD}`;

/** Writes the fold's rows of the views in one statement. */
export async function writePeriods(client: pg.PoolClient, writes: readonly PeriodWrite[]): Promise<void> {
  if (!writes.length) return;
  const column = <T>(value: (period: ReaderPeriod) => T) => writes.map((write) => value(write.period));
  await client.query(UPSERT, [
    writes.map((write) => write.site),
    writes.map((write) => write.visitor),
    column((period) => period.previous.day),
    column((period) => period.previous.band),
    column((period) => period.previous.scoreX10),
    column((period) => period.current?.day ?? null),
    column((period) => period.current?.band ?? null),
    column((period) => period.current?.scoreX10 ?? null),
    column((period) => (period.fell ? 1 : 0)),
    column((period) => period.fallX10),
  ]);
}
