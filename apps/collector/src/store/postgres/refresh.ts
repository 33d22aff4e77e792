/**
 * The refresh (../engine/refresh.ts) on PostgreSQL. Every collector runs it on its
 * timer; a session advisory lock per site lets one of them do the work while
 * the others skip that site. Each page of pairs is one transaction through
 * `updatePairs`, under the same pair locks as ingest.
 */
import type pg from 'pg';
import type { Model } from '@dwell/score';
import { AggregateDeltas } from '../engine/aggregateDeltas.js';
import { refreshSite, type PairRow, type RefreshSource, type SiteRefresh } from '../engine/refresh.js';
import type { RefreshReport } from '../store.js';
import { flushDeltas, lockSites } from './aggregates.js';
import { ensureLive } from './live.js';
import { REFRESH_NAMESPACE } from './locks.js';
import { updatePairs } from './pairs.js';
import { transaction } from './pool.js';

export function prepareRefresh(pool: pg.Pool) {
  const source: RefreshSource = {
    async pairsAfter(site, after, limit) {
      const { rows } = await pool.query<PairRow>(
        `SELECT DISTINCT visitor, content FROM visitor_days
         WHERE site = $1 AND (visitor, content) > ($2, $3) ORDER BY visitor, content LIMIT $4`,
        [site, after.visitor, after.content, limit],
      );
      return rows;
    },

    async pairsOnDays(site, from, to) {
      const { rows } = await pool.query<PairRow>(
        'SELECT DISTINCT visitor, content FROM visitor_days WHERE site = $1 AND day BETWEEN $2 AND $3',
        [site, from, to],
      );
      return rows;
    },

    rescore(site, pairs, model, now, from) {
      return transaction(pool, async (client) => {
        await lockSites(client, [site]);
        const deltas = new AggregateDeltas();
        const work = pairs.map(({ visitor, content }) => ({
          pair: { site, visitor, content },
          update: { model, now, rescoreFrom: from },
        }));
        await updatePairs(client, work, deltas);
        await flushDeltas(client, deltas, [site]);
      });
    },

    async readSite(site) {
      const { rows } = await pool.query<SiteRefresh>(
        'SELECT model_version AS "modelVersion", refreshed_at AS "refreshedAt" FROM sites WHERE site = $1',
        [site],
      );
      return rows[0];
    },

    async writeSite(site, { modelVersion, refreshedAt }) {
      await pool.query(
        `INSERT INTO sites (site, model_version, refreshed_at) VALUES ($1, $2, $3)
         ON CONFLICT (site) DO UPDATE SET model_version = excluded.model_version, refreshed_at = excluded.refreshed_at`,
        [site, modelVersion, refreshedAt],
      );
    },

    ensureLive: (site, fromDay) => ensureLive(pool, site, fromDay),
  };

  return async function refresh(site: string, model: Model, now: number): Promise<RefreshReport> {
    const holder = await pool.connect();
    let healthy = false;
    try {
      const { rows } = await holder.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS got',
        [REFRESH_NAMESPACE, site],
      );
      if (!rows[0]?.got) {
        healthy = true;
        // Another collector is refreshing this site right now: its work counts for all.
        return { rescored: 0, modelChanged: false };
      }
      const report = await refreshSite(source, site, model, now);
      await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [REFRESH_NAMESPACE, site]);
      healthy = true;
      return report;
    } finally {
      // A failed refresh closes the connection, which releases the session lock.
      holder.release(healthy ? undefined : true);
    }
  };
}
