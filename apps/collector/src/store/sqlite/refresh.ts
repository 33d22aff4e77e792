/**
 * The refresh (../engine/refresh.ts) on SQLite: each page of pairs is one
 * synchronous transaction, and the event loop (and so ingest) runs between
 * two pages.
 */
import type Database from 'better-sqlite3';
import type { Model } from '@dwell/score';
import type { AggregateDeltas } from '../engine/aggregateDeltas.js';
import { yieldToLoop } from '../engine/async.js';
import { refreshSite, type PairRow, type RefreshSource, type SiteRefresh } from '../engine/refresh.js';
import type { RefreshReport } from '../store.js';
import { flushDeltas, prepareAggregateStatements } from './aggregates.js';
import type { Live } from './live.js';
import type { UpdatePair } from './pairs.js';

export function prepareRefresh(
  db: Database.Database,
  deltas: AggregateDeltas,
  updatePair: UpdatePair,
  live: Live,
) {
  const aggregates = prepareAggregateStatements(db);
  const selectSite = db.prepare<[string], SiteRefresh>(
    'SELECT model_version AS modelVersion, refreshed_at AS refreshedAt FROM sites WHERE site = ?',
  );
  const upsertSite = db.prepare(`
    INSERT INTO sites (site, model_version, refreshed_at) VALUES (?, ?, ?)
    ON CONFLICT (site) DO UPDATE SET model_version = excluded.model_version, refreshed_at = excluded.refreshed_at`);
  const selectPairsAfter = db.prepare<[string, string, string, number], PairRow>(`
    SELECT DISTINCT visitor, content FROM visitor_days
    WHERE site = ? AND (visitor, content) > (?, ?) ORDER BY visitor, content LIMIT ?`);
  const selectPairsOnDays = db.prepare<[string, number, number], PairRow>(
    'SELECT DISTINCT visitor, content FROM visitor_days WHERE site = ? AND day BETWEEN ? AND ?',
  );

  const rescorePage = db.transaction(
    (site: string, pairs: PairRow[], model: Model, now: number, from: number) => {
      deltas.clear();
      for (const { visitor, content } of pairs)
        updatePair({ site, visitor, content }, { model, now, rescoreFrom: from });
      flushDeltas(deltas, aggregates, live.lookup());
    },
  );

  const source: RefreshSource = {
    pairsAfter: (site, after, limit) => selectPairsAfter.all(site, after.visitor, after.content, limit),
    pairsOnDays: (site, from, to) => selectPairsOnDays.all(site, from, to),
    async rescore(site, pairs, model, now, from) {
      // IMMEDIATE: the writer thread writes too (`connection.ts`).
      rescorePage.immediate(site, pairs, model, now, from);
      // A page is synchronous: without this a refresh would hold the event loop to the end.
      await yieldToLoop();
    },
    readSite: (site) => selectSite.get(site),
    writeSite(site, { modelVersion, refreshedAt }) {
      upsertSite.run(site, modelVersion, refreshedAt);
    },
    ensureLive: (site, fromDay) => live.ensure(site, fromDay),
  };

  return (site: string, model: Model, now: number): Promise<RefreshReport> =>
    refreshSite(source, site, model, now);
}
