/**
 * Keeps the readers' current scores true as time passes and models change
 * (see ../sqlite/refresh.ts for what and why). Every collector runs it on its
 * timer; a session advisory lock per site lets one of them do the work while
 * the others skip that site. Each page of pairs is one transaction through
 * `updatePairs`, under the same pair locks as ingest.
 */
import type pg from 'pg';
import { modelVersion, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import { AggregateDeltas } from '../aggregateDeltas.js';
import { boundaryDay } from '../engagement.js';
import type { RefreshReport } from '../store.js';
import { flushDeltas, lockSites } from './aggregates.js';
import { ensureLive } from './live.js';
import { REFRESH_NAMESPACE } from './locks.js';
import { updatePairs } from './pairs.js';
import { transaction } from './pool.js';

/** Pairs re-scored per transaction. */
export const PAIRS_PER_TRANSACTION = 500;

interface PairRow {
  visitor: string;
  content: string;
}

export function prepareRefresh(pool: pg.Pool) {
  function rescore(site: string, pairs: PairRow[], model: Model, now: number, from: number): Promise<void> {
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
  }

  /** Everything: every day score and every reader, in pages of the primary key. */
  async function rescoreAll(site: string, model: Model, now: number): Promise<number> {
    let after: PairRow = { visitor: '', content: '' };
    let count = 0;
    for (;;) {
      const { rows } = await pool.query<PairRow>(
        `SELECT DISTINCT visitor, content FROM visitor_days
         WHERE site = $1 AND (visitor, content) > ($2, $3) ORDER BY visitor, content LIMIT $4`,
        [site, after.visitor, after.content, PAIRS_PER_TRANSACTION],
      );
      if (!rows.length) return count;
      await rescore(site, rows, model, now, -Infinity);
      count += rows.length;
      after = rows[rows.length - 1] as PairRow;
    }
  }

  /** The readers with days between the last refresh's window start and this one's. */
  async function slideWindow(site: string, model: Model, now: number, since: number): Promise<number> {
    const from = boundaryDay({ now: since, windowDays: model.windowDays });
    const to = boundaryDay({ now, windowDays: model.windowDays });
    const { rows } = await pool.query<PairRow>(
      'SELECT DISTINCT visitor, content FROM visitor_days WHERE site = $1 AND day BETWEEN $2 AND $3',
      [site, from, to],
    );
    for (let start = 0; start < rows.length; start += PAIRS_PER_TRANSACTION) {
      await rescore(site, rows.slice(start, start + PAIRS_PER_TRANSACTION), model, now, Infinity);
    }
    return rows.length;
  }

  async function refreshLocked(site: string, model: Model, now: number): Promise<RefreshReport> {
    const version = modelVersion(model);
    const previous = (
      await pool.query<{ model_version: string; refreshed_at: number }>(
        'SELECT model_version, refreshed_at FROM sites WHERE site = $1',
        [site],
      )
    ).rows[0];
    const modelChanged = previous !== undefined && previous.model_version !== version;
    const rescored =
      previous && !modelChanged
        ? await slideWindow(site, model, now, previous.refreshed_at)
        : await rescoreAll(site, model, now);
    await pool.query(
      `INSERT INTO sites (site, model_version, refreshed_at) VALUES ($1, $2, $3)
       ON CONFLICT (site) DO UPDATE SET model_version = excluded.model_version, refreshed_at = excluded.refreshed_at`,
      [site, version, now],
    );
    await ensureLive(pool, site, dayOf(now) - model.windowDays + 1);
    return { rescored, modelChanged };
  }

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
      const report = await refreshLocked(site, model, now);
      await holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [REFRESH_NAMESPACE, site]);
      healthy = true;
      return report;
    } finally {
      // A failed refresh closes the connection, which releases the session lock.
      holder.release(healthy ? undefined : true);
    }
  };
}
