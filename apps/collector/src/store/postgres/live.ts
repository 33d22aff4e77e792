/**
 * `content_live`: per content, the sum of its `content_days` rows from a
 * site's live window start on (see ../sqlite/live.ts). Ingest adds to it
 * under the site's shared lock (`aggregates.ts`); when the window starts on a
 * new day, one collector rebuilds it under the exclusive lock, once a day.
 */
import type pg from 'pg';
import { SITE_NAMESPACE } from './locks.js';
import { transaction } from './pool.js';

/** Makes `content_live` sum the days from `fromDay` on. */
export async function ensureLive(pool: pg.Pool, site: string, fromDay: number): Promise<void> {
  const fromOf = async (client: pg.Pool | pg.PoolClient) =>
    (await client.query<{ from_day: number }>('SELECT from_day FROM live_windows WHERE site = $1', [site]))
      .rows[0]?.from_day;
  if ((await fromOf(pool)) === fromDay) return;
  await transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SITE_NAMESPACE, site]);
    // Another collector may have rebuilt it while this one waited for the lock.
    if ((await fromOf(client)) === fromDay) return;
    await client.query('DELETE FROM content_live WHERE site = $1', [site]);
    await client.query(
      `INSERT INTO content_live (site, content, views, shares, engaged_ms, events, readers, score_x10, score_sq, repeaters)
       SELECT site, content, SUM(views), SUM(shares), SUM(engaged_ms), SUM(events), SUM(readers), SUM(score_x10),
         SUM(score_sq), SUM(repeaters)
       FROM content_days WHERE site = $1 AND day >= $2 GROUP BY site, content`,
      [site, fromDay],
    );
    await client.query(
      `INSERT INTO live_windows (site, from_day) VALUES ($1, $2)
       ON CONFLICT (site) DO UPDATE SET from_day = excluded.from_day`,
      [site, fromDay],
    );
  });
}
